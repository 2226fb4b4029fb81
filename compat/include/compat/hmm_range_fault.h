/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_range_fault.h - today's hmm_range_fault() (v5.8, 2733ea144dcc
 * "mm/hmm: remove the customizable pfn format from hmm_range_fault"):
 * struct hmm_range with unsigned long *hmm_pfns, int hmm_range_fault(range),
 * HMM_PFN_* high bits, where the kernel lacks it (v4.19 .. v5.7) or lacks
 * CONFIG_HMM_MIRROR, or everywhere with HB_FORCE_EMUL (with the interval
 * notifier emulation too) or HB_FORCE_EMUL_HRF (alone, on the kernel's own
 * interval notifier: what v5.5 .. v5.7 kernels run).
 *
 * The emulation lives in compat/hmm_range_fault.c (get_user_pages_remote()
 * to fault, a lockless page-table walk to look), linked into the module
 * that uses it.  Its names are hb_* / HB_*; when HB_EMUL_HMM_RANGE_FAULT is
 * in effect the public names are #defined to them, after the kernel's
 * <linux/hmm.h> has been parsed under its own names: a kernel header using
 * the kernel's struct hmm_range must not be included after this one.
 *
 * The caller holds mmap_lock for read around hmm_range_fault(), as with the
 * kernel's; range->notifier is an inserted mmu_interval_notifier (the
 * emulated one where compat/mmu_interval.h emulates it).
 */
#ifndef _COMPAT_HMM_RANGE_FAULT_H
#define _COMPAT_HMM_RANGE_FAULT_H

#include <hb_probes.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <compat/mmu_interval.h>
#include <compat/mmap_lock.h>

#if !defined(HB_HAVE_HMM_RANGE_HMM_PFNS) || \
	!defined(HB_HAVE_HMM_RANGE_FAULT_1ARG) || \
	!defined(HB_KERNEL_HMM_MIRROR) || defined(HB_FORCE_EMUL) || \
	defined(HB_FORCE_EMUL_HRF)
#define HB_EMUL_HMM_RANGE_FAULT 1
#endif

#ifdef HB_EMUL_HMM_RANGE_FAULT

/*
 * Bits of an hmm_pfns[] entry, as v5.9+: output VALID/WRITE/ERROR and the
 * mapping order; input REQ_FAULT/REQ_WRITE (same bits).
 */
enum hb_hmm_pfn_flags {
	HB_HMM_PFN_VALID = 1UL << (BITS_PER_LONG - 1),
	HB_HMM_PFN_WRITE = 1UL << (BITS_PER_LONG - 2),
	HB_HMM_PFN_ERROR = 1UL << (BITS_PER_LONG - 3),
	HB_HMM_PFN_ORDER_SHIFT = (BITS_PER_LONG - 8),

	HB_HMM_PFN_REQ_FAULT = HB_HMM_PFN_VALID,
	HB_HMM_PFN_REQ_WRITE = HB_HMM_PFN_WRITE,

	HB_HMM_PFN_FLAGS = 0xFFUL << HB_HMM_PFN_ORDER_SHIFT,
};

/**
 * struct hb_hmm_range - a range to fault or snapshot (struct hmm_range)
 * @notifier: the interval notifier covering the range
 * @notifier_seq: what mmu_interval_read_begin() returned for it
 * @start: first address (page aligned)
 * @end: address after the range (page aligned)
 * @hmm_pfns: one entry per page: in, request bits; out, pfn and flags
 * @default_flags: request bits applied to every page
 * @pfn_flags_mask: which request bits of @hmm_pfns to honour
 * @dev_private_owner: the pgmap owner whose device-private pages are
 *	reported (their device pfn) instead of faulted back to system memory
 *	(see compat/hmm_range_fault.c)
 */
struct hb_hmm_range {
	struct mmu_interval_notifier *notifier;
	unsigned long notifier_seq;
	unsigned long start;
	unsigned long end;
	unsigned long *hmm_pfns;
	unsigned long default_flags;
	unsigned long pfn_flags_mask;
	void *dev_private_owner;
};

int hb_hmm_range_fault(struct hb_hmm_range *range);

/**
 * hb_hmm_pfn_to_page() - the page of a valid entry (hmm_pfn_to_page())
 * @hmm_pfn: an hmm_pfns[] entry with HMM_PFN_VALID set
 *
 * No reference is held on the page: use it only under the driver's lock,
 * after mmu_interval_read_retry() said false.
 *
 * Return: the struct page.
 */
static inline struct page *hb_hmm_pfn_to_page(unsigned long hmm_pfn)
{
	return pfn_to_page(hmm_pfn & ~HB_HMM_PFN_FLAGS);
}

/**
 * hb_hmm_pfn_to_map_order() - the order of the CPU mapping of a valid
 *	entry (hmm_pfn_to_map_order())
 * @hmm_pfn: an hmm_pfns[] entry with HMM_PFN_VALID set
 *
 * Return: log2 of the number of pages the CPU maps with one entry there
 * (PMD/PUD leaves), 0 for a pte or if unknown.
 */
static inline unsigned int hb_hmm_pfn_to_map_order(unsigned long hmm_pfn)
{
	return (hmm_pfn >> HB_HMM_PFN_ORDER_SHIFT) & 0x1F;
}

#define hmm_pfn_flags		hb_hmm_pfn_flags
#define HMM_PFN_VALID		HB_HMM_PFN_VALID
#define HMM_PFN_WRITE		HB_HMM_PFN_WRITE
#define HMM_PFN_ERROR		HB_HMM_PFN_ERROR
#define HMM_PFN_ORDER_SHIFT	HB_HMM_PFN_ORDER_SHIFT
#define HMM_PFN_REQ_FAULT	HB_HMM_PFN_REQ_FAULT
#define HMM_PFN_REQ_WRITE	HB_HMM_PFN_REQ_WRITE
#define HMM_PFN_FLAGS		HB_HMM_PFN_FLAGS
#define hmm_range		hb_hmm_range
#define hmm_range_fault		hb_hmm_range_fault
#define hmm_pfn_to_page		hb_hmm_pfn_to_page
#define hmm_pfn_to_map_order	hb_hmm_pfn_to_map_order

#ifndef HMM_RANGE_DEFAULT_TIMEOUT
#define HMM_RANGE_DEFAULT_TIMEOUT	1000
#endif

#endif /* HB_EMUL_HMM_RANGE_FAULT */

#if !defined(HB_EMUL_HMM_RANGE_FAULT) && !defined(HB_HAVE_HMM_PFN_TO_MAP_ORDER)
/**
 * hmm_pfn_to_map_order() - the order of the CPU mapping of a valid entry
 * @hmm_pfn: an hmm_pfns[] entry with HMM_PFN_VALID set
 *
 * v5.8 (the first release of hmm_pfns, and RHEL/vendor kernels of that
 * form) reports no mapping order; v5.9 added it with "mm/hmm: provide the
 * page mapping order in hmm_range_fault()".  0 (one page) is what a driver
 * then has to assume: it maps the range page by page, which is always
 * correct, only not as large.
 *
 * Return: 0.
 */
static inline unsigned int hmm_pfn_to_map_order(unsigned long hmm_pfn)
{
	return 0;
}
#endif

#endif /* _COMPAT_HMM_RANGE_FAULT_H */
