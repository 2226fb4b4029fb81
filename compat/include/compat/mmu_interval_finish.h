/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_interval_finish.h - v7.1's two-pass interval notifiers
 * (struct mmu_interval_notifier_finish, mmu_interval_notifier_ops'
 * .invalidate_start and .invalidate_finish; xe's userptr uses them) where
 * the kernel has the interval notifier without them (v5.5 .. v7.0, RHEL 8
 * and 9).  Where the interval notifier is emulated, the emulation's ops
 * have them (compat/mmu_interval.h); on v7.1+ this adds nothing.
 *
 * The kernel's struct mmu_interval_notifier_ops is read as struct
 * hb_kernel_mmu_interval_notifier_ops (compat/mmu_notifier_rename.h), and
 * declared again here with its members over the kernel's own structure,
 * then the two passes.  Inserting a notifier whose ops have
 * .invalidate_start hands the kernel, in its place, callbacks of the shim's
 * (compat/mmu_interval_finish.c), allocated per notifier, whose
 * .invalidate runs the driver's .invalidate_start and, if it returned a
 * finish, its .invalidate_finish; ops without .invalidate_start are the
 * kernel's as they are.
 *
 * Differences from upstream: a notifier's finish pass runs right after its
 * own start pass, not after the start passes of every notifier the
 * invalidation reaches (upstream's batching lets the waits of several
 * notifiers overlap; each notifier still sees start, then finish); and the
 * insert allocates (a failure is -ENOMEM).  The kernel's ->ops of such a
 * notifier is the shim's.
 */
#ifndef _COMPAT_MMU_INTERVAL_FINISH_H
#define _COMPAT_MMU_INTERVAL_FINISH_H

/* The kernel's header, read with the ops structure renamed. */
#include <compat/mmu_notifier_rename.h>

#ifdef HB_MMU_INTERVAL_FINISH_EMUL

#include <linux/llist.h>
#include <linux/types.h>

/**
 * struct mmu_interval_notifier_finish - a finish pass to run (v7.1)
 * @link: the kernel's list of pending passes (unused by the shim)
 * @notifier: the notifier whose .invalidate_finish runs
 */
struct mmu_interval_notifier_finish {
	struct llist_node link;
	struct mmu_interval_notifier *notifier;
};

/**
 * struct mmu_interval_notifier_ops - the kernel's callbacks, then v7.1's
 * @invalidate: the kernel's
 * @hb_kernel: the kernel's structure itself (its size, its reserves)
 * @invalidate_start: the first pass; *@finish (NULL on entry) set to a
 *	finish of the driver's, or left NULL to do all @invalidate does
 * @invalidate_finish: the second pass, for a @finish returned by the first
 */
struct mmu_interval_notifier_ops {
	union {
		struct {
			bool (*invalidate)(struct mmu_interval_notifier *interval_sub,
					   const struct mmu_notifier_range *range,
					   unsigned long cur_seq);
		};
		struct hb_kernel_mmu_interval_notifier_ops hb_kernel;
	};
	bool (*invalidate_start)(struct mmu_interval_notifier *interval_sub,
				 const struct mmu_notifier_range *range,
				 unsigned long cur_seq,
				 struct mmu_interval_notifier_finish **finish);
	void (*invalidate_finish)(struct mmu_interval_notifier_finish *finish);
};

int hb_two_pass_insert(struct mmu_interval_notifier *interval_sub,
		       struct mm_struct *mm, unsigned long start,
		       unsigned long length,
		       const struct mmu_interval_notifier_ops *ops);
int hb_two_pass_insert_locked(struct mmu_interval_notifier *interval_sub,
			      struct mm_struct *mm, unsigned long start,
			      unsigned long length,
			      const struct mmu_interval_notifier_ops *ops);
void hb_two_pass_remove(struct mmu_interval_notifier *interval_sub);

/* Function-like: the shim's own calls of the kernel's are (name)(...). */
#define mmu_interval_notifier_insert(sub, mm, start, length, ops) \
	hb_two_pass_insert(sub, mm, start, length, ops)
#define mmu_interval_notifier_insert_locked(sub, mm, start, length, ops) \
	hb_two_pass_insert_locked(sub, mm, start, length, ops)
#define mmu_interval_notifier_remove(sub)	hb_two_pass_remove(sub)

#endif /* HB_MMU_INTERVAL_FINISH_EMUL */

#endif /* _COMPAT_MMU_INTERVAL_FINISH_H */
