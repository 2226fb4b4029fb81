// SPDX-License-Identifier: GPL-2.0
/*
 * The same double unlock without a success branch to move the unlock
 * into: the result is handed back after an unconditional up_read().  The
 * helper keeps 5.2's contract and the check points at the unlock.
 */
#include <linux/hmm.h>
#include <linux/mm.h>

struct gpu_svm {
	struct mm_struct *mm;
	struct hmm_mirror mirror;
};

int gpu_svm_prefault(struct gpu_svm *svm, struct vm_area_struct *vma,
		     unsigned long addr, u64 *ptes)
{
	struct hmm_range range;
	int ret;

	down_read(&svm->mm->mmap_sem);
	range.vma = vma;
	range.start = addr;
	range.end = addr + PAGE_SIZE;
	range.pfns = ptes;
	ret = hmm_vma_fault(&range, true);
	up_read(&svm->mm->mmap_sem);
	return ret;
}
