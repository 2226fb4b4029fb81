// SPDX-License-Identifier: GPL-2.0
/*
 * Two callers of hmm_vma_fault(): one in nouveau's shape (unlock after
 * the success branch), one that hands the result back after unlocking.
 * One helper serves both, so it keeps 5.2's contract and both unlocks
 * that run after a -EBUSY/-EAGAIN are pointed at, none moved.
 */
#include <linux/hmm.h>
#include <linux/mm.h>

struct gpu_svm {
	struct mutex lock;
	struct mm_struct *mm;
	struct hmm_mirror mirror;
};

int gpu_svm_map(struct gpu_svm *svm, u64 *ptes);

int gpu_svm_fault(struct gpu_svm *svm, struct hmm_range *range, u64 *ptes)
{
	int ret;

	down_read(&svm->mm->mmap_sem);
	ret = hmm_vma_fault(range, true);
	if (ret == 0) {
		mutex_lock(&svm->lock);
		if (hmm_vma_range_done(range))
			ret = gpu_svm_map(svm, ptes);
		mutex_unlock(&svm->lock);
	}
	up_read(&svm->mm->mmap_sem);
	return ret;
}

int gpu_svm_prefault(struct gpu_svm *svm, struct hmm_range *range)
{
	int ret;

	down_read(&svm->mm->mmap_sem);
	ret = hmm_vma_fault(range, true);
	up_read(&svm->mm->mmap_sem);
	return ret;
}
