/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux 5.2 HMM mirror API, emulated on the
 * mmu_interval_notifier + hmm_range_fault(range) API of v5.8 and later.
 *
 * 5.2 is 5.3 (compat/hmm53_types.h: the same struct hmm_update, struct
 * hmm_mirror, struct hmm_range, hmm_range_snapshot() and
 * hmm_range_fault(range, block)) except that:
 *  - hmm_range_register() takes the mm, not the mirror: a range can be
 *    registered on an mm no mirror tracks (5.2 created the mm's struct hmm
 *    on demand, as compat/hmm_mirror.c's hmm_compat_hmm_get() does);
 *  - the transitional inlines of the 4.20 .. 5.1 API are still there:
 *    hmm_vma_fault(range, block) and hmm_vma_range_done(range);
 *  - hmm_mirror_mm_is_alive() exists.
 *
 * Internal header (see compat/hmm.h); do not include it from a driver.
 */
#ifndef _COMPAT_HMM52_TYPES_H
#define _COMPAT_HMM52_TYPES_H

#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <compat/hmm53_types.h>

int hmm_compat52_range_register(struct hmm_compat53_range *range,
				struct mm_struct *mm,
				unsigned long start, unsigned long end,
				unsigned int page_shift);

/**
 * hmm_compat52_vma_range_done() - 5.2 hmm_vma_range_done(): stop tracking
 *	a range and say whether its result may be used
 * @range: a range hmm_vma_fault() registered
 *
 * Call it under the lock the driver's sync_cpu_device_pagetables() takes,
 * with the mm's mmap_lock still held for read.
 *
 * Return: true if no invalidation hit @range since it was faulted.
 */
static inline bool
hmm_compat52_vma_range_done(struct hmm_compat53_range *range)
{
	bool ret = hmm_compat53_range_valid(range);

	hmm_compat53_range_unregister(range);
	return ret;
}

/**
 * hmm_compat52_vma_fault() - 5.2 hmm_vma_fault(): register and fault a
 *	range the 4.20 .. 5.1 way
 * @range: @vma, @start, @end, @pfns (each entry the request: the driver's
 *	flags[HMM_PFN_VALID], plus flags[HMM_PFN_WRITE] to fault for write),
 *	@flags, @values and @pfn_shift set
 * @block: ignored (the emulation never drops mmap_lock on its own)
 *
 * Called with @range->vma->vm_mm's mmap_lock held for read.  As in 5.2, on
 * -EAGAIN and -EBUSY that lock has been dropped and the range is not
 * registered: take the lock again and retry.  On 0 the range stays
 * registered until hmm_vma_range_done().  (5.2 left the range registered
 * on its -EAGAIN path; the emulation does not.)
 *
 * Return: 0; -EAGAIN or -EBUSY (mmap_lock dropped); -EFAULT, -EPERM or
 * another -errno (mmap_lock still held, range not registered).
 */
static inline int hmm_compat52_vma_fault(struct hmm_compat53_range *range,
					 bool block)
{
	struct mm_struct *mm = range->vma->vm_mm;
	long ret;

	/*
	 * A user of the mm is held across the fault (GUP needs a live mm),
	 * not by the registered range: 5.2's held none, and its drivers end
	 * the range in hmm_vma_range_done() under their own lock, where the
	 * last user would run exit_mmap() and its invalidations.
	 */
	if (!mmget_not_zero(mm))
		return -EFAULT;
	/* The driver sets each entry's request: keep them, no default. */
	range->default_flags = 0;
	range->pfn_flags_mask = -1ULL;
	ret = hmm_compat52_range_register(range, mm, range->start, range->end,
					  PAGE_SHIFT);
	if (ret)
		goto unpin;
	if (!hmm_compat53_range_wait_until_valid(range,
						 HMM_COMPAT53_RANGE_DEFAULT_TIMEOUT)) {
		hmm_compat53_range_unregister(range);
		mmap_read_unlock(mm);
		mmput(mm);
		return -EAGAIN;
	}
	ret = hmm_compat53_range_fault(range, block);
	if (ret > 0) {
		ret = 0;
		goto unpin;
	}
	hmm_compat53_range_unregister(range);
	if (ret == -EBUSY || !ret) {
		/* As 5.2: an invalidated range drops mmap_lock. */
		mmap_read_unlock(mm);
		mmput(mm);
		return -EBUSY;
	}
	if (ret == -EAGAIN) {
		/* The fault dropped mmap_lock: 5.2 said -EBUSY. */
		mmput(mm);
		return -EBUSY;
	}
unpin:
	/*
	 * The last user (the process exited meanwhile) would run exit_mmap()
	 * under our caller's mmap_lock, which v5.10+ take there: it is
	 * dropped after unlocking, and the caller told -EBUSY as 5.2 does
	 * when it dropped the lock (its retry finds the mm gone: -EFAULT).
	 */
	if (atomic_add_unless(&mm->mm_users, -1, 1))
		return (int)ret;
	if (!ret)
		hmm_compat53_range_unregister(range);
	mmap_read_unlock(mm);
	mmput(mm);
	return -EBUSY;
}

/**
 * hmm_compat52_mirror_mm_is_alive() - 5.2 hmm_mirror_mm_is_alive()
 * @mirror: a registered mirror
 *
 * Return: false once the mirrored mm is going away (release seen).
 */
static inline bool
hmm_compat52_mirror_mm_is_alive(struct hmm_compat53_mirror *mirror)
{
	struct hmm_compat_hmm *hmm = mirror->core.hmm;

	return hmm && !READ_ONCE(hmm->released);
}

#endif /* _COMPAT_HMM52_TYPES_H */
