/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_interval.h - struct mmu_interval_notifier and its API (v5.5,
 * 99cb252f5e68 "mm/mmu_notifier: add an interval tree notifier") where the
 * kernel lacks it (v4.19 .. v5.4), or everywhere with HB_FORCE_EMUL (so that
 * the emulation can be tested on kernels that have the real thing).
 *
 * The emulation lives in compat/mmu_interval_notifier.c, linked into the
 * module that uses it (not exported).  Its names are hb_*; when
 * HB_EMUL_MMU_INTERVAL_NOTIFIER is in effect this header #defines the public
 * names to them, after <linux/mmu_notifier.h> has been parsed under its own
 * names, so the driver's `struct mmu_interval_notifier` and
 * `mmu_interval_read_begin()` are the emulation's.  Consequence: a kernel
 * header declaring something in terms of struct mmu_interval_notifier must
 * not be included after this one (<linux/hmm.h> is included first by
 * compat/hmm_range_fault.h for that reason).
 *
 * HB_FORCE_EMUL must be the same for every file of a module, including the
 * compat objects (tests/driver/Kbuild passes it to them).
 *
 * Differences from the kernel's, invisible to a driver following its rules:
 *  - one struct mmu_notifier is registered per mm per module, found in a
 *    hash table keyed by the mm; the first insert on an mm registers it
 *    (taking mmap_lock for write, like the kernel's first insert); it stays
 *    after the last remove, until the mm is torn down or the module exits
 *    (the module_exit() below), or, in a module whose exit did not see
 *    this header, the last remove unregisters it (an SRCU grace period);
 *  - no lockdep annotation ties read_begin() to invalidate_range_start();
 *  - where the kernel's callbacks carry no range structure (v4.18 and RHEL
 *    8's default form, v4.19), the range the driver is handed is built by
 *    the emulation, with event MMU_NOTIFY_CLEAR (the kernel does not say
 *    why); see compat/mmu_notifier_range.h for the pieces the kernel lacks.
 */
#ifndef _COMPAT_MMU_INTERVAL_H
#define _COMPAT_MMU_INTERVAL_H

#include <hb_probes.h>
#include <linux/compiler.h>
#include <linux/interval_tree.h>
#include <linux/list.h>
#include <linux/llist.h>
/* Before the kernel's header (see there). */
#include <compat/mmu_notifier_rename.h>
#include <linux/mmu_notifier.h>
#include <linux/types.h>
#include <compat/mmu_notifier_range.h>

#if !defined(HB_HAVE_MMU_INTERVAL_NOTIFIER) || defined(HB_FORCE_EMUL)
#define HB_EMUL_MMU_INTERVAL_NOTIFIER 1
#endif

#ifdef HB_EMUL_MMU_INTERVAL_NOTIFIER

struct hb_mmu_interval_notifier;
struct hb_mni_subscriptions;

/**
 * struct hb_mmu_interval_notifier_finish - a finish pass to run (v7.1's
 *	struct mmu_interval_notifier_finish), which the driver embeds in its
 *	own and returns from .invalidate_start
 * @link: the invalidation's list of pending passes
 * @notifier: the notifier whose .invalidate_finish runs
 */
struct hb_mmu_interval_notifier_finish {
	struct llist_node link;
	struct hb_mmu_interval_notifier *notifier;
};

/**
 * struct hb_mmu_interval_notifier_ops - what a driver is called for
 * @invalidate: the CPU page tables in the notifier's interval are about to
 *	change (or the mm is torn down: MMU_NOTIFY_RELEASE over everything).
 *	Called with @cur_seq, to be stored with mmu_interval_set_seq() under
 *	the driver's lock.  Returns false only if
 *	!mmu_notifier_range_blockable() and it would have had to sleep.
 * @invalidate_start: instead of @invalidate where set (v7.1's two passes):
 *	the same, and *@finish (NULL on entry) may be set to a finish pass,
 *	run once every notifier of the invalidation has had its first
 * @invalidate_finish: the second pass of a @finish returned by the first
 */
struct hb_mmu_interval_notifier_ops {
	bool (*invalidate)(struct hb_mmu_interval_notifier *interval_sub,
			   const struct mmu_notifier_range *range,
			   unsigned long cur_seq);
	bool (*invalidate_start)(struct hb_mmu_interval_notifier *interval_sub,
				 const struct mmu_notifier_range *range,
				 unsigned long cur_seq,
				 struct hb_mmu_interval_notifier_finish **finish);
	void (*invalidate_finish)(struct hb_mmu_interval_notifier_finish *finish);
};

/**
 * struct hb_mmu_interval_notifier - a subscription to invalidations of an
 *	interval of an mm (the driver embeds it; fields are private)
 * @interval_tree: the interval, in the mm's tree (RB_EMPTY_NODE while a
 *	deferred insert is pending)
 * @ops: the driver's callbacks
 * @mm: the mm (mmgrab()ed while inserted)
 * @deferred_item: entry in the mm's deferred insert/remove list
 * @invalidate_seq: the sequence of the last invalidation of this interval
 *	(mmu_interval_set_seq()); compared by the read side
 * @subs: the per-mm state this notifier is inserted in
 */
struct hb_mmu_interval_notifier {
	struct interval_tree_node interval_tree;
	const struct hb_mmu_interval_notifier_ops *ops;
	struct mm_struct *mm;
	struct hlist_node deferred_item;
	unsigned long invalidate_seq;
	struct hb_mni_subscriptions *subs;
};

int hb_mmu_interval_notifier_insert(struct hb_mmu_interval_notifier *interval_sub,
				    struct mm_struct *mm, unsigned long start,
				    unsigned long length,
				    const struct hb_mmu_interval_notifier_ops *ops);
int hb_mmu_interval_notifier_insert_locked(struct hb_mmu_interval_notifier *interval_sub,
					   struct mm_struct *mm,
					   unsigned long start,
					   unsigned long length,
					   const struct hb_mmu_interval_notifier_ops *ops);
void hb_mmu_interval_notifier_remove(struct hb_mmu_interval_notifier *interval_sub);
unsigned long hb_mmu_interval_read_begin(struct hb_mmu_interval_notifier *interval_sub);

/**
 * hb_mmu_interval_set_seq() - record an invalidation (mmu_interval_set_seq())
 * @interval_sub: the notifier being invalidated
 * @cur_seq: the @cur_seq its invalidate callback was given
 *
 * Called from the invalidate callback, under the driver's lock that also
 * covers its mmu_interval_read_retry(); any read section begun before makes
 * that read_retry() return true.
 */
static inline void
hb_mmu_interval_set_seq(struct hb_mmu_interval_notifier *interval_sub,
			unsigned long cur_seq)
{
	WRITE_ONCE(interval_sub->invalidate_seq, cur_seq);
}

/**
 * hb_mmu_interval_read_retry() - end a read section (mmu_interval_read_retry())
 * @interval_sub: the notifier
 * @seq: what mmu_interval_read_begin() returned
 *
 * Called under the driver's lock that its invalidate callback takes around
 * mmu_interval_set_seq().
 *
 * Return: true if the interval was invalidated since @seq: what was read
 * must not be used.
 */
static inline bool
hb_mmu_interval_read_retry(struct hb_mmu_interval_notifier *interval_sub,
			   unsigned long seq)
{
	return interval_sub->invalidate_seq != seq;
}

/**
 * hb_mmu_interval_check_retry() - test a read section early
 *	(mmu_interval_check_retry())
 * @interval_sub: the notifier
 * @seq: what mmu_interval_read_begin() returned
 *
 * Lockless; false is only a hint, mmu_interval_read_retry() decides.
 *
 * Return: true if the interval was invalidated since @seq.
 */
static inline bool
hb_mmu_interval_check_retry(struct hb_mmu_interval_notifier *interval_sub,
			    unsigned long seq)
{
	return READ_ONCE(interval_sub->invalidate_seq) != seq;
}

/*
 * The module's exit, through module_exit() as seen by the file that uses it
 * after including this header: the driver's exit function runs, then
 * hb_mni_module_exit() takes down the per-mm subscriptions the emulation
 * kept after their last notifier was removed (so that a driver inserting
 * one notifier per fault window does not register on the mm each time, as
 * upstream keeps its per-mm state for the mm's life).  This is how the
 * backports project adds work to a module's exit: the kernel's own
 * module_exit() (v4.18 .. v7.x: cleanup_module, an alias of the function,
 * kept addressable for indirect-branch tracking), with the shim's wrapper
 * as the function.  hb_mni_exit_hooked tells the emulation that the hook is
 * in: a module whose exit is in a file that did not include this header
 * after <linux/module.h> keeps nothing, and unregisters at the last remove
 * (slower, as safe).  Each side has a weak default for the other (no
 * weak reference: arm64's module loader refuses the GOT relocations those
 * compile to): the shim's hb_mni_exit_hooked is 0 unless the hook defines
 * it, the hook's hb_mni_module_exit() does nothing unless the emulation is
 * linked in.
 */
void hb_mni_module_exit(void);
extern int hb_mni_exit_hooked;

#define mmu_interval_notifier		hb_mmu_interval_notifier
#define mmu_interval_notifier_ops	hb_mmu_interval_notifier_ops
#define mmu_interval_notifier_finish	hb_mmu_interval_notifier_finish
#define mmu_interval_notifier_insert	hb_mmu_interval_notifier_insert
#define mmu_interval_notifier_insert_locked \
					hb_mmu_interval_notifier_insert_locked
#define mmu_interval_notifier_remove	hb_mmu_interval_notifier_remove
#define mmu_interval_read_begin		hb_mmu_interval_read_begin
#define mmu_interval_set_seq		hb_mmu_interval_set_seq
#define mmu_interval_read_retry		hb_mmu_interval_read_retry
#define mmu_interval_check_retry	hb_mmu_interval_check_retry

#endif /* HB_EMUL_MMU_INTERVAL_NOTIFIER */

#endif /* _COMPAT_MMU_INTERVAL_H */

/*
 * The module_exit() described above, outside the include guard: it takes
 * effect at the first inclusion after <linux/module.h> has defined the
 * kernel's (a kernel header may pull this one in before, from inside its
 * own includes, where including <linux/module.h> here would break the
 * order the kernel's headers need), and only in a module.
 */
#if defined(HB_EMUL_MMU_INTERVAL_NOTIFIER) && defined(MODULE) && \
	defined(module_exit) && !defined(HB_MODULE_EXIT_HOOKED)
#define HB_MODULE_EXIT_HOOKED 1
#ifdef __copy
#define HB_MODULE_EXIT_ATTRS	__copy(hb_module_exit)
#else
/* v4.18 (RHEL 8): no __copy(); what __exit gives that an alias must have */
#define HB_MODULE_EXIT_ATTRS	__cold
#endif

#undef module_exit
#define module_exit(exitfn)						\
	int hb_mni_exit_hooked = 1;					\
	void __weak hb_mni_module_exit(void)				\
	{								\
	}								\
	static void __exit hb_module_exit(void)				\
	{								\
		exitfn();						\
		hb_mni_module_exit();					\
	}								\
	HB_MODULE_EXIT_ATTRS void cleanup_module(void)			\
		__alias(hb_module_exit);				\
	static exitcall_t hb_cleanup_module_addressable __used __exitdata = \
		cleanup_module
#endif
