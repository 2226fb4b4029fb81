// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux 5.4 HMM mirror API: thin entry points onto the
 * generation-neutral core (compat/hmm_mirror.c), which documents how it is
 * emulated on today's kernels.  Linked, with the core, into the module of a
 * driver that includes compat/hmm.h with HMM_COMPAT_API == 0x050400.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <compat/hmm.h>
#include <compat/export.h>

#include <compat/hmm_emul.h>

#if defined(HB_EMUL_HMM_API_G54)

#include <compat/hmm54_types.h>

static int hmm_compat54_sync(struct hmm_compat_mirror *core,
			     const struct mmu_notifier_range *update)
{
	struct hmm_compat54_mirror *mirror =
		container_of(core, struct hmm_compat54_mirror, core);

	return mirror->ops->sync_cpu_device_pagetables(mirror, update);
}

static void hmm_compat54_release(struct hmm_compat_mirror *core)
{
	struct hmm_compat54_mirror *mirror =
		container_of(core, struct hmm_compat54_mirror, core);

	if (mirror->ops->release)
		mirror->ops->release(mirror);
}

static const struct hmm_compat_gen_ops hmm_compat54_gen = {
	.sync		= hmm_compat54_sync,
	.release	= hmm_compat54_release,
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
	int ret;

	if (!mm || !mirror || !mirror->ops ||
	    !mirror->ops->sync_cpu_device_pagetables)
		return -EINVAL;
	INIT_LIST_HEAD(&mirror->list);
	ret = hmm_compat_mirror_register(&mirror->core, mm, &hmm_compat54_gen);
	mirror->hmm = mirror->core.hmm;
	return ret;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_mirror_register);

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
	hmm_compat_mirror_unregister(&mirror->core);
	mirror->hmm = NULL;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_mirror_unregister);

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
	int ret;

	INIT_LIST_HEAD(&range->list);
	ret = hmm_compat_range_register(&range->core, mirror->core.hmm,
					range->start, range->end,
					&range->valid, true);
	range->hmm = range->core.hmm;
	return ret;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_register);

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
	hmm_compat_range_unregister(&range->core);
	range->hmm = NULL;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_unregister);

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
	return hmm_compat_range_wait_until_valid(&range->core, timeout);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_wait_until_valid);

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
	const struct hmm_compat_fault req = {
		.fmt = HMM_COMPAT_PFN_FMT(range),
		.pfns = range->pfns,
		.default_flags = range->default_flags,
		.pfn_flags_mask = range->pfn_flags_mask,
		.snapshot = flags & HMM_COMPAT54_FAULT_SNAPSHOT,
	};

	return hmm_compat_range_fault(&range->core, &req);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_fault);

/**
 * hmm_compat54_range_dma_map() - 5.4 hmm_range_dma_map(): fault in a range
 *	and DMA-map its pages
 * @range: a registered, validated range, with pfns requested as for
 *	hmm_range_fault()
 * @device: the device to map for
 * @daddrs: out: one DMA address per page, 0 for an entry with no page
 * @flags: as for hmm_range_fault()
 *
 * The caller holds the mm's mmap_lock for read.  Pages of writable entries
 * are mapped bidirectionally, the others to the device.  The mappings
 * must be undone with hmm_range_dma_unmap() before the range is reused.
 *
 * Return: the number of pages mapped; -EBUSY if the range was (or got)
 * invalidated, with nothing left mapped; the errors of hmm_range_fault();
 * -EFAULT if a DMA mapping failed.
 */
long hmm_compat54_range_dma_map(struct hmm_compat54_range *range,
				struct device *device, dma_addr_t *daddrs,
				unsigned int flags)
{
	const struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);
	long ret = hmm_compat54_range_fault(range, flags);

	if (ret <= 0)
		return ret ? ret : -EBUSY;
	return hmm_compat_range_dma_map(&range->core, &fmt, range->pfns,
					device, daddrs);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_dma_map);

/**
 * hmm_compat54_range_dma_unmap() - 5.4 hmm_range_dma_unmap()
 * @range: the range hmm_range_dma_map() mapped
 * @device: the device it was mapped for
 * @daddrs: what hmm_range_dma_map() returned; zeroed
 * @dirty: mark the pages of writable entries dirty
 *
 * Every unmapped entry becomes values[HMM_PFN_NONE].
 *
 * Return: the number of pages unmapped; -EINVAL for an empty range or a
 * missing array.
 */
long hmm_compat54_range_dma_unmap(struct hmm_compat54_range *range,
				  struct device *device, dma_addr_t *daddrs,
				  bool dirty)
{
	const struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);

	return hmm_compat_range_dma_unmap(range->start, range->end, &fmt,
					  range->pfns, device, daddrs, dirty);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat54_range_dma_unmap);

#endif /* HB_EMUL_HMM_API_G54 */
