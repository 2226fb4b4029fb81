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
 * Locking (compare mm/hmm.c of v5.4):
 *  - the caller of hmm_mirror_register() holds mmap_lock for write (as 5.4
 *    required of it); the caller of hmm_range_fault() holds mmap_lock for
 *    read.  Nothing else here needs mmap_lock.
 *  - struct hmm_compat54_hmm.ranges_lock (spinlock, never taken from IRQ
 *    context) protects the list of registered ranges, each registered
 *    range's @valid and @notifier_seq, the released flag, and is the
 *    "user_lock" pairing mmu_interval_set_seq() in the invalidate callback
 *    with mmu_interval_read_retry() when a range is (re)validated.
 *  - the driver's own page-table lock (taken in its
 *    sync_cpu_device_pagetables() and around its hmm_range_valid() check)
 *    is what makes a fault result safe to use; the emulation never takes it.
 */
#ifndef _COMPAT_HMM54_TYPES_H
#define _COMPAT_HMM54_TYPES_H

#ifdef HB_HAVE_HMM_MIRROR
#error "compat/hmm54_types.h: this kernel has the 5.4 API natively"
#endif

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* Indices into the driver's flags[] table (5.4 enum hmm_pfn_flag_e). */
enum hmm_compat54_pfn_flag_e {
	HMM_COMPAT54_PFN_VALID = 0,
	HMM_COMPAT54_PFN_WRITE,
	HMM_COMPAT54_PFN_DEVICE_PRIVATE,
	HMM_COMPAT54_PFN_FLAG_MAX
};

/* Indices into the driver's values[] table (5.4 enum hmm_pfn_value_e). */
enum hmm_compat54_pfn_value_e {
	HMM_COMPAT54_PFN_ERROR,
	HMM_COMPAT54_PFN_NONE,
	HMM_COMPAT54_PFN_SPECIAL,
	HMM_COMPAT54_PFN_VALUE_MAX
};

/* hmm_range_fault() flags of 5.4. */
#define HMM_COMPAT54_FAULT_ALLOW_RETRY	BIT(0)
#define HMM_COMPAT54_FAULT_SNAPSHOT	BIT(1)

struct hmm_compat54_mirror;

/**
 * struct hmm_compat54_hmm - what 5.4 called struct hmm: the tracking state
 * behind one mirror (5.4 shared one per mm; here there is one per mirror)
 * @notifier: interval notifier over the whole address space of @mm
 * @mm: the mirrored mm (the notifier holds an mmgrab() on it)
 * @mirror: the mirror this state belongs to
 * @ranges_lock: protects @ranges, the ranges' @valid and @notifier_seq,
 *	and @released
 * @ranges: registered struct hmm_compat54_range, linked by their @list
 * @released: ops->release() has been called (the mm is going away)
 */
struct hmm_compat54_hmm {
	struct mmu_interval_notifier notifier;
	struct mm_struct *mm;
	struct hmm_compat54_mirror *mirror;
	spinlock_t ranges_lock;	/* protects ranges, valid, seq, released */
	struct list_head ranges;
	bool released;
};

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
 * @hmm: the tracking state (points at @__hmm while registered)
 * @ops: the driver's callbacks
 * @list: unused (5.4 linked the mirrors of one mm here)
 */
struct hmm_compat54_mirror {
	struct hmm_compat54_hmm *hmm;
	const struct hmm_compat54_mirror_ops *ops;
	struct list_head list;
	/* private: the tracking state itself */
	struct hmm_compat54_hmm __hmm;
};

/**
 * struct hmm_compat54_range - 5.4 struct hmm_range
 * @hmm: the tracking state it is registered with (NULL when not)
 * @list: on @hmm->ranges while registered
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
	struct hmm_compat54_hmm *hmm;
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
	/* private: @hmm->notifier's sequence when last validated */
	unsigned long notifier_seq;
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
	if (entry == range->values[HMM_COMPAT54_PFN_NONE] ||
	    entry == range->values[HMM_COMPAT54_PFN_ERROR] ||
	    entry == range->values[HMM_COMPAT54_PFN_SPECIAL])
		return NULL;
	if (!(entry & range->flags[HMM_COMPAT54_PFN_VALID]))
		return NULL;
	return pfn_to_page(entry >> range->pfn_shift);
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
	if (entry == range->values[HMM_COMPAT54_PFN_NONE] ||
	    entry == range->values[HMM_COMPAT54_PFN_ERROR] ||
	    entry == range->values[HMM_COMPAT54_PFN_SPECIAL])
		return -1UL;
	if (!(entry & range->flags[HMM_COMPAT54_PFN_VALID]))
		return -1UL;
	return entry >> range->pfn_shift;
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
	return ((u64)pfn << range->pfn_shift) |
		range->flags[HMM_COMPAT54_PFN_VALID];
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
