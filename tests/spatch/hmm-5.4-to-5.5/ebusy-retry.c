// SPDX-License-Identifier: GPL-2.0
/*
 * The user pages of a buffer object, as a GPU driver's userptr path gets
 * them on 5.4: a kzalloc'd range over the object, registered and waited
 * for, the vma checked and the fault taken under mmap_sem, and any error
 * (-EBUSY included) handed to the caller.  5.4 returned -EBUSY only while
 * an invalidation of the range was in progress; from 5.5 it means the
 * notifier's sequence moved after mmu_interval_read_begin(), the fault's
 * own copy-on-write break included, so the step must not leave
 * ubo_get_pages() giving up on it silently.  ubo_pin_pages() has the same
 * shape, but its caller tries again on -EBUSY: nothing to say there.
 */
#include <linux/hmm.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

struct ubo {
	struct hmm_mirror *mirror;
	struct mm_struct *mm;
	unsigned long uaddr;
	unsigned long npages;
	struct hmm_range *range;
};

int ubo_get_pages(struct ubo *ubo, u64 *pfns)
{
	struct mm_struct *mm = ubo->mm;
	struct vm_area_struct *vma;
	struct hmm_range *range;
	long r;

	if (!mmget_not_zero(mm))
		return -ESRCH;
	range = kzalloc(sizeof(*range), GFP_KERNEL);
	if (!range) {
		r = -ENOMEM;
		goto out;
	}
	range->start = ubo->uaddr;
	range->end = ubo->uaddr + (ubo->npages << PAGE_SHIFT);
	range->pfns = pfns;
	hmm_range_register(range, ubo->mirror);
	hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT);

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, range->start);
	if (!vma || range->start < vma->vm_start) {
		r = -EFAULT;
		goto out_unlock;
	}
	r = hmm_range_fault(range, 0);
	up_read(&mm->mmap_sem);
	if (r < 0)
		goto out_unregister;

	ubo->range = range;
	mmput(mm);
	return 0;

out_unlock:
	up_read(&mm->mmap_sem);
out_unregister:
	hmm_range_unregister(range);
	kfree(range);
out:
	mmput(mm);
	return r;
}

static long ubo_pin_pages(struct ubo *ubo, struct hmm_range *range)
{
	long r;

	hmm_range_register(range, ubo->mirror);
	hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT);
	down_read(&ubo->mm->mmap_sem);
	r = hmm_range_fault(range, 0);
	up_read(&ubo->mm->mmap_sem);
	hmm_range_unregister(range);
	return r;
}

long ubo_validate(struct ubo *ubo, struct hmm_range *range)
{
	int tries = 16;
	long r;

	if (!mmget_not_zero(ubo->mm))
		return -ESRCH;
	do {
		r = ubo_pin_pages(ubo, range);
	} while (r == -EBUSY && --tries);
	mmput(ubo->mm);
	return r;
}
