/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux 5.4 HMM mirror API, emulated on the
 * mmu_interval_notifier + hmm_range_fault(range) API of v5.8 and later.
 *
 * Internal header, shared by the driver side (compat/hmm.h with
 * HMM_COMPAT_API == 0x050400, which maps the 5.4 names onto the ones
 * declared here) and the implementation (compat/hmm_mirror.c, which must also
 * see the kernel's own struct hmm_range, hmm_range_fault() and HMM_PFN_*).
 * Everything here is therefore named hmm_compat54_* / HMM_COMPAT54_*, a name
 * the kernel can never have.  Do not include it directly from a driver.
 *
 * The structs embed the generation-neutral core's (compat/hmm_compat_core.h,
 * which also documents the locking); compat/hmm_mirror54.c holds the thin
 * 5.4 entry points.  The caller of hmm_mirror_register() holds mmap_lock for
 * write (as 5.4 required of it); the caller of hmm_range_fault() holds
 * mmap_lock for read; the driver's own page-table lock (taken in its
 * sync_cpu_device_pagetables() and around its hmm_range_valid() check) is
 * what makes a fault result safe to use; the emulation never takes it.
 */
#ifndef _COMPAT_HMM54_TYPES_H
#define _COMPAT_HMM54_TYPES_H

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/types.h>
#include <compat/hmm_compat_core.h>

/*
 * enum hmm_pfn_flag_e and enum hmm_pfn_value_e of 5.4 are the neutral
 * enum hmm_compat_pfn_flag_e / hmm_compat_pfn_value_e
 * (compat/hmm_pfn_convert.h): the same from 4.17 on.
 */

/* hmm_range_fault() flags of 5.4. */
#define HMM_COMPAT54_FAULT_ALLOW_RETRY	BIT(0)
#define HMM_COMPAT54_FAULT_SNAPSHOT	BIT(1)

struct hmm_compat54_mirror;

/**
 * struct hmm_compat54_mirror_ops - 5.4 struct hmm_mirror_ops
 * @release: the mm is going away; stop all device access to it.  Called
 *	once, may sleep, must not call hmm_mirror_unregister().
 * @sync_cpu_device_pagetables: the CPU page table is about to change in
 *	[update->start, update->end): drop the device's entries for it before
 *	returning.  If !mmu_notifier_range_blockable(update) it must not
 *	sleep and may return -EAGAIN instead; otherwise it must return 0.
 */
struct hmm_compat54_mirror_ops {
	void (*release)(struct hmm_compat54_mirror *mirror);
	int (*sync_cpu_device_pagetables)(struct hmm_compat54_mirror *mirror,
					  const struct mmu_notifier_range *update);
};

/**
 * struct hmm_compat54_mirror - 5.4 struct hmm_mirror
 * @hmm: the mm's tracking state (5.4's struct hmm) while registered
 * @ops: the driver's callbacks
 * @list: unused (the core links @core)
 */
struct hmm_compat54_mirror {
	struct hmm_compat_hmm *hmm;
	const struct hmm_compat54_mirror_ops *ops;
	struct list_head list;
	/* private: the emulation's part */
	struct hmm_compat_mirror core;
};

/**
 * struct hmm_compat54_range - 5.4 struct hmm_range
 * @hmm: the tracking state it is registered with (NULL when not)
 * @list: unused (the core links @core)
 * @start: first address (page aligned)
 * @end: address after the last (page aligned)
 * @pfns: one entry per page, in the driver's encoding
 * @flags: the driver's HMM_PFN_* flag bits, indexed by hmm_pfn_flag_e
 * @values: the driver's HMM_PFN_* special values, indexed by hmm_pfn_value_e
 * @default_flags: request flags for every page
 * @pfn_flags_mask: which bits of @pfns[i] add per-page request flags
 * @pfn_shift: where the pfn starts in an entry
 * @valid: no invalidation hit the range since it was last validated
 */
struct hmm_compat54_range {
	struct hmm_compat_hmm *hmm;
	struct list_head list;
	unsigned long start;
	unsigned long end;
	u64 *pfns;
	const u64 *flags;
	const u64 *values;
	u64 default_flags;
	u64 pfn_flags_mask;
	u8 pfn_shift;
	bool valid;
	/* private: the emulation's part */
	struct hmm_compat_range core;
};

#define HMM_COMPAT54_RANGE_DEFAULT_TIMEOUT	1000

int hmm_compat54_mirror_register(struct hmm_compat54_mirror *mirror,
				 struct mm_struct *mm);
void hmm_compat54_mirror_unregister(struct hmm_compat54_mirror *mirror);
int hmm_compat54_range_register(struct hmm_compat54_range *range,
				struct hmm_compat54_mirror *mirror);
void hmm_compat54_range_unregister(struct hmm_compat54_range *range);
bool hmm_compat54_range_wait_until_valid(struct hmm_compat54_range *range,
					 unsigned long timeout);
long hmm_compat54_range_fault(struct hmm_compat54_range *range,
			      unsigned int flags);
struct device;
long hmm_compat54_range_dma_map(struct hmm_compat54_range *range,
				struct device *device, dma_addr_t *daddrs,
				unsigned int flags);
long hmm_compat54_range_dma_unmap(struct hmm_compat54_range *range,
				  struct device *device, dma_addr_t *daddrs,
				  bool dirty);

/**
 * hmm_compat54_range_valid() - 5.4 hmm_range_valid()
 * @range: a registered range
 *
 * Check it under the lock the driver's sync_cpu_device_pagetables() takes,
 * before using what hmm_range_fault() returned.
 *
 * Return: true if no invalidation hit @range since it was last validated.
 */
static inline bool hmm_compat54_range_valid(struct hmm_compat54_range *range)
{
	return READ_ONCE(range->valid);
}

/**
 * hmm_compat54_device_entry_to_page() - 5.4 hmm_device_entry_to_page()
 * @range: the range the entry belongs to
 * @entry: an entry of @range->pfns
 *
 * Return: the page of a valid entry, NULL for anything else.
 */
static inline struct page *
hmm_compat54_device_entry_to_page(const struct hmm_compat54_range *range,
				  u64 entry)
{
	struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);
	unsigned long pfn = hmm_compat_entry_to_pfn(&fmt, entry);

	return pfn == -1UL ? NULL : pfn_to_page(pfn);
}

/**
 * hmm_compat54_device_entry_to_pfn() - 5.4 hmm_device_entry_to_pfn()
 * @range: the range the entry belongs to
 * @entry: an entry of @range->pfns
 *
 * Return: the pfn of a valid entry, -1UL for anything else.
 */
static inline unsigned long
hmm_compat54_device_entry_to_pfn(const struct hmm_compat54_range *range,
				 u64 entry)
{
	struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);

	return hmm_compat_entry_to_pfn(&fmt, entry);
}

/**
 * hmm_compat54_device_entry_from_pfn() - 5.4 hmm_device_entry_from_pfn()
 * @range: the range the entry is for
 * @pfn: a pfn
 *
 * Return: the valid entry for @pfn in the driver's encoding.
 */
static inline u64
hmm_compat54_device_entry_from_pfn(const struct hmm_compat54_range *range,
				   unsigned long pfn)
{
	struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);

	return hmm_compat_entry_from_pfn(&fmt, pfn);
}

/**
 * hmm_compat54_device_entry_from_page() - 5.4 hmm_device_entry_from_page()
 * @range: the range the entry is for
 * @page: a page
 *
 * Return: the valid entry for @page in the driver's encoding.
 */
static inline u64
hmm_compat54_device_entry_from_page(const struct hmm_compat54_range *range,
				    struct page *page)
{
	return hmm_compat54_device_entry_from_pfn(range, page_to_pfn(page));
}

#endif /* _COMPAT_HMM54_TYPES_H */
