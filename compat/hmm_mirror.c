// SPDX-License-Identifier: GPL-2.0
/*
 * The core of the hmm_mirror emulation: the HMM mirror APIs of Linux 5.2,
 * 5.3 and 5.4 (struct hmm_mirror, hmm_range_register(), driver-encoded
 * uint64_t pfns) on kernels that only have mmu_interval_notifier and
 * int hmm_range_fault(range) with unsigned long hmm_pfns (v5.8 and later).
 *
 * Generation-neutral: each generation's driver-facing types
 * (compat/hmm5[34]_types.h) embed the core's structs
 * (compat/hmm_compat_core.h) and its thin entry points
 * (compat/hmm_mirror5[34].c) call into this file.  Linked into the module
 * of a driver that includes compat/hmm.h with such an HMM_COMPAT_API, and
 * not exported: every such module has its own copy, registry included.
 *
 * How 5.2 .. 5.4 map onto today's API:
 *  - the per-mm struct hmm is struct hmm_compat_hmm, found through a
 *    registry keyed by mm, created by the first mirror registration and
 *    freed with its last reference.  It owns one mmu_interval_notifier over
 *    the whole address space.  Its invalidate callback plays
 *    hmm_invalidate_range_start(): it marks every registered range
 *    overlapping the invalidation invalid, bumps the notifier's sequence and
 *    calls every mirror's sync callback through its generation's adaptor.
 *    On MMU_NOTIFY_RELEASE it calls every mirror's release() once instead,
 *    as hmm_release() did.
 *  - a registered range remembers the notifier sequence it was validated at
 *    (mmu_interval_read_begin(), at registration and when waited on), and
 *    keeps a sequence of its own, moved only by invalidations overlapping
 *    it; a fault hands that one to the kernel's hmm_range_fault(), so only
 *    an invalidation hitting the range ends the fault with -EBUSY, as in
 *    5.2 .. 5.4 (the whole-mm notifier's own sequence would fail every
 *    fault for an invalidation anywhere: a big fault beside an allocator
 *    that keeps returning memory with MADV_DONTNEED could retry until its
 *    timeout).
 *  - the driver-defined entry encoding is translated to and from the
 *    kernel's HMM_PFN_* bits (compat/hmm_pfn_convert.h), in place in the
 *    driver's array.
 *
 * Locking: see compat/hmm_compat_core.h.
 *
 * Differences from 5.2 .. 5.4, none visible to a driver that follows their
 * rules:
 *  - registering a range, or waiting for an invalidated one to become
 *    valid, waits for an invalidation running anywhere in the mm (the
 *    notifier covers the whole mm; 5.2 .. 5.4 counted the mm's
 *    invalidations the same way);
 *  - waiting for a range to become valid sleeps uninterruptibly while an
 *    invalidation runs (in mmu_interval_read_begin()) and only checks the
 *    timeout between invalidations;
 *  - mmap_lock is never dropped by a fault, so -EAGAIN is never returned;
 *  - device-private pages are never reported with flags[HMM_PFN_DEVICE_PRIVATE]:
 *    these APIs have no dev_private_owner, so they are faulted back to
 *    system memory (or reported as the kernel reports foreign device pages);
 *  - invalidations after release still reach the mirrors' sync callbacks
 *    (5.2 .. 5.4 stopped calling them at release) until they unregister.
 */
#include <linux/dma-mapping.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <compat/hmm.h>
#include <compat/dma_sync.h>
#include <compat/export.h>

#include <compat/hmm_emul.h>

#ifdef HB_EMUL_HMM_MIRROR_CORE

#include <compat/hmm_compat_core.h>

/* The tracking states of this module, one per mm; see hmm_compat_core.h. */
static LIST_HEAD(hmm_compat_registry);
static DEFINE_MUTEX(hmm_compat_registry_lock);	/* protects the registry */

/*
 * The interval notifier's invalidate callback: hmm_invalidate_range_start()
 * and hmm_release() of 5.2 .. 5.4 in one.
 *
 * Called with no lock of ours held, possibly from a non-blocking context
 * (!mmu_notifier_range_blockable(update): the OOM reaper), where it only
 * tries hmm->mirrors_sem.
 */
static bool hmm_compat_invalidate(struct mmu_interval_notifier *mni,
				  const struct mmu_notifier_range *update,
				  unsigned long cur_seq)
{
	struct hmm_compat_hmm *hmm =
		container_of(mni, struct hmm_compat_hmm, notifier);
	bool blockable = mmu_notifier_range_blockable(update);
	struct hmm_compat_mirror *mirror;
	struct hmm_compat_range *range;
	bool release = false;
	bool ok = true;
	int ret;

	/*
	 * Invalidate first, then call the drivers: a fault that checks
	 * hmm_range_valid() under a driver's lock after the driver's
	 * callback dropped that lock must see the range invalid.
	 */
	spin_lock(&hmm->ranges_lock);
	mmu_interval_set_seq(mni, cur_seq);
	list_for_each_entry(range, &hmm->ranges, link) {
		if (update->end <= range->start || update->start >= range->end)
			continue;
		WRITE_ONCE(*range->valid, false);
		mmu_interval_set_seq(&range->seq, cur_seq);
	}
	if (hb_mmu_notifier_range_is_release(update) && !hmm->released) {
		hmm->released = true;
		release = true;
	}
	spin_unlock(&hmm->ranges_lock);

	if (blockable)
		down_read(&hmm->mirrors_sem);
	else if (!down_read_trylock(&hmm->mirrors_sem))
		return false;

	if (hb_mmu_notifier_range_is_release(update)) {
		/*
		 * exit_mmap(): nothing can fault the mm in any more.  5.2 .. 5.4
		 * called only ->release() here, from a context that may sleep,
		 * as this one does; it must not fail.
		 */
		if (release) {
			list_for_each_entry(mirror, &hmm->mirrors, list)
				mirror->gen->release(mirror);
		}
		up_read(&hmm->mirrors_sem);
		return true;
	}

	list_for_each_entry(mirror, &hmm->mirrors, list) {
		ret = mirror->gen->sync(mirror, update);
		if (!ret)
			continue;
		/* As 5.2 .. 5.4: only a non-blocking call may fail, with -EAGAIN. */
		if (WARN_ON(blockable || ret != -EAGAIN))
			continue;
		ok = false;
		break;
	}
	up_read(&hmm->mirrors_sem);
	return ok;
}

static const struct mmu_interval_notifier_ops hmm_compat_notifier_ops = {
	.invalidate = hmm_compat_invalidate,
};

/* The registered state of @mm with a new reference, or NULL. */
static struct hmm_compat_hmm *hmm_compat_hmm_find(struct mm_struct *mm)
{
	struct hmm_compat_hmm *hmm;

	lockdep_assert_held(&hmm_compat_registry_lock);
	list_for_each_entry(hmm, &hmm_compat_registry, registry) {
		if (hmm->mm == mm && kref_get_unless_zero(&hmm->kref))
			return hmm;
	}
	return NULL;
}

/*
 * Find or create @mm's state.  @mmap_locked: the caller holds @mm's
 * mmap_lock for write (the notifier is then inserted with
 * mmu_interval_notifier_insert_locked()); otherwise the caller must not
 * hold it at all (mmu_interval_notifier_insert() may take it).
 */
static struct hmm_compat_hmm *hmm_compat_hmm_get_or_create(struct mm_struct *mm,
							   bool mmap_locked)
{
	struct hmm_compat_hmm *hmm, *found;
	int ret;

	mutex_lock(&hmm_compat_registry_lock);
	found = hmm_compat_hmm_find(mm);
	mutex_unlock(&hmm_compat_registry_lock);
	if (found)
		return found;

	hmm = kzalloc(sizeof(*hmm), GFP_KERNEL);
	if (!hmm)
		return ERR_PTR(-ENOMEM);
	hmm->mm = mm;
	kref_init(&hmm->kref);
	INIT_LIST_HEAD(&hmm->registry);
	init_rwsem(&hmm->mirrors_sem);
	INIT_LIST_HEAD(&hmm->mirrors);
	spin_lock_init(&hmm->ranges_lock);
	INIT_LIST_HEAD(&hmm->ranges);

	/* Not under the registry lock: insertion may take mmap_lock. */
	if (mmap_locked)
		ret = mmu_interval_notifier_insert_locked(&hmm->notifier, mm, 0,
							  ULONG_MAX & PAGE_MASK,
							  &hmm_compat_notifier_ops);
	else
		ret = mmu_interval_notifier_insert(&hmm->notifier, mm, 0,
						   ULONG_MAX & PAGE_MASK,
						   &hmm_compat_notifier_ops);
	if (ret) {
		kfree(hmm);
		return ERR_PTR(ret);
	}

	mutex_lock(&hmm_compat_registry_lock);
	found = hmm_compat_hmm_find(mm);
	if (!found)
		list_add(&hmm->registry, &hmm_compat_registry);
	mutex_unlock(&hmm_compat_registry_lock);
	if (found) {
		/* Lost a race with another creator: use theirs. */
		mmu_interval_notifier_remove(&hmm->notifier);
		kfree(hmm);
		return found;
	}
	return hmm;
}

/**
 * hmm_compat_hmm_get() - the tracking state of an mm, created if need be
 * @mm: the mm
 *
 * 5.2's hmm_get_or_create(), for hmm_range_register() by mm.  Must be
 * called without @mm's mmap_lock when @mm has no state yet (no registered
 * mirror): creating one may take mmap_lock for write.  May sleep.
 *
 * Return: the state with a new reference (hmm_compat_hmm_put()), or an
 * ERR_PTR().
 */
struct hmm_compat_hmm *hmm_compat_hmm_get(struct mm_struct *mm)
{
	return hmm_compat_hmm_get_or_create(mm, false);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_hmm_get);

/*
 * kref_put_mutex() release: called with hmm_compat_registry_lock held (the
 * count reached zero under it), drops it.  (No __releases(): mutex_unlock()
 * carries no sparse context annotation.)
 */
static void hmm_compat_hmm_free(struct kref *kref)
{
	struct hmm_compat_hmm *hmm =
		container_of(kref, struct hmm_compat_hmm, kref);

	list_del(&hmm->registry);
	mutex_unlock(&hmm_compat_registry_lock);
	WARN_ON(!list_empty(&hmm->mirrors) || !list_empty(&hmm->ranges));
	/* Waits for an invalidation in flight to return. */
	mmu_interval_notifier_remove(&hmm->notifier);
	kfree(hmm);
}

/**
 * hmm_compat_hmm_put() - drop a reference to a tracking state
 * @hmm: the state
 *
 * The last reference removes the notifier, which waits for an invalidation
 * in flight: do not drop it with a lock the mirrors' callbacks take.  May
 * sleep.
 */
void hmm_compat_hmm_put(struct hmm_compat_hmm *hmm)
{
	kref_put_mutex(&hmm->kref, hmm_compat_hmm_free,
		       &hmm_compat_registry_lock);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_hmm_put);

/**
 * hmm_compat_mirror_register() - start mirroring an mm
 * @mirror: the core part of the generation's mirror
 * @mm: the mm to mirror; it must have users (mm_users > 0)
 * @gen: how to call the driver's callbacks
 *
 * The caller holds @mm's mmap_lock for write, as 5.2 .. 5.4 required.
 * From now on @gen->sync() is called before any change of @mm's CPU page
 * tables, and @gen->release() once when @mm goes away, until
 * hmm_compat_mirror_unregister().
 *
 * Return: 0 or -errno.
 */
int hmm_compat_mirror_register(struct hmm_compat_mirror *mirror,
			       struct mm_struct *mm,
			       const struct hmm_compat_gen_ops *gen)
{
	struct hmm_compat_hmm *hmm;

	mirror->hmm = NULL;
	INIT_LIST_HEAD(&mirror->list);
	mirror->gen = gen;
	mmap_assert_write_locked(mm);

	hmm = hmm_compat_hmm_get_or_create(mm, true);
	if (IS_ERR(hmm))
		return PTR_ERR(hmm);
	down_write(&hmm->mirrors_sem);
	list_add(&mirror->list, &hmm->mirrors);
	up_write(&hmm->mirrors_sem);
	mirror->hmm = hmm;
	return 0;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_mirror_register);

/**
 * hmm_compat_mirror_unregister() - stop mirroring
 * @mirror: a registered mirror
 *
 * Waits for a callback of @mirror in flight to return; none runs after
 * this returns.  Must not be called from a callback, with mmap_lock held,
 * or with a lock the callbacks take.
 */
void hmm_compat_mirror_unregister(struct hmm_compat_mirror *mirror)
{
	struct hmm_compat_hmm *hmm = mirror->hmm;

	down_write(&hmm->mirrors_sem);
	list_del_init(&mirror->list);
	up_write(&hmm->mirrors_sem);
	mirror->hmm = NULL;
	hmm_compat_hmm_put(hmm);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_mirror_unregister);

/*
 * Validate @range at the notifier's current sequence: sleep while an
 * invalidation of the mm runs, then mark the range valid unless another one
 * started meanwhile.  Returns the new valid flag.
 */
static bool hmm_compat_range_revalidate(struct hmm_compat_range *range)
{
	struct hmm_compat_hmm *hmm = range->hmm;
	unsigned long seq;
	bool valid;

	seq = mmu_interval_read_begin(&hmm->notifier);
	spin_lock(&hmm->ranges_lock);
	valid = !mmu_interval_read_retry(&hmm->notifier, seq);
	range->notifier_seq = seq;
	mmu_interval_set_seq(&range->seq, seq);
	WRITE_ONCE(*range->valid, valid);
	spin_unlock(&hmm->ranges_lock);
	return valid;
}

/**
 * hmm_compat_range_register() - track CPU page table changes over a range
 * @range: the core part of the generation's range
 * @hmm: the mm's tracking state
 * @start: first address (page aligned)
 * @end: address after the last (page aligned)
 * @valid: the generation's driver-visible valid flag
 * @pin_mm: hold one of the mm's users until hmm_compat_range_unregister(),
 *	as 5.3 and 5.4 do; 5.2 did not, and its drivers unregister (in
 *	hmm_vma_range_done()) under mmap_lock, where dropping the last user
 *	would run exit_mmap() - which takes mmap_lock from v5.10 on
 *
 * Takes a reference on @hmm (and a user of the mm if @pin_mm) until
 * hmm_compat_range_unregister().  The range starts valid unless an
 * invalidation is running.  May sleep.
 *
 * Return: 0, -EINVAL for an empty or unaligned range, -EFAULT if the mm is
 * gone.
 */
int hmm_compat_range_register(struct hmm_compat_range *range,
			      struct hmm_compat_hmm *hmm,
			      unsigned long start, unsigned long end,
			      bool *valid, bool pin_mm)
{
	range->hmm = NULL;
	range->valid = valid;
	range->pins_mm = pin_mm;
	*valid = false;
	INIT_LIST_HEAD(&range->link);

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end) || start >= end)
		return -EINVAL;
	/*
	 * As 5.3 and 5.4: keep exit_mmap() away while the range is
	 * registered.  As 5.2: only refuse an mm already gone.
	 */
	if (pin_mm ? !mmget_not_zero(hmm->mm) :
		     !atomic_read(&hmm->mm->mm_users))
		return -EFAULT;

	kref_get(&hmm->kref);
	range->start = start;
	range->end = end;
	range->seq.mm = hmm->mm;
	spin_lock(&hmm->ranges_lock);
	range->hmm = hmm;
	list_add(&range->link, &hmm->ranges);
	spin_unlock(&hmm->ranges_lock);

	hmm_compat_range_revalidate(range);
	return 0;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_register);

/**
 * hmm_compat_range_unregister() - stop tracking a range
 * @range: a registered range
 *
 * Drops the references hmm_compat_range_register() took; with @pin_mm
 * that may tear the mm down (as 5.3 and 5.4): then do not call it with
 * mmap_lock or a lock the mirrors' callbacks take.  Upstream's contract,
 * not the emulation's: native 5.3/5.4 mmget() in hmm_range_register() and
 * mmput() here too.  The suite's exit_during_fault drives it (the process
 * exits while another context holds the range): the teardown runs here
 * and ends; a glue calling this under its mutex hangs there in D state.
 */
void hmm_compat_range_unregister(struct hmm_compat_range *range)
{
	struct hmm_compat_hmm *hmm = range->hmm;

	spin_lock(&hmm->ranges_lock);
	list_del_init(&range->link);
	WRITE_ONCE(*range->valid, false);
	spin_unlock(&hmm->ranges_lock);

	range->hmm = NULL;
	if (range->pins_mm)
		mmput(hmm->mm);
	hmm_compat_hmm_put(hmm);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_unregister);

/**
 * hmm_compat_range_wait_until_valid() - wait for invalidations to end and
 *	revalidate a range
 * @range: a registered range
 * @timeout: how long to keep trying, in milliseconds
 *
 * A range still valid (no invalidation overlapped it since it was last
 * validated) is left as it is, as 5.2 .. 5.4 did.  Otherwise sleeps while
 * an invalidation of the mm runs, then makes @range valid again.  Call
 * without any lock the mirrors' callbacks take (mmap_lock for read is
 * allowed).
 *
 * Return: true if @range is valid; false if invalidations kept coming for
 * @timeout.
 */
bool hmm_compat_range_wait_until_valid(struct hmm_compat_range *range,
				       unsigned long timeout)
{
	unsigned long end;

	/*
	 * An invalidation overlapping the range clears the flag under
	 * ranges_lock before it calls any mirror, and the range's own
	 * sequence (what a fault checks) moves with it: a set flag means the
	 * range's last validation still holds.
	 */
	if (READ_ONCE(*range->valid))
		return true;
	end = jiffies + msecs_to_jiffies(timeout);
	for (;;) {
		if (hmm_compat_range_revalidate(range))
			return true;
		if (time_after(jiffies, end))
			return false;
		cond_resched();
	}
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_wait_until_valid);

/**
 * hmm_compat_range_fault() - snapshot or fault in a range, filling its
 *	driver-encoded pfns
 * @range: a registered, validated range
 * @req: the request (encoding, pfns, request flags, snapshot or not)
 *
 * The caller holds the mm's mmap_lock for read.  See
 * hmm_compat_fault_encoded() for what is faulted and reported.
 *
 * Return: the number of pages on success; -EBUSY if the range was
 * invalidated (it is then invalid); -EFAULT for a missing mapping or no
 * access; -EPERM for a write fault on a read-only mapping; other -errno.
 */
long hmm_compat_range_fault(struct hmm_compat_range *range,
			    const struct hmm_compat_fault *req)
{
	struct hmm_compat_hmm *hmm = range->hmm;
	long ret;

	if (!READ_ONCE(*range->valid))
		return -EBUSY;
	ret = hmm_compat_fault_encoded(&range->seq,
				       READ_ONCE(range->notifier_seq),
				       range->start, range->end, req);
	if (ret == -EBUSY) {
		spin_lock(&hmm->ranges_lock);
		WRITE_ONCE(*range->valid, false);
		spin_unlock(&hmm->ranges_lock);
	}
	return ret;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_fault);

/* The DMA direction 5.2 .. 5.4 mapped an entry with. */
static enum dma_data_direction hmm_compat_dma_dir(const struct hmm_compat_pfn_fmt *fmt,
						  u64 entry)
{
	return entry & fmt->flags[HMM_COMPAT_PFN_WRITE] ? DMA_BIDIRECTIONAL :
							   DMA_TO_DEVICE;
}

/**
 * hmm_compat_range_dma_map() - DMA-map the valid entries of a faulted range
 *	(the second half of 5.2 .. 5.4 hmm_range_dma_map())
 * @range: the registered range @pfns was just faulted for
 * @driver_fmt: the driver's encoding
 * @pfns: the range's entries
 * @device: the device to map for
 * @daddrs: out: one DMA address per page, 0 for an entry with no page
 *
 * Maps every page with a valid entry, bidirectionally if the entry is
 * writable, else to the device, as 5.2 .. 5.4 did.  On failure nothing
 * stays mapped.
 *
 * Difference from upstream: where the kernel can tell (dma_need_sync(),
 * v5.8+) that @device needs no CPU syncs, the pages are mapped with
 * DMA_ATTR_SKIP_CPU_SYNC (the syncs would do nothing), which tells the DMA
 * API debugging that a page two devices mirror writable at once is no
 * error, as upstream's DMA_ATTR_REQUIRE_COHERENT (v7.0) does for today's
 * hmm_dma_map_pfn().  It costs one mapping of the zero page per call.
 *
 * Return: the number of pages mapped; -EBUSY if the range was invalidated
 * meanwhile; -EFAULT if a mapping failed.
 */
long hmm_compat_range_dma_map(struct hmm_compat_range *range,
			      const struct hmm_compat_pfn_fmt *driver_fmt,
			      const u64 *pfns, struct device *device,
			      dma_addr_t *daddrs)
{
	unsigned long npages = (range->end - range->start) >> PAGE_SHIFT;
	/* The loops store DMA addresses (u64): the tables, copied. */
	struct hmm_compat_pfn_tables tables;
	const struct hmm_compat_pfn_fmt local =
		hmm_compat_pfn_fmt_local(driver_fmt, &tables);
	const struct hmm_compat_pfn_fmt *fmt = &local;
	unsigned long i, mapped = 0;
	unsigned long attrs = 0;
	long ret;

#ifdef HB_HAVE_DMA_NEED_SYNC
	if (!hb_dma_needs_sync(device))
		attrs = DMA_ATTR_SKIP_CPU_SYNC;
#endif
	for (i = 0; i < npages; i++) {
		unsigned long pfn = hmm_compat_entry_to_pfn(fmt, pfns[i]);

		daddrs[i] = 0;
		if (pfn == -1UL)
			continue;
		if (!READ_ONCE(*range->valid)) {
			ret = -EBUSY;
			goto unmap;
		}
		daddrs[i] = dma_map_page_attrs(device, pfn_to_page(pfn), 0,
					       PAGE_SIZE,
					       hmm_compat_dma_dir(fmt, pfns[i]),
					       attrs);
		if (dma_mapping_error(device, daddrs[i])) {
			daddrs[i] = 0;
			ret = -EFAULT;
			goto unmap;
		}
		mapped++;
	}
	return mapped;

unmap:
	while (i--) {
		if (!daddrs[i])
			continue;
		dma_unmap_page(device, daddrs[i], PAGE_SIZE,
			       hmm_compat_dma_dir(fmt, pfns[i]));
		daddrs[i] = 0;
	}
	return ret;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_dma_map);

/**
 * hmm_compat_range_dma_unmap() - 5.2 .. 5.4 hmm_range_dma_unmap()
 * @start: first address of the range
 * @end: address after the last
 * @driver_fmt: the driver's encoding
 * @pfns: the range's entries, as hmm_compat_range_dma_map() saw them;
 *	every unmapped one becomes values[HMM_PFN_NONE]
 * @device: the device they were mapped for
 * @daddrs: what hmm_compat_range_dma_map() returned; zeroed
 * @dirty: mark the pages of writable entries dirty
 *
 * Return: the number of pages unmapped; -EINVAL for an empty range or a
 * missing array.
 */
long hmm_compat_range_dma_unmap(unsigned long start, unsigned long end,
				const struct hmm_compat_pfn_fmt *driver_fmt,
				u64 *pfns, struct device *device,
				dma_addr_t *daddrs, bool dirty)
{
	/* The loop stores driver entries (u64): the tables, copied. */
	struct hmm_compat_pfn_tables tables;
	const struct hmm_compat_pfn_fmt local =
		hmm_compat_pfn_fmt_local(driver_fmt, &tables);
	const struct hmm_compat_pfn_fmt *fmt = &local;
	unsigned long npages, i;
	long cpages = 0;

	if (end <= start || !daddrs || !pfns)
		return -EINVAL;
	npages = (end - start) >> PAGE_SHIFT;
	for (i = 0; i < npages; i++) {
		unsigned long pfn = hmm_compat_entry_to_pfn(fmt, pfns[i]);
		enum dma_data_direction dir;

		if (pfn == -1UL)
			continue;
		dir = hmm_compat_dma_dir(fmt, pfns[i]);
		if (dir == DMA_BIDIRECTIONAL && dirty)
			set_page_dirty(pfn_to_page(pfn));
		dma_unmap_page(device, daddrs[i], PAGE_SIZE, dir);
		pfns[i] = fmt->values[HMM_COMPAT_PFN_NONE];
		daddrs[i] = 0;
		cpages++;
	}
	return cpages;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_range_dma_unmap);

#endif /* HB_EMUL_HMM_MIRROR_CORE */
