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
 * The encoding of hmm_pfns[] a driver of the newest API sees is the newest
 * kernel's (v6.16, with <linux/hmm-dma.h>: sticky DMA_MAPPED/P2PDMA/
 * P2PDMA_BUS bits carried from input to output, the order at
 * BITS_PER_LONG - 11): the emulation writes it, and on a kernel with
 * today's hmm_range_fault() but the older encoding (v5.8 .. v6.15, probe
 * hmm_pfn_dma_mapped) the kernel's results are translated into it
 * (hb_hmm_range_fault_xlat(): the kernel's walk into an array of its own,
 * then an O(n) merge).  Where the kernel has that encoding, or the driver
 * is written for 0x050800/0x050900, nothing is added.
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
#include <linux/pfn.h>
#include <linux/slab.h>
#include <linux/string.h>
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

/*
 * A kernel with today's hmm_range_fault() but an older encoding of its
 * results (v5.8 .. v6.15): the order moved when the sticky bits came, so a
 * driver of the newest API (HMM_COMPAT_API undefined, or 0x061000) gets the
 * new encoding from a translation of the kernel's own results
 * (hb_hmm_range_fault_xlat()).  A driver that says it is written for
 * 0x050800 or 0x050900 uses no sticky bit: it gets the kernel's own
 * encoding, and nothing is added.
 */
#if !defined(HB_EMUL_HMM_RANGE_FAULT) && \
	!defined(HB_HAVE_HMM_PFN_DMA_MAPPED) && \
	(!defined(HMM_COMPAT_API) || HMM_COMPAT_API >= 0x061000)
#define HB_XLAT_HMM_PFNS 1
#endif

#if defined(HB_EMUL_HMM_RANGE_FAULT) || defined(HB_XLAT_HMM_PFNS)

/*
 * Bits of an hmm_pfns[] entry, as the kernels with <linux/hmm-dma.h>:
 * output VALID/WRITE/ERROR and the mapping order; input REQ_FAULT/REQ_WRITE
 * (same bits); DMA_MAPPED/P2PDMA/P2PDMA_BUS are the driver's (set and
 * cleared by hmm_dma_map_pfn()/hmm_dma_unmap_pfn()) and hmm_range_fault()
 * carries them from input to output.
 */
enum hb_hmm_pfn_flags {
	HB_HMM_PFN_VALID = 1UL << (BITS_PER_LONG - 1),
	HB_HMM_PFN_WRITE = 1UL << (BITS_PER_LONG - 2),
	HB_HMM_PFN_ERROR = 1UL << (BITS_PER_LONG - 3),
	HB_HMM_PFN_DMA_MAPPED = 1UL << (BITS_PER_LONG - 4),
	HB_HMM_PFN_P2PDMA = 1UL << (BITS_PER_LONG - 5),
	HB_HMM_PFN_P2PDMA_BUS = 1UL << (BITS_PER_LONG - 6),

	HB_HMM_PFN_ORDER_SHIFT = (BITS_PER_LONG - 11),

	HB_HMM_PFN_REQ_FAULT = HB_HMM_PFN_VALID,
	HB_HMM_PFN_REQ_WRITE = HB_HMM_PFN_WRITE,

	HB_HMM_PFN_FLAGS = ~((1UL << HB_HMM_PFN_ORDER_SHIFT) - 1),
};

/*
 * The sticky bits (mm/hmm.c's private HMM_PFN_INOUT_FLAGS: not a name the
 * kernel gives drivers, so not one the shim gives them either).
 */
#define HB_HMM_PFN_INOUT_FLAGS	(HB_HMM_PFN_DMA_MAPPED | HB_HMM_PFN_P2PDMA | \
				 HB_HMM_PFN_P2PDMA_BUS)

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
 * hb_hmm_pfn_to_phys() - the physical address of a valid entry
 *	(hmm_pfn_to_phys())
 * @hmm_pfn: an hmm_pfns[] entry with HMM_PFN_VALID set
 *
 * Return: the address of the start of its page.
 */
static inline phys_addr_t hb_hmm_pfn_to_phys(unsigned long hmm_pfn)
{
	return PFN_PHYS(hmm_pfn & ~HB_HMM_PFN_FLAGS);
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

#endif /* HB_EMUL_HMM_RANGE_FAULT || HB_XLAT_HMM_PFNS */

#ifdef HB_EMUL_HMM_RANGE_FAULT

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

#define hmm_range		hb_hmm_range
#define hmm_range_fault		hb_hmm_range_fault

#endif /* HB_EMUL_HMM_RANGE_FAULT */

#ifdef HB_XLAT_HMM_PFNS

/* The kernel's entry @e, in the encoding above (no sticky bit). */
static inline unsigned long hb_hmm_pfn_from_kernel(unsigned long e)
{
	unsigned long out = e & (HMM_PFN_VALID | HMM_PFN_WRITE | HMM_PFN_ERROR);

	out |= e & ~HMM_PFN_FLAGS;
#ifdef HB_HAVE_HMM_PFN_TO_MAP_ORDER
	out |= (unsigned long)hmm_pfn_to_map_order(e) << HB_HMM_PFN_ORDER_SHIFT;
#endif
	return out;
}

/**
 * hb_hmm_range_fault_xlat() - the kernel's hmm_range_fault(), its results
 *	in the encoding of the kernels with <linux/hmm-dma.h>
 * @range: as for hmm_range_fault()
 *
 * The kernel's hmm_range_fault() writes whole entries, with the mapping
 * order where the sticky bits now are, and the driver may set those bits
 * in the same array meanwhile (ODP maps one fault's pages while another
 * fault of the same region runs).  So the kernel's call writes into an
 * array of its own (kvmalloc()ed: the call allocates page tables under
 * the same mmap_lock anyway) with the caller's request bits, and each
 * result is then merged into the caller's entry keeping the sticky bits
 * that entry has at that moment, as mm/hmm.c merges each of its own.
 *
 * Differences from the kernels with the new encoding: -ENOMEM if that
 * array cannot be allocated; after a failure every entry is left as it was
 * passed (there, entries before the failing page hold their output).  A
 * driver uses no entry after a failure but for its sticky bits, which are
 * the same either way.
 *
 * Return: as hmm_range_fault().
 */
static inline int hb_hmm_range_fault_xlat(struct hmm_range *range)
{
	unsigned long *pfns = range->hmm_pfns, *out;
	unsigned long i, n;
	int ret;

	if (!PAGE_ALIGNED(range->start) || !PAGE_ALIGNED(range->end) ||
	    range->start >= range->end)
		return hmm_range_fault(range);	/* its -EINVAL */
	n = (range->end - range->start) >> PAGE_SHIFT;
	out = kvmalloc_array(n, sizeof(*out), GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		out[i] = READ_ONCE(pfns[i]) &
			 (HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE);
	range->hmm_pfns = out;
	ret = hmm_range_fault(range);
	range->hmm_pfns = pfns;
	for (i = 0; !ret && i < n; i++)
		pfns[i] = (READ_ONCE(pfns[i]) & HB_HMM_PFN_INOUT_FLAGS) |
			  hb_hmm_pfn_from_kernel(out[i]);
	kvfree(out);
	return ret;
}

#define hmm_range_fault		hb_hmm_range_fault_xlat

#endif /* HB_XLAT_HMM_PFNS */

#if defined(HB_EMUL_HMM_RANGE_FAULT) || defined(HB_XLAT_HMM_PFNS)
#define hmm_pfn_flags		hb_hmm_pfn_flags
#define HMM_PFN_VALID		HB_HMM_PFN_VALID
#define HMM_PFN_WRITE		HB_HMM_PFN_WRITE
#define HMM_PFN_ERROR		HB_HMM_PFN_ERROR
#define HMM_PFN_DMA_MAPPED	HB_HMM_PFN_DMA_MAPPED
#define HMM_PFN_P2PDMA		HB_HMM_PFN_P2PDMA
#define HMM_PFN_P2PDMA_BUS	HB_HMM_PFN_P2PDMA_BUS
#define HMM_PFN_ORDER_SHIFT	HB_HMM_PFN_ORDER_SHIFT
#define HMM_PFN_REQ_FAULT	HB_HMM_PFN_REQ_FAULT
#define HMM_PFN_REQ_WRITE	HB_HMM_PFN_REQ_WRITE
#define HMM_PFN_FLAGS		HB_HMM_PFN_FLAGS
#define hmm_pfn_to_page		hb_hmm_pfn_to_page
#define hmm_pfn_to_phys		hb_hmm_pfn_to_phys
#define hmm_pfn_to_map_order	hb_hmm_pfn_to_map_order

#ifndef HMM_RANGE_DEFAULT_TIMEOUT
#define HMM_RANGE_DEFAULT_TIMEOUT	1000
#endif

#else /* the kernel's own encoding */

#ifndef HB_HAVE_HMM_PFN_TO_MAP_ORDER
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

#if defined(HB_HAVE_HMM_PFN_DMA_MAPPED) && !defined(HB_HAVE_HMM_PFN_TO_PHYS)
/**
 * hmm_pfn_to_phys() - the physical address of a valid entry
 * @hmm_pfn: an hmm_pfns[] entry with HMM_PFN_VALID set
 *
 * A kernel with the new encoding but not this helper (upstream added both
 * at once; a distro kernel may not).
 *
 * Return: the address of the start of its page.
 */
static inline phys_addr_t hmm_pfn_to_phys(unsigned long hmm_pfn)
{
	return PFN_PHYS(hmm_pfn & ~HMM_PFN_FLAGS);
}
#endif

#endif /* HB_EMUL_HMM_RANGE_FAULT || HB_XLAT_HMM_PFNS */

#endif /* _COMPAT_HMM_RANGE_FAULT_H */
