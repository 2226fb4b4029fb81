/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux 5.5 .. 5.7 hmm_range_fault() API (struct hmm_range keyed by an
 * mmu_interval_notifier, with the driver-encoded pfns/flags/values of
 * 4.17 .. 5.7), emulated on today's hmm_range_fault(range) with
 * unsigned long hmm_pfns (compat/hmm_encoded.c).
 *
 * Internal header, as compat/hmm54_types.h: named hmm_compat55_* so that
 * it can be parsed next to the kernel's own struct hmm_range; compat/hmm.h
 * maps the 5.5 (0x050500) and 5.7 (0x050700) names onto these.  The two
 * generations share the struct: 5.7 added @dev_private_owner, which a 5.5
 * driver never sets (NULL: nobody's device-private pages are reported;
 * where a fault is requested they are faulted back to system memory.  5.5
 * and 5.6 reported them with flags[HMM_PFN_DEVICE_PRIVATE] instead, which
 * is not emulated).
 */
#ifndef _COMPAT_HMM55_TYPES_H
#define _COMPAT_HMM55_TYPES_H

#include <linux/bits.h>
#include <linux/types.h>
#include <compat/mmu_interval.h>
#include <compat/hmm_pfn_convert.h>

/* hmm_range_fault() flags of 5.5 and 5.6 (5.7 dropped the argument). */
#define HMM_COMPAT55_FAULT_ALLOW_RETRY	BIT(0)
#define HMM_COMPAT55_FAULT_SNAPSHOT	BIT(1)

/**
 * struct hmm_compat55_range - 5.5 .. 5.7 struct hmm_range
 * @notifier: the interval notifier covering the range
 * @notifier_seq: what mmu_interval_read_begin() returned for it
 * @start: first address (page aligned)
 * @end: address after the last (page aligned)
 * @pfns: one entry per page, in the driver's encoding
 * @flags: the driver's HMM_PFN_* flag bits, indexed by hmm_pfn_flag_e
 * @values: the driver's HMM_PFN_* special values, indexed by hmm_pfn_value_e
 * @default_flags: request flags for every page
 * @pfn_flags_mask: which bits of @pfns[i] add per-page request flags
 * @pfn_shift: where the pfn starts in an entry
 * @dev_private_owner: 5.7: whose device-private pages are reported, not
 *	faulted back (see hmm_compat57_range_fault())
 */
struct hmm_compat55_range {
	struct mmu_interval_notifier *notifier;
	unsigned long notifier_seq;
	unsigned long start;
	unsigned long end;
	u64 *pfns;
	const u64 *flags;
	const u64 *values;
	u64 default_flags;
	u64 pfn_flags_mask;
	u8 pfn_shift;
	void *dev_private_owner;
};

struct hmm_compat_fault;

long hmm_compat_fault_encoded(struct mmu_interval_notifier *mni,
			      unsigned long seq, unsigned long start,
			      unsigned long end,
			      const struct hmm_compat_fault *req);
long hmm_compat55_range_fault(struct hmm_compat55_range *range,
			      unsigned int flags);
long hmm_compat57_range_fault(struct hmm_compat55_range *range);

/**
 * hmm_compat55_device_entry_to_page() - 5.5 .. 5.7 hmm_device_entry_to_page()
 * @range: the range @entry belongs to
 * @entry: an entry of @range->pfns
 *
 * Return: the page of a valid entry, NULL for anything else.
 */
static inline struct page *
hmm_compat55_device_entry_to_page(const struct hmm_compat55_range *range,
				  u64 entry)
{
	const struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);
	unsigned long pfn = hmm_compat_entry_to_pfn(&fmt, entry);

	return pfn == -1UL ? NULL : pfn_to_page(pfn);
}

#endif /* _COMPAT_HMM55_TYPES_H */
