/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux 5.3 HMM mirror API, emulated on the
 * mmu_interval_notifier + hmm_range_fault(range) API of v5.8 and later.
 *
 * Internal header, shared by the driver side (compat/hmm.h with
 * HMM_COMPAT_API == 0x050300, which maps the 5.3 names onto the ones
 * declared here) and the entry points (compat/hmm_mirror53.c).  Everything
 * is named hmm_compat53_* / HMM_COMPAT53_*, names the kernel can never have.
 * Do not include it directly from a driver.
 *
 * The structs embed the generation-neutral core's (compat/hmm_compat_core.h,
 * which also documents the locking).  The caller of hmm_mirror_register()
 * holds mmap_lock for write; the caller of hmm_range_snapshot() and
 * hmm_range_fault() holds mmap_lock for read; the driver's own page-table
 * lock (taken in its sync_cpu_device_pagetables() and around its
 * hmm_range_valid() check) makes a result safe to use.
 */
#ifndef _COMPAT_HMM53_TYPES_H
#define _COMPAT_HMM53_TYPES_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/types.h>
#include <compat/hmm_compat_core.h>

struct hmm_compat53_mirror;

/* 5.3 enum hmm_update_event: the type of an update. */
enum hmm_compat53_update_event {
	HMM_COMPAT53_UPDATE_INVALIDATE,
};

/**
 * struct hmm_compat53_update - 5.3 struct hmm_update
 * @start: first address of the range to update
 * @end: address after the last
 * @event: HMM_UPDATE_INVALIDATE
 * @blockable: whether the callback may sleep
 */
struct hmm_compat53_update {
	unsigned long start;
	unsigned long end;
	enum hmm_compat53_update_event event;
	bool blockable;
};

/**
 * struct hmm_compat53_mirror_ops - 5.3 struct hmm_mirror_ops
 * @release: the mm is going away; stop all device access to it.  Called
 *	once, may sleep, must not call hmm_mirror_unregister().
 * @sync_cpu_device_pagetables: the CPU page table is about to change in
 *	[update->start, update->end): drop the device's entries for it before
 *	returning.  If !update->blockable it must not sleep and may return
 *	-EAGAIN instead; otherwise it must return 0.
 */
struct hmm_compat53_mirror_ops {
	void (*release)(struct hmm_compat53_mirror *mirror);
	int (*sync_cpu_device_pagetables)(struct hmm_compat53_mirror *mirror,
					  const struct hmm_compat53_update *update);
};

/**
 * struct hmm_compat53_mirror - 5.3 struct hmm_mirror
 * @hmm: the mm's tracking state (5.3's struct hmm) while registered
 * @ops: the driver's callbacks
 * @list: unused (the core links @core)
 */
struct hmm_compat53_mirror {
	struct hmm_compat_hmm *hmm;
	const struct hmm_compat53_mirror_ops *ops;
	struct list_head list;
	/* private: the emulation's part */
	struct hmm_compat_mirror core;
};

/**
 * struct hmm_compat53_range - 5.3 struct hmm_range
 * @hmm: the tracking state it is registered with (NULL when not)
 * @vma: unused by the emulation (5.3 drivers set it; nothing read it)
 * @list: unused (the core links @core)
 * @start: first address (set by hmm_range_register())
 * @end: address after the last (set by hmm_range_register())
 * @pfns: one entry per page, in the driver's encoding
 * @flags: the driver's HMM_PFN_* flag bits, indexed by hmm_pfn_flag_e
 * @values: the driver's HMM_PFN_* special values, indexed by hmm_pfn_value_e
 * @default_flags: request flags for every page
 * @pfn_flags_mask: which bits of @pfns[i] add per-page request flags
 * @page_shift: the page size of the entries (only PAGE_SHIFT is supported)
 * @pfn_shift: where the pfn starts in an entry
 * @valid: no invalidation hit the range since it was last validated
 */
struct hmm_compat53_range {
	struct hmm_compat_hmm *hmm;
	struct vm_area_struct *vma;
	struct list_head list;
	unsigned long start;
	unsigned long end;
	u64 *pfns;
	const u64 *flags;
	const u64 *values;
	u64 default_flags;
	u64 pfn_flags_mask;
	u8 page_shift;
	u8 pfn_shift;
	bool valid;
	/* private: the emulation's part */
	struct hmm_compat_range core;
};

#define HMM_COMPAT53_RANGE_DEFAULT_TIMEOUT	1000

/*
 * Internal, for the 5.2 and 5.3 hmm_range_register(): reset @range to
 * unregistered and record what is being registered.  Returns 0, or -EINVAL
 * for a page size other than PAGE_SHIFT (the only one emulated).
 */
static inline int hmm_compat53_range_init(struct hmm_compat53_range *range,
					  unsigned long start,
					  unsigned long end,
					  unsigned int page_shift)
{
	range->hmm = NULL;
	range->valid = false;
	INIT_LIST_HEAD(&range->list);
	if (page_shift != PAGE_SHIFT)
		return -EINVAL;
	range->page_shift = page_shift;
	range->start = start;
	range->end = end;
	return 0;
}

int hmm_compat53_mirror_register(struct hmm_compat53_mirror *mirror,
				 struct mm_struct *mm);
void hmm_compat53_mirror_unregister(struct hmm_compat53_mirror *mirror);
int hmm_compat53_range_register(struct hmm_compat53_range *range,
				struct hmm_compat53_mirror *mirror,
				unsigned long start, unsigned long end,
				unsigned int page_shift);
void hmm_compat53_range_unregister(struct hmm_compat53_range *range);
bool hmm_compat53_range_wait_until_valid(struct hmm_compat53_range *range,
					 unsigned long timeout);
long hmm_compat53_range_snapshot(struct hmm_compat53_range *range);
long hmm_compat53_range_fault(struct hmm_compat53_range *range, bool block);
struct device;
long hmm_compat53_range_dma_map(struct hmm_compat53_range *range,
				struct device *device, dma_addr_t *daddrs,
				bool block);
long hmm_compat53_range_dma_unmap(struct hmm_compat53_range *range,
				  struct vm_area_struct *vma,
				  struct device *device, dma_addr_t *daddrs,
				  bool dirty);

/**
 * hmm_compat53_range_valid() - 5.3 hmm_range_valid()
 * @range: a registered range
 *
 * Check it under the lock the driver's sync_cpu_device_pagetables() takes,
 * before using what hmm_range_fault() or hmm_range_snapshot() returned.
 *
 * Return: true if no invalidation hit @range since it was last validated.
 */
static inline bool hmm_compat53_range_valid(struct hmm_compat53_range *range)
{
	return READ_ONCE(range->valid);
}

/**
 * hmm_compat53_range_page_shift() - 5.3 hmm_range_page_shift()
 * @range: a range
 *
 * Return: the page shift of its entries.
 */
static inline unsigned int
hmm_compat53_range_page_shift(const struct hmm_compat53_range *range)
{
	return range->page_shift;
}

/**
 * hmm_compat53_range_page_size() - 5.3 hmm_range_page_size()
 * @range: a range
 *
 * Return: the page size of its entries.
 */
static inline unsigned long
hmm_compat53_range_page_size(const struct hmm_compat53_range *range)
{
	return 1UL << range->page_shift;
}

/**
 * hmm_compat53_device_entry_to_pfn() - 5.3 hmm_device_entry_to_pfn()
 * @range: the range the entry belongs to
 * @entry: an entry of @range->pfns
 *
 * Return: the pfn of a valid entry, -1UL for anything else.
 */
static inline unsigned long
hmm_compat53_device_entry_to_pfn(const struct hmm_compat53_range *range,
				 u64 entry)
{
	struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);

	return hmm_compat_entry_to_pfn(&fmt, entry);
}

/**
 * hmm_compat53_device_entry_to_page() - 5.3 hmm_device_entry_to_page()
 * @range: the range the entry belongs to
 * @entry: an entry of @range->pfns
 *
 * Return: the page of a valid entry, NULL for anything else.
 */
static inline struct page *
hmm_compat53_device_entry_to_page(const struct hmm_compat53_range *range,
				  u64 entry)
{
	unsigned long pfn = hmm_compat53_device_entry_to_pfn(range, entry);

	return pfn == -1UL ? NULL : pfn_to_page(pfn);
}

/**
 * hmm_compat53_device_entry_from_pfn() - 5.3 hmm_device_entry_from_pfn()
 * @range: the range the entry is for
 * @pfn: a pfn
 *
 * Return: the valid entry for @pfn in the driver's encoding.
 */
static inline u64
hmm_compat53_device_entry_from_pfn(const struct hmm_compat53_range *range,
				   unsigned long pfn)
{
	struct hmm_compat_pfn_fmt fmt = HMM_COMPAT_PFN_FMT(range);

	return hmm_compat_entry_from_pfn(&fmt, pfn);
}

/**
 * hmm_compat53_device_entry_from_page() - 5.3 hmm_device_entry_from_page()
 * @range: the range the entry is for
 * @page: a page
 *
 * Return: the valid entry for @page in the driver's encoding.
 */
static inline u64
hmm_compat53_device_entry_from_page(const struct hmm_compat53_range *range,
				    struct page *page)
{
	return hmm_compat53_device_entry_from_pfn(range, page_to_pfn(page));
}

#endif /* _COMPAT_HMM53_TYPES_H */
