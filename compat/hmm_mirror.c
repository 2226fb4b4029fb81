// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux 5.4 HMM mirror API (struct hmm_mirror,
 * hmm_range_register(), hmm_range_fault(range, flags) with driver-encoded
 * uint64_t pfns) on kernels that only have mmu_interval_notifier and
 * int hmm_range_fault(range) with unsigned long hmm_pfns (v5.8 and later).
 *
 * Linked into the module of a driver that includes compat/hmm.h with
 * HMM_COMPAT_API == 0x050400, and not exported: every such module has its
 * own copy.  The driver sees the 5.4 names; this file sees the kernel's own
 * (see compat/hmm.h for how the clash is resolved) and the emulation's
 * hmm_compat54_* names.
 *
 * How 5.4 maps onto today's API:
 *  - a mirror is one mmu_interval_notifier over the whole address space of
 *    its mm.  Its invalidate callback plays 5.4's hmm_invalidate_range_start():
 *    it marks every registered range overlapping the invalidation invalid,
 *    bumps the notifier's sequence and calls the driver's
 *    sync_cpu_device_pagetables() with the kernel's mmu_notifier_range.
 *    On MMU_NOTIFY_RELEASE (the mm is going away) it calls ops->release()
 *    once instead, as 5.4's hmm_release() did.
 *  - a registered range remembers the notifier sequence it was validated at
 *    (mmu_interval_read_begin(), at registration and in
 *    hmm_range_wait_until_valid()); hmm_range_fault() hands that sequence to
 *    the kernel's hmm_range_fault(), so an invalidation anywhere in the mm
 *    since then ends the fault with -EBUSY, as 5.4 did for one hitting the
 *    range.
 *  - the 5.4 driver-defined entry encoding (flags[]/values[]/pfn_shift) is
 *    translated to and from the kernel's HMM_PFN_* bits, a chunk of pages at
 *    a time.
 *
 * Locking: see compat/hmm54_types.h.  In short: mmap_lock (write) around
 * hmm_mirror_register(), mmap_lock (read) around hmm_range_fault();
 * hmm->ranges_lock (spinlock) for the range list, the ranges' valid flag and
 * sequence, and as the user_lock of the interval notifier; the driver's own
 * lock around its sync callback and its hmm_range_valid() check.
 *
 * Differences from 5.4, none visible to a driver that follows the 5.4 rules:
 *  - invalidations of the mm that do not overlap a range can still make
 *    hmm_range_fault() on it return -EBUSY (the notifier covers the whole mm);
 *  - hmm_range_wait_until_valid() sleeps uninterruptibly while an
 *    invalidation runs (in mmu_interval_read_begin()) and only checks
 *    @timeout between invalidations;
 *  - HMM_FAULT_ALLOW_RETRY is accepted but mmap_lock is never dropped, so
 *    -EAGAIN is never returned;
 *  - device-private pages are never reported with flags[HMM_PFN_DEVICE_PRIVATE]:
 *    the 5.4 API has no dev_private_owner, so they are faulted back to system
 *    memory (or reported as the kernel reports foreign device pages);
 *  - invalidations after release still reach sync_cpu_device_pagetables()
 *    (5.4 stopped calling the mirror at release) until the mirror is
 *    unregistered.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <compat/hmm.h>

#ifndef HB_HAVE_HMM_MIRROR

#include <compat/hmm54_types.h>

/* Pages translated per call of the kernel's hmm_range_fault(). */
#define HMM_COMPAT54_CHUNK	64

/*
 * The interval notifier's invalidate callback: 5.4's
 * hmm_invalidate_range_start() and hmm_release() in one.
 *
 * Called with no lock of ours held, possibly from a non-blocking context
 * (!mmu_notifier_range_blockable(update): the OOM reaper), so it only takes
 * hmm->ranges_lock before calling the driver.
 */
static bool hmm_compat54_invalidate(struct mmu_interval_notifier *mni,
				    const struct mmu_notifier_range *update,
				    unsigned long cur_seq)
{
	struct hmm_compat54_hmm *hmm =
		container_of(mni, struct hmm_compat54_hmm, notifier);
	struct hmm_compat54_mirror *mirror = hmm->mirror;
	struct hmm_compat54_range *range;
	bool release = false;
	int ret;

	/*
	 * Invalidate first, then call the driver: a fault that checks
	 * hmm_range_valid() under the driver's lock after the driver's
	 * callback dropped that lock must see the range invalid.
	 */
	spin_lock(&hmm->ranges_lock);
	mmu_interval_set_seq(mni, cur_seq);
	list_for_each_entry(range, &hmm->ranges, list) {
		if (update->end <= range->start || update->start >= range->end)
			continue;
		WRITE_ONCE(range->valid, false);
	}
	if (update->event == MMU_NOTIFY_RELEASE && !hmm->released) {
		hmm->released = true;
		release = true;
	}
	spin_unlock(&hmm->ranges_lock);

	if (update->event == MMU_NOTIFY_RELEASE) {
		/*
		 * exit_mmap(): nothing can fault the mm in any more.  5.4
		 * called only ->release() here, from a context that may sleep,
		 * as this one does; it must not fail.
		 */
		if (release && mirror->ops->release)
			mirror->ops->release(mirror);
		return true;
	}

	ret = mirror->ops->sync_cpu_device_pagetables(mirror, update);
	if (!ret)
		return true;
	/* As 5.4: only a non-blocking call may fail, and only with -EAGAIN. */
	if (WARN_ON(mmu_notifier_range_blockable(update) || ret != -EAGAIN))
		return true;
	return false;
}

static const struct mmu_interval_notifier_ops hmm_compat54_notifier_ops = {
	.invalidate = hmm_compat54_invalidate,
};

/**
 * hmm_compat54_mirror_register() - 5.4 hmm_mirror_register(): start
 *	mirroring an mm
 * @mirror: the mirror, with @mirror->ops set
 * @mm: the mm to mirror; it must have users (mm_users > 0)
 *
 * The caller holds @mm's mmap_lock for write, as 5.4 required.  From now on
 * @mirror->ops->sync_cpu_device_pagetables() is called before any change of
 * @mm's CPU page tables, and @mirror->ops->release() once when @mm goes
 * away, until hmm_mirror_unregister().
 *
 * Return: 0, -EINVAL for a missing argument, or -ENOMEM.
 */
int hmm_compat54_mirror_register(struct hmm_compat54_mirror *mirror,
				 struct mm_struct *mm)
{
	struct hmm_compat54_hmm *hmm;
	int ret;

	if (!mm || !mirror || !mirror->ops ||
	    !mirror->ops->sync_cpu_device_pagetables)
		return -EINVAL;

	mirror->hmm = NULL;
	hmm = &mirror->__hmm;
	hmm->mm = mm;
	hmm->mirror = mirror;
	spin_lock_init(&hmm->ranges_lock);
	INIT_LIST_HEAD(&hmm->ranges);
	hmm->released = false;
	INIT_LIST_HEAD(&mirror->list);

	ret = mmu_interval_notifier_insert_locked(&hmm->notifier, mm, 0,
						  ULONG_MAX & PAGE_MASK,
						  &hmm_compat54_notifier_ops);
	if (ret)
		return ret;
	mirror->hmm = hmm;
	return 0;
}

/**
 * hmm_compat54_mirror_unregister() - 5.4 hmm_mirror_unregister(): stop
 *	mirroring
 * @mirror: a registered mirror with no registered range
 *
 * Waits for a callback in flight to return; no callback runs after this
 * returns.  Must not be called from a callback, with mmap_lock held, or
 * with a lock the callbacks take.
 */
void hmm_compat54_mirror_unregister(struct hmm_compat54_mirror *mirror)
{
	struct hmm_compat54_hmm *hmm = mirror->hmm;

	WARN_ON(!list_empty(&hmm->ranges));
	mmu_interval_notifier_remove(&hmm->notifier);
	mirror->hmm = NULL;
}

/*
 * Validate @range at the notifier's current sequence: sleep while an
 * invalidation of the mm runs, then mark the range valid unless another one
 * started meanwhile.  Returns the new range->valid.
 */
static bool hmm_compat54_range_revalidate(struct hmm_compat54_range *range)
{
	struct hmm_compat54_hmm *hmm = range->hmm;
	unsigned long seq;
	bool valid;

	seq = mmu_interval_read_begin(&hmm->notifier);
	spin_lock(&hmm->ranges_lock);
	valid = !mmu_interval_read_retry(&hmm->notifier, seq);
	range->notifier_seq = seq;
	WRITE_ONCE(range->valid, valid);
	spin_unlock(&hmm->ranges_lock);
	return valid;
}

/**
 * hmm_compat54_range_register() - 5.4 hmm_range_register(): track CPU page
 *	table changes over a range
 * @range: the range, with @start and @end set
 * @mirror: a registered mirror
 *
 * Takes a reference on the mirrored mm's users until
 * hmm_range_unregister().  The range starts valid unless an invalidation
 * is running (then call hmm_range_wait_until_valid()).  May sleep.
 *
 * Return: 0, -EINVAL for an empty or unaligned range, -EFAULT if the mm
 * is gone.
 */
int hmm_compat54_range_register(struct hmm_compat54_range *range,
				struct hmm_compat54_mirror *mirror)
{
	struct hmm_compat54_hmm *hmm = mirror->hmm;

	range->valid = false;
	range->hmm = NULL;
	INIT_LIST_HEAD(&range->list);

	if (!PAGE_ALIGNED(range->start) || !PAGE_ALIGNED(range->end) ||
	    range->start >= range->end)
		return -EINVAL;
	/* As 5.4: keep exit_mmap() away while the range is registered. */
	if (!mmget_not_zero(hmm->mm))
		return -EFAULT;

	spin_lock(&hmm->ranges_lock);
	range->hmm = hmm;
	list_add(&range->list, &hmm->ranges);
	spin_unlock(&hmm->ranges_lock);

	hmm_compat54_range_revalidate(range);
	return 0;
}

/**
 * hmm_compat54_range_unregister() - 5.4 hmm_range_unregister(): stop
 *	tracking a range
 * @range: a registered range
 *
 * Drops the reference hmm_range_register() took on the mm's users, which
 * may tear the mm down: do not call it with a lock the mirror's callbacks
 * take.
 */
void hmm_compat54_range_unregister(struct hmm_compat54_range *range)
{
	struct hmm_compat54_hmm *hmm = range->hmm;

	spin_lock(&hmm->ranges_lock);
	list_del_init(&range->list);
	WRITE_ONCE(range->valid, false);
	spin_unlock(&hmm->ranges_lock);

	range->hmm = NULL;
	mmput(hmm->mm);
}

/**
 * hmm_compat54_range_wait_until_valid() - 5.4 hmm_range_wait_until_valid():
 *	wait for invalidations to end and revalidate a range
 * @range: a registered range
 * @timeout: how long to keep trying, in milliseconds
 *
 * Sleeps while an invalidation of the mm runs, then makes @range valid
 * again (a fresh start for hmm_range_fault()).  Call without mmap_lock or
 * any lock the mirror's callbacks take.
 *
 * Return: true if @range is valid; false if invalidations kept coming for
 * @timeout.
 */
bool hmm_compat54_range_wait_until_valid(struct hmm_compat54_range *range,
					 unsigned long timeout)
{
	unsigned long end = jiffies + msecs_to_jiffies(timeout);

	for (;;) {
		if (hmm_compat54_range_revalidate(range))
			return true;
		if (time_after(jiffies, end))
			return false;
		cond_resched();
	}
}

/* The kernel's request bits for a 5.4 request entry. */
static unsigned long hmm_compat54_req(const struct hmm_compat54_range *range,
				      u64 req)
{
	unsigned long flags = 0;

	if (req & range->flags[HMM_COMPAT54_PFN_VALID]) {
		flags |= HMM_PFN_REQ_FAULT;
		if (req & range->flags[HMM_COMPAT54_PFN_WRITE])
			flags |= HMM_PFN_REQ_WRITE;
	}
	return flags;
}

/* The 5.4 entry for one of the kernel's output entries. */
static u64 hmm_compat54_entry(const struct hmm_compat54_range *range,
			      unsigned long hmm_pfn)
{
	u64 entry;

	if (hmm_pfn & HMM_PFN_ERROR)
		return range->values[HMM_COMPAT54_PFN_ERROR];
	if (!(hmm_pfn & HMM_PFN_VALID))
		return range->values[HMM_COMPAT54_PFN_NONE];
	entry = hmm_compat54_device_entry_from_page(range,
						    hmm_pfn_to_page(hmm_pfn));
	if (hmm_pfn & HMM_PFN_WRITE)
		entry |= range->flags[HMM_COMPAT54_PFN_WRITE];
	return entry;
}

/**
 * hmm_compat54_range_fault() - 5.4 hmm_range_fault(): snapshot or fault in
 *	a range and fill its pfns
 * @range: a registered range, validated (hmm_range_register() or
 *	hmm_range_wait_until_valid())
 * @flags: HMM_FAULT_SNAPSHOT to fault nothing in; HMM_FAULT_ALLOW_RETRY is
 *	accepted (mmap_lock is never dropped)
 *
 * The caller holds the mm's mmap_lock for read.  Without HMM_FAULT_SNAPSHOT
 * every page whose request, (pfns[i] & pfn_flags_mask) | default_flags,
 * has flags[HMM_PFN_VALID] is faulted in, for write if it also has
 * flags[HMM_PFN_WRITE].  On success every entry is flags[HMM_PFN_VALID]
 * (plus flags[HMM_PFN_WRITE] if writable) | pfn << pfn_shift,
 * values[HMM_PFN_ERROR], or values[HMM_PFN_NONE] (not present, not
 * faulted).  The result may only be used if hmm_range_valid() is still
 * true under the lock the driver's sync_cpu_device_pagetables() takes.
 *
 * Return: the number of pages on success; -EBUSY if the range was
 * invalidated (it is then invalid: hmm_range_wait_until_valid() and try
 * again); -EFAULT for a missing mapping or no access; -EPERM for a write
 * fault on a read-only mapping; other -errno from faulting.
 */
long hmm_compat54_range_fault(struct hmm_compat54_range *range,
			      unsigned int flags)
{
	struct hmm_compat54_hmm *hmm = range->hmm;
	unsigned long hmm_pfns[HMM_COMPAT54_CHUNK];
	struct hmm_range native = {
		.notifier = &hmm->notifier,
		.hmm_pfns = hmm_pfns,
	};
	bool per_page = false;
	unsigned long addr, i, n;
	int ret;

	if (!READ_ONCE(range->valid))
		return -EBUSY;
	native.notifier_seq = READ_ONCE(range->notifier_seq);

	if (!(flags & HMM_COMPAT54_FAULT_SNAPSHOT)) {
		if (range->pfn_flags_mask) {
			per_page = true;
			native.pfn_flags_mask = HMM_PFN_REQ_FAULT |
						HMM_PFN_REQ_WRITE;
		} else {
			native.default_flags =
				hmm_compat54_req(range, range->default_flags);
		}
	}

	for (addr = range->start; addr < range->end; addr = native.end) {
		u64 *pfns = &range->pfns[(addr - range->start) >> PAGE_SHIFT];

		n = min_t(unsigned long, HMM_COMPAT54_CHUNK,
			  (range->end - addr) >> PAGE_SHIFT);
		native.start = addr;
		native.end = addr + (n << PAGE_SHIFT);
		for (i = 0; i < n; i++) {
			u64 req = (pfns[i] & range->pfn_flags_mask) |
				  range->default_flags;

			hmm_pfns[i] = per_page ? hmm_compat54_req(range, req) : 0;
		}

		ret = hmm_range_fault(&native);
		if (ret) {
			if (ret == -EBUSY) {
				spin_lock(&hmm->ranges_lock);
				WRITE_ONCE(range->valid, false);
				spin_unlock(&hmm->ranges_lock);
			}
			return ret;
		}
		for (i = 0; i < n; i++)
			pfns[i] = hmm_compat54_entry(range, hmm_pfns[i]);
	}
	return (range->end - range->start) >> PAGE_SHIFT;
}

#endif /* !HB_HAVE_HMM_MIRROR */
