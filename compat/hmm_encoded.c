// SPDX-License-Identifier: GPL-2.0
/*
 * The driver-encoded hmm_range_fault() of 4.17 .. 5.7 (one u64 per page in
 * the driver's flags[]/values[]/pfn_shift format) on today's
 * int hmm_range_fault(range) with unsigned long hmm_pfns: the translation
 * loop shared by the emulated 5.2 .. 5.4 mirrors (compat/hmm_mirror.c) and
 * the 5.5 .. 5.7 range API, whose entry points are here too (they are one
 * call each: those generations already key a range by an
 * mmu_interval_notifier, as today's API does).
 *
 * The kernel's hmm_range_fault() is the native one, or the compat layer's
 * (compat/hmm_range_fault.c) where the kernel lacks it; its -EBUSY (the
 * notifier's sequence moved) is passed on.  No lock is taken here: the
 * caller holds mmap_lock for read, as for the kernel's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
/*
 * The kernel's own hmm_pfns encoding, as a driver written for 5.9 gets it:
 * the old APIs have no sticky bit, so on v5.8 .. v6.15 the newest
 * encoding's translation (compat/hmm_range_fault.h: an array of its own
 * and a merge per call) would only be paid for nothing.  Where
 * hmm_range_fault() is emulated, the emulation's encoding, as before.
 */
#define HMM_COMPAT_API 0x050900
#include <compat/hmm.h>
#include <compat/export.h>
#include <compat/hmm_emul.h>

#ifdef HB_EMUL_HMM_ENCODED

#include <compat/hmm_pfn_convert.h>
#include <compat/hmm_compat_core.h>
#include <compat/hmm55_types.h>

#ifndef CONFIG_64BIT
/*
 * The driver's u64 entries are translated in place to today's unsigned long
 * ones (hmm_compat_fault_encoded()).
 */
#error "hmm-backports: the 4.17 .. 5.7 HMM APIs are emulated on 64-bit \
kernels only; on 32-bit build the driver against the kernel's own API"
#endif

/**
 * hmm_compat_fault_encoded() - snapshot or fault in [start, end) into
 *	driver-encoded pfns
 * @mni: the interval notifier covering the range
 * @seq: what mmu_interval_read_begin() returned for @mni
 * @start: first address (page aligned)
 * @end: address after the last (page aligned)
 * @req: the request (encoding, pfns, request flags, snapshot or not)
 *
 * The caller holds the mm's mmap_lock for read.  Unless @req->snapshot,
 * every page whose request, (pfns[i] & pfn_flags_mask) | default_flags,
 * has flags[HMM_PFN_VALID] is faulted in, for write if it also has
 * flags[HMM_PFN_WRITE].  On success every entry is flags[HMM_PFN_VALID]
 * (plus flags[HMM_PFN_WRITE] if writable) | pfn << pfn_shift,
 * values[HMM_PFN_ERROR], or values[HMM_PFN_NONE].
 *
 * The driver's own array is today's hmm_pfns for the call: each u64 entry
 * is rewritten in place as today's request, the kernel's hmm_range_fault()
 * fills it, and each is rewritten back in the driver's encoding, on
 * failure too (an entry not reached then still says what was requested,
 * as with the kernels of those APIs, whose output overwrote the request).
 * No copy, no allocation, nothing on the stack across the fault, which can
 * go deep (GUP, a filesystem's fault handler, block I/O).  Today's
 * INOUT bits (v7.x HMM_PFN_DMA_MAPPED ...) are 0 in every request: the old
 * APIs have none, and the kernel keeps those bits from the input.
 *
 * Return: the number of pages on success; -EBUSY if @mni was invalidated
 * since @seq; -EFAULT for a missing mapping or no access; -EPERM for a
 * write fault on a read-only mapping; other -errno.
 */
long hmm_compat_fault_encoded(struct mmu_interval_notifier *mni,
			      unsigned long seq, unsigned long start,
			      unsigned long end,
			      const struct hmm_compat_fault *req)
{
	unsigned long n = (end - start) >> PAGE_SHIFT, i;
	unsigned long *hmm_pfns = (unsigned long *)req->pfns;
	struct hmm_range native = {
		.notifier = mni,
		.notifier_seq = seq,
		.start = start,
		.end = end,
		.hmm_pfns = hmm_pfns,
		.dev_private_owner = req->dev_private_owner,
	};
	/* The loops below store u64 entries: the tables, copied. */
	struct hmm_compat_pfn_tables tables;
	const struct hmm_compat_pfn_fmt fmt =
		hmm_compat_pfn_fmt_local(&req->fmt, &tables);
	int ret;

	BUILD_BUG_ON(sizeof(*req->pfns) != sizeof(*native.hmm_pfns));
	if (!req->snapshot && req->pfn_flags_mask) {
		native.pfn_flags_mask = HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE;
		for (i = 0; i < n; i++) {
			u64 r = (req->pfns[i] & req->pfn_flags_mask) |
				req->default_flags;

			hmm_pfns[i] = hmm_compat_entry_to_req(&fmt, r);
		}
	} else {
		if (!req->snapshot)
			native.default_flags =
				hmm_compat_entry_to_req(&fmt,
							req->default_flags);
		memset(hmm_pfns, 0, n * sizeof(*hmm_pfns));
	}

	ret = hmm_range_fault(&native);
	for (i = 0; i < n; i++)
		req->pfns[i] = hmm_compat_entry_from_hmm_pfn(&fmt, hmm_pfns[i]);
	if (ret)
		return ret;
	return n;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat_fault_encoded);

#if defined(HB_EMUL_HMM_API_G55) || defined(HB_EMUL_HMM_API_G57)
/* One 5.5 .. 5.7 fault: @snapshot is 5.5's HMM_FAULT_SNAPSHOT. */
static long hmm_compat55_fault(struct hmm_compat55_range *range, bool snapshot)
{
	const struct hmm_compat_fault req = {
		.fmt = HMM_COMPAT_PFN_FMT(range),
		.pfns = range->pfns,
		.default_flags = range->default_flags,
		.pfn_flags_mask = range->pfn_flags_mask,
		.snapshot = snapshot,
		.dev_private_owner = range->dev_private_owner,
	};

	return hmm_compat_fault_encoded(range->notifier, range->notifier_seq,
					range->start, range->end, &req);
}
#endif

#ifdef HB_EMUL_HMM_API_G55
/**
 * hmm_compat55_range_fault() - 5.5/5.6 hmm_range_fault(range, flags)
 * @range: the range: notifier, notifier_seq from mmu_interval_read_begin(),
 *	start, end, pfns and the driver's encoding
 * @flags: HMM_FAULT_SNAPSHOT to fault nothing in; HMM_FAULT_ALLOW_RETRY is
 *	accepted (mmap_lock is never dropped, so -EAGAIN never comes back)
 *
 * The caller holds mmap_lock for read.  Use the result only if
 * mmu_interval_read_retry(range->notifier, range->notifier_seq) is false
 * under the driver's lock.
 *
 * Return: the number of pages on success; -EBUSY if the notifier was
 * invalidated since notifier_seq (read it again and retry); -EFAULT;
 * -EPERM for a write fault on a read-only mapping; other -errno.
 */
long hmm_compat55_range_fault(struct hmm_compat55_range *range,
			      unsigned int flags)
{
	return hmm_compat55_fault(range, flags & HMM_COMPAT55_FAULT_SNAPSHOT);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat55_range_fault);
#endif

#ifdef HB_EMUL_HMM_API_G57
/**
 * hmm_compat57_range_fault() - 5.7 hmm_range_fault(range)
 * @range: as for hmm_compat55_range_fault(), plus dev_private_owner: the
 *	device-private pages whose pgmap owner it is are reported (valid,
 *	writable if their entry is, the device page's pfn), not faulted back
 *	to system memory, as by 5.7's hmm_range_fault()
 *
 * The caller holds mmap_lock for read.
 *
 * Return: as hmm_compat55_range_fault().
 */
long hmm_compat57_range_fault(struct hmm_compat55_range *range)
{
	return hmm_compat55_fault(range, false);
}
EXPORT_SYMBOL_HB_HMM(hmm_compat57_range_fault);
#endif

#endif /* HB_EMUL_HMM_ENCODED */
