/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_compat_core.h - the generation-neutral core of the hmm_mirror
 * emulation (compat/hmm_mirror.c), shared by the 5.2, 5.3 and 5.4 APIs.
 *
 * Internal header: a driver sees it only through its generation's types
 * (compat/hmm52_types.h, hmm53_types.h, hmm54_types.h), whose structs embed
 * the core's as private members, and whose thin entry points
 * (compat/hmm_mirror5[234].c) translate arguments and callbacks.
 *
 * The model is 5.2 .. 5.4's struct hmm: one tracking state per mm, kept in a
 * per-module registry keyed by mm, holding one mmu_interval_notifier over
 * the whole address space, the list of mirrors and the list of registered
 * ranges of that mm.
 *
 * Locking, outermost first:
 *  - mmap_lock: held for write by the caller of mirror registration (all of
 *    5.2 .. 5.4 required it), for read by the caller of a fault.  Creating
 *    a state for an mm with no mirror (5.2's hmm_range_register() by mm)
 *    may take it for write, so that must be called without it.
 *  - hmm_compat_registry_lock (mutex, compat/hmm_mirror.c): the registry
 *    list and every state's @kref dropping to zero.  Never held across a
 *    notifier insertion or removal.
 *  - hmm_compat_hmm.mirrors_sem (rw_semaphore): @mirrors.  Taken for write
 *    by mirror (un)registration, for read by the invalidate callback around
 *    the driver's callbacks (only tried when the invalidation must not
 *    block, as 5.2 .. 5.4 did).
 *  - the driver's own lock(s), taken in its callbacks.
 *  - hmm_compat_hmm.ranges_lock (spinlock, innermost, never from IRQ):
 *    @ranges, each registered range's valid flag and @notifier_seq,
 *    @released; it is also the "user_lock" pairing mmu_interval_set_seq()
 *    with mmu_interval_read_retry() when a range is validated.
 */
#ifndef _COMPAT_HMM_COMPAT_CORE_H
#define _COMPAT_HMM_COMPAT_CORE_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <compat/hmm_pfn_convert.h>

struct hmm_compat_mirror;

/**
 * struct hmm_compat_hmm - what 5.2 .. 5.4 called struct hmm: the tracking
 *	state of one mm
 * @notifier: interval notifier over the whole address space of @mm
 * @mm: the tracked mm (the notifier holds an mmgrab() on it)
 * @kref: one reference per registered mirror and range, plus temporary ones
 * @registry: on the module's registry, under hmm_compat_registry_lock
 * @mirrors_sem: protects @mirrors
 * @mirrors: registered struct hmm_compat_mirror, linked by their @list
 * @ranges_lock: protects @ranges, the ranges' valid flag and sequence, and
 *	@released
 * @ranges: registered struct hmm_compat_range, linked by their @link
 * @released: the mm went away (MMU_NOTIFY_RELEASE seen; 5.2's hmm->dead)
 */
struct hmm_compat_hmm {
	struct mmu_interval_notifier notifier;
	struct mm_struct *mm;
	struct kref kref;
	struct list_head registry;
	struct rw_semaphore mirrors_sem;	/* protects mirrors */
	struct list_head mirrors;
	spinlock_t ranges_lock;	/* protects ranges, valid, seq, released */
	struct list_head ranges;
	bool released;
};

/**
 * struct hmm_compat_gen_ops - how the core calls a generation's driver
 * @sync: call the driver's sync_cpu_device_pagetables() for @update, in
 *	that generation's form; 0 or -EAGAIN (only if not blockable)
 * @release: call the driver's release(), if it has one
 */
struct hmm_compat_gen_ops {
	int (*sync)(struct hmm_compat_mirror *mirror,
		    const struct mmu_notifier_range *update);
	void (*release)(struct hmm_compat_mirror *mirror);
};

/**
 * struct hmm_compat_mirror - the core's part of a mirror (embedded,
 *	private, in each generation's struct hmm_mirror)
 * @hmm: the mm's tracking state while registered, else NULL
 * @list: on @hmm->mirrors, under @hmm->mirrors_sem
 * @gen: the generation's callback adaptors
 */
struct hmm_compat_mirror {
	struct hmm_compat_hmm *hmm;
	struct list_head list;
	const struct hmm_compat_gen_ops *gen;
};

/**
 * struct hmm_compat_range - the core's part of a range (embedded, private,
 *	in each generation's struct hmm_range)
 * @hmm: the tracking state it is registered with, else NULL
 * @link: on @hmm->ranges, under @hmm->ranges_lock
 * @start: first address tracked
 * @end: address after the last
 * @valid: the driver-visible valid flag of the generation's range
 * @notifier_seq: @hmm->notifier's sequence when last validated
 * @seq: the range's own sequence, as the fault sees it: never inserted in
 *	any tree, only its mm and its invalidate_seq are used, by
 *	hmm_range_fault()'s -EBUSY check (mmu_interval_check_retry()).  Set to
 *	@notifier_seq when validated and moved (mmu_interval_set_seq()) only
 *	by invalidations that overlap [@start, @end), under @hmm->ranges_lock:
 *	so, as in 5.2 .. 5.4, an invalidation elsewhere in the mm does not
 *	end a fault of this range with -EBUSY.
 * @pins_mm: holds a user of the mm while registered (5.3, 5.4)
 */
struct hmm_compat_range {
	struct hmm_compat_hmm *hmm;
	struct list_head link;
	unsigned long start;
	unsigned long end;
	bool *valid;
	unsigned long notifier_seq;
	struct mmu_interval_notifier seq;
	bool pins_mm;
};

/**
 * struct hmm_compat_fault - one fault or snapshot request
 * @fmt: the driver's encoding
 * @pfns: one entry per page of the range, in that encoding
 * @default_flags: request flags for every page
 * @pfn_flags_mask: which bits of @pfns[i] add per-page request flags
 * @snapshot: fault nothing in, only report
 * @dev_private_owner: 5.7+: whose device-private pages are reported (valid,
 *	their device pfn) instead of faulted back; NULL: nobody's
 */
struct hmm_compat_fault {
	struct hmm_compat_pfn_fmt fmt;
	u64 *pfns;
	u64 default_flags;
	u64 pfn_flags_mask;
	bool snapshot;
	void *dev_private_owner;
};

int hmm_compat_mirror_register(struct hmm_compat_mirror *mirror,
			       struct mm_struct *mm,
			       const struct hmm_compat_gen_ops *gen);
void hmm_compat_mirror_unregister(struct hmm_compat_mirror *mirror);
struct hmm_compat_hmm *hmm_compat_hmm_get(struct mm_struct *mm);
void hmm_compat_hmm_put(struct hmm_compat_hmm *hmm);
int hmm_compat_range_register(struct hmm_compat_range *range,
			      struct hmm_compat_hmm *hmm,
			      unsigned long start, unsigned long end,
			      bool *valid, bool pin_mm);
void hmm_compat_range_unregister(struct hmm_compat_range *range);
bool hmm_compat_range_wait_until_valid(struct hmm_compat_range *range,
				       unsigned long timeout);
long hmm_compat_range_fault(struct hmm_compat_range *range,
			    const struct hmm_compat_fault *req);
long hmm_compat_fault_encoded(struct mmu_interval_notifier *mni,
			      unsigned long seq, unsigned long start,
			      unsigned long end,
			      const struct hmm_compat_fault *req);

struct device;
long hmm_compat_range_dma_map(struct hmm_compat_range *range,
			      const struct hmm_compat_pfn_fmt *fmt,
			      const u64 *pfns, struct device *device,
			      dma_addr_t *daddrs);
long hmm_compat_range_dma_unmap(unsigned long start, unsigned long end,
				const struct hmm_compat_pfn_fmt *fmt, u64 *pfns,
				struct device *device, dma_addr_t *daddrs,
				bool dirty);

#endif /* _COMPAT_HMM_COMPAT_CORE_H */
