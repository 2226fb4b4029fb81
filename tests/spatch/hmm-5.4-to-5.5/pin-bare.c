// SPDX-License-Identifier: GPL-2.0
/*
 * Ranges registered by bare statements whose results are ignored, in
 * helpers: the step sets the notifier and waits with read_begin, but 5.4's
 * hmm_range_register() also pinned the mm.  One caller pins the mm itself
 * (fine), the other does not (the check must say so at the fault).
 */
#include <linux/hmm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

struct bo {
	struct hmm_mirror *mirror;
	struct mm_struct *mm;
	unsigned long addr, size;
	u64 *pfns;
};

static long bo_fault_range(struct bo *bo, struct hmm_range *range)
{
	range->start = bo->addr;
	range->end = bo->addr + bo->size;
	range->pfns = bo->pfns;
	hmm_range_register(range, bo->mirror);
	hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT);
	return hmm_range_fault(range, 0);
}

long bo_populate(struct bo *bo)
{
	struct hmm_range *range;
	long r;

	if (!mmget_not_zero(bo->mm))
		return -ESRCH;
	range = kzalloc(sizeof(*range), GFP_KERNEL);
	if (!range) {
		mmput(bo->mm);
		return -ENOMEM;
	}
	down_read(&bo->mm->mmap_sem);
	r = bo_fault_range(bo, range);
	up_read(&bo->mm->mmap_sem);
	hmm_range_unregister(range);
	kfree(range);
	mmput(bo->mm);
	return r;
}

long bo_refault(struct bo *bo)
{
	struct hmm_range *range;
	long r;

	range = kzalloc(sizeof(*range), GFP_KERNEL);
	if (!range)
		return -ENOMEM;
	range->start = bo->addr;
	range->end = bo->addr + bo->size;
	range->pfns = bo->pfns;
	hmm_range_register(range, bo->mirror);
	hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT);
	down_read(&bo->mm->mmap_sem);
	r = hmm_range_fault(range, 0);
	up_read(&bo->mm->mmap_sem);
	hmm_range_unregister(range);
	kfree(range);
	return r;
}
