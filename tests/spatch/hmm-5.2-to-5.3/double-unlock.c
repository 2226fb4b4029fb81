// SPDX-License-Identifier: GPL-2.0
/*
 * A GPU fault handler of the 5.2 era: hmm_vma_fault() under mmap_sem,
 * hmm_vma_range_done() under the driver's lock, and one up_read() after
 * the success branch.  5.2's hmm_vma_fault() had already dropped mmap_sem
 * on -EBUSY/-EAGAIN, so that up_read() ran twice on them.  As nouveau did
 * in 5.3, the helper the step writes drops the lock on every error and
 * the unlock moves to the end of the success branch.
 */
#include <linux/hmm.h>
#include <linux/mm.h>

struct gpu_svm {
	struct mutex lock;
	struct mm_struct *mm;
	struct hmm_mirror mirror;
};

int gpu_svm_map(struct gpu_svm *svm, u64 *ptes);

int gpu_svm_fault(struct gpu_svm *svm, unsigned long addr, u64 *ptes)
{
	struct vm_area_struct *vma;
	struct hmm_range range;
	int ret;

	down_read(&svm->mm->mmap_sem);
	vma = find_vma_intersection(svm->mm, addr, addr + PAGE_SIZE);
	if (!vma) {
		up_read(&svm->mm->mmap_sem);
		return -EFAULT;
	}
	range.vma = vma;
	range.start = addr;
	range.end = addr + PAGE_SIZE;
	range.pfns = ptes;
again:
	ret = hmm_vma_fault(&range, true);
	if (ret == 0) {
		mutex_lock(&svm->lock);
		if (!hmm_vma_range_done(&range)) {
			mutex_unlock(&svm->lock);
			goto again;
		}
		ret = gpu_svm_map(svm, ptes);
		mutex_unlock(&svm->lock);
	}
	up_read(&svm->mm->mmap_sem);
	return ret;
}
