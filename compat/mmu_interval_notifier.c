// SPDX-License-Identifier: GPL-2.0
/*
 * struct mmu_interval_notifier (v5.5) on kernels without it, or with
 * HB_FORCE_EMUL on any kernel: see compat/mmu_interval.h for the API and
 * its names.  Compiles to nothing where the module uses the kernel's own.
 *
 * Design (the semantics of mm/mmu_notifier.c of v5.5+, own code):
 *  - per mm, one struct hb_mni_subscriptions holds one registered struct
 *    mmu_notifier and an interval tree of the inserted interval notifiers.
 *    They are found in hb_mni_table (hash keyed by the mm) under
 *    hb_mni_mutex, counted by @users, created by the first insert and kept
 *    after the last remove (idle) until the mm is torn down, so that the
 *    next insert finds them (upstream keeps its per-mm state for the mm's
 *    life too).  A torn-down idle subscription is unregistered and freed at
 *    the next remove on any mm, and every one left at the module's exit
 *    (hb_mni_module_exit(), called by the module_exit() of
 *    compat/mmu_interval.h).  Where that hook is not in the module (its
 *    exit is in a file that did not include the header), nothing is kept:
 *    the last remove unregisters and frees.
 *  - invalidate_seq: even while no invalidation overlapping an inserted
 *    interval is running, made odd by the invalidate_range_start() that
 *    finds one, and made even again (+1) by the last invalidate_range_end()
 *    of the active ones (active_invalidate_ranges counts them).  Each odd
 *    value names one invalidation window.  Each notifier's invalidate() is
 *    given that odd value and stores it (mmu_interval_set_seq());
 *    read_begin() returns the notifier's stored value, sleeping first if
 *    it is the current odd one (the interval is being invalidated);
 *    read_retry() says whether it changed since.
 *  - while the sequence is odd the tree is walked without the spinlock (the
 *    callbacks may sleep), so inserts and removes are deferred to
 *    deferred_list and applied by the invalidate_range_end() that makes the
 *    sequence even, which then wakes @wq.  A notifier inserted during an
 *    invalidation gets the odd sequence, so its first read_begin() waits for
 *    the end; remove() waits for the end before it returns, so no callback
 *    runs on a removed notifier.
 *  - non-blocking invalidations (the OOM reaper's, process_mrelease()'s)
 *    may fail, and then the kernel may or may not call the ends: see
 *    struct hb_mni_nb.
 *  - .release (the mm is torn down, or the last unregister): every inserted
 *    notifier's invalidate() is called over the whole address space with a
 *    MMU_NOTIFY_RELEASE event, then with MMU_NOTIFY_UNMAP (what exit_mmap()
 *    sends upstream after the release), each as one invalidation window.
 *
 * Differences from v5.5+ mm/mmu_notifier.c:
 *  - the subscription is the module's, not the mm's: it is registered on
 *    the mm by the module's first insert there, and taken down after the
 *    mm's teardown or at the module's exit (above), where upstream's lives
 *    in the mm until it is freed.  Without the exit hook it lives from the
 *    first insert to the last remove only, and a driver that inserts and
 *    removes a notifier per fault with nothing else inserted on the mm
 *    (nouveau's per-window notifiers) registers again each time: mmap_lock
 *    for write and mm_take_all_locks(), then an SRCU grace period at the
 *    unregister.
 *
 * Locking:
 *  - hb_mni_mutex (mutex): hb_mni_table and every subscription's @users.
 *    Taken inside mmap_lock (insert takes mmap_lock for write first when it
 *    has to register, insert_locked is called with it held), never the
 *    other way round; never taken from a notifier callback, never held
 *    across the registration (mm_take_all_locks()).
 *  - hb_mni_subscriptions.lock (spinlock, not from IRQ context): the tree,
 *    invalidate_seq, active_invalidate_ranges, deferred_list.  Taken from
 *    notifier callbacks, which may be non-blocking; nothing else is taken
 *    under it.
 *  - the driver's own lock pairs mmu_interval_set_seq() in its callback
 *    with its mmu_interval_read_retry().
 */
#include <linux/err.h>
#include <linux/hashtable.h>
#include <linux/interval_tree.h>
#include <linux/interval_tree_generic.h>
#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/rbtree.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <compat/mmu_interval.h>
#include <compat/mmap_lock.h>
#include <compat/mm_flags.h>
#include <compat/export.h>
#include <compat/hmm_emul.h>

#if defined(HB_EMUL_MMU_INTERVAL_NOTIFIER) && !defined(HB_GLUE_NATIVE)

#ifndef CONFIG_MMU_NOTIFIER
#error "the interval notifier emulation needs CONFIG_MMU_NOTIFIER"
#endif

/*
 * The interval tree, instantiated here rather than linked from
 * lib/interval_tree.c: that is built only with CONFIG_INTERVAL_TREE, which
 * MMU_NOTIFIER selects from v5.5 only (a v5.3 arm64 kernel without DRM
 * has none, and the module would not load).
 */
#define HB_ITREE_START(node)	((node)->start)
#define HB_ITREE_LAST(node)	((node)->last)
INTERVAL_TREE_DEFINE(struct interval_tree_node, rb, unsigned long,
		     __subtree_last, HB_ITREE_START, HB_ITREE_LAST, static,
		     hb_itree)

/* Non-blocking invalidations of one mm tracked at once (see below). */
#define HB_MNI_NB_SLOTS	4
/* How often a waiter looks whether the OOM reaper is done with the mm. */
#define HB_MNI_NB_POLL	(HZ / 10)

/**
 * struct hb_mni_nb - a non-blocking invalidation whose end may never come
 * @task: the task that started it; NULL: the slot is free
 * @start: its range, to pair the end with the start
 * @end: ...
 * @failed: our start failed, and ended its window itself
 *
 * When a non-blocking invalidate_range_start() of any notifier on the mm
 * fails, kernels before v5.12 (and RHEL 8 before 8.6) call no
 * invalidate_range_end() at all, neither to the notifier that failed nor to
 * those that succeeded; from v5.12 (c2655835fd8c "mm/mmu_notifiers: ensure
 * range_end() is paired with range_start()", in RHEL 8.6+) they call every
 * notifier's.  No header says which: the change is in mm/mmu_notifier.c
 * alone, so no probe can answer.  So each non-blocking start is noted with
 * the task that made it, and:
 *  - our own failure ends our window at once, as upstream's
 *    mn_itree_invalidate() does (the caller then leaves the range alone),
 *    and the end a v5.12+ kernel sends after it is absorbed;
 *  - an end from the same task for the same range pairs with the start;
 *  - a start that never got its end (another notifier failed, before
 *    v5.12) is ended when the same task starts its next invalidation (the
 *    reaper's next VMA or retry: it has left this range alone), or, for its
 *    last one, once the mm is MMF_OOM_SKIP (set when the reaper has given
 *    up on it, after it dropped mmap_lock) - a waiter looks every
 *    HB_MNI_NB_POLL.  Upstream's own interval tree stays open forever in
 *    that case (v5.5 .. v5.11; from v5.12 still when an hlist notifier
 *    fails after the tree's invalidate succeeded).
 * A task has at most one invalidation running, so (task, range) names it.
 */
struct hb_mni_nb {
	struct task_struct *task;
	unsigned long start;
	unsigned long end;
	bool failed;
};

/**
 * struct hb_mni_subscriptions - the interval notifiers of one mm
 * @mn: the mmu_notifier registered on @mm for all of them
 * @mm: the mm (its registration holds an mmgrab())
 * @hnode: entry in hb_mni_table, keyed by @mm
 * @users: notifiers inserted on @mm through this object; under hb_mni_mutex
 * @dead: the mm was torn down (.release ran); set once, from the callback
 * @lock: protects @itree, @invalidate_seq, @active_invalidate_ranges and
 *	@deferred_list
 * @itree: the inserted notifiers, by interval
 * @invalidate_seq: odd while an invalidation window is open (see above)
 * @active_invalidate_ranges: invalidate_range_start()s not yet ended
 * @deferred_list: notifiers to insert (RB_EMPTY_NODE) or remove when the
 *	window closes
 * @wq: woken when the window closes
 * @nb_used: slots of @nb in use
 * @nb: non-blocking invalidations whose end may not come (under @lock)
 */
struct hb_mni_subscriptions {
	struct mmu_notifier mn;
	struct mm_struct *mm;
	struct hlist_node hnode;
	unsigned int users;
	bool dead;
	spinlock_t lock;	/* tree, seq, active count, deferred list */
	struct rb_root_cached itree;
	unsigned long invalidate_seq;
	unsigned long active_invalidate_ranges;
	struct hlist_head deferred_list;
	wait_queue_head_t wq;
	unsigned int nb_used;
	struct hb_mni_nb nb[HB_MNI_NB_SLOTS];
};

/* Protects hb_mni_table and the subscriptions' @users. */
static DEFINE_MUTEX(hb_mni_mutex);
static DEFINE_HASHTABLE(hb_mni_table, 6);
/* Subscriptions in hb_mni_table whose mm was torn down (@dead). */
static atomic_t hb_mni_ndead = ATOMIC_INIT(0);

static bool hb_mni_is_invalidating(struct hb_mni_subscriptions *subs)
{
	lockdep_assert_held(&subs->lock);
	return subs->invalidate_seq & 1;
}

/* Has the window named @seq closed?  Under the lock: see inv_end. */
static bool hb_mni_seq_moved(struct hb_mni_subscriptions *subs,
			     unsigned long seq)
{
	unsigned long cur;

	spin_lock(&subs->lock);
	cur = subs->invalidate_seq;
	spin_unlock(&subs->lock);
	return cur != seq;
}

/*
 * Wake the waiters of a window just closed, if any: most windows have none,
 * and wake_up_all() would take the wait queue's lock on every invalidation.
 * wq_has_sleeper()'s barrier pairs with the waiter's: it queues itself
 * before it reads the sequence under @subs->lock (hb_mni_wait()), so either
 * it is seen here or it sees the sequence moved.
 */
static void hb_mni_wake(struct hb_mni_subscriptions *subs)
{
	if (wq_has_sleeper(&subs->wq))
		wake_up_all(&subs->wq);
}

/*
 * End one invalidation, under @subs->lock; the last one closes the window:
 * the sequence goes even and deferred inserts and removes are applied.
 * Returns true if it closed it: the caller wakes the waiters after
 * dropping the lock.  The deferred list is emptied before the lock is
 * dropped, and waiters read the sequence under the lock, so a remover
 * cannot free its notifier while it is still linked here.
 */
static bool hb_mni_inv_end_locked(struct hb_mni_subscriptions *subs)
{
	struct hb_mmu_interval_notifier *sub;
	struct hlist_node *next;

	lockdep_assert_held(&subs->lock);
	if (WARN_ON_ONCE(!subs->active_invalidate_ranges))
		return false;
	if (--subs->active_invalidate_ranges || !hb_mni_is_invalidating(subs))
		return false;
	subs->invalidate_seq++;
	hlist_for_each_entry_safe(sub, next, &subs->deferred_list,
				  deferred_item) {
		if (RB_EMPTY_NODE(&sub->interval_tree.rb))
			hb_itree_insert(&sub->interval_tree, &subs->itree);
		else
			hb_itree_remove(&sub->interval_tree, &subs->itree);
		hlist_del(&sub->deferred_item);
	}
	return true;
}

/* Forget slot @nb; end its window unless its start failed (ended then). */
static bool hb_mni_nb_retire_locked(struct hb_mni_subscriptions *subs,
				    struct hb_mni_nb *nb)
{
	nb->task = NULL;
	subs->nb_used--;
	return !nb->failed && hb_mni_inv_end_locked(subs);
}

/*
 * Retire the non-blocking invalidations @task started and got no end for
 * (every task's if @task is NULL).  Returns true if a window closed.
 */
static bool hb_mni_nb_retire(struct hb_mni_subscriptions *subs,
			     struct task_struct *task)
{
	bool wake = false;
	int i;

	lockdep_assert_held(&subs->lock);
	for (i = 0; subs->nb_used && i < HB_MNI_NB_SLOTS; i++)
		if (subs->nb[i].task && (!task || subs->nb[i].task == task))
			wake |= hb_mni_nb_retire_locked(subs, &subs->nb[i]);
	return wake;
}

/*
 * A waiter's look, every HB_MNI_NB_POLL: once the OOM reaper has given up
 * on the mm (MMF_OOM_SKIP), no end will come for what it started.
 */
static void hb_mni_nb_reaped(struct hb_mni_subscriptions *subs)
{
	bool wake;

	if (!READ_ONCE(subs->nb_used) ||
	    !mm_flags_test(MMF_OOM_SKIP, subs->mm))
		return;
	spin_lock(&subs->lock);
	wake = hb_mni_nb_retire(subs, NULL);
	spin_unlock(&subs->lock);
	if (wake)
		hb_mni_wake(subs);
}

/* Sleep until the window named @seq has closed. */
static void hb_mni_wait(struct hb_mni_subscriptions *subs, unsigned long seq)
{
	while (!wait_event_timeout(subs->wq, hb_mni_seq_moved(subs, seq),
				   HB_MNI_NB_POLL))
		hb_mni_nb_reaped(subs);
}

/*
 * Open an invalidation of @range: count it active and, if it hits an
 * inserted notifier, open the window.  Returns the first notifier hit and
 * the window's sequence in @seq; in @nb the slot noting it if it is
 * non-blocking (NULL if all are taken: its end is then trusted to come).
 * Whatever the current task started before and got no end for is retired
 * first (struct hb_mni_nb).
 */
static struct hb_mmu_interval_notifier *
hb_mni_inv_start(struct hb_mni_subscriptions *subs,
		 const struct mmu_notifier_range *range, unsigned long *seq,
		 struct hb_mni_nb **nb)
{
	struct hb_mmu_interval_notifier *first = NULL;
	struct interval_tree_node *node;
	bool wake = false;
	int i;

	*nb = NULL;
	spin_lock(&subs->lock);
	if (subs->nb_used)
		wake = hb_mni_nb_retire(subs, current);
	if (!mmu_notifier_range_blockable(range)) {
		for (i = 0; i < HB_MNI_NB_SLOTS && !*nb; i++)
			if (!subs->nb[i].task)
				*nb = &subs->nb[i];
		if (*nb) {
			**nb = (struct hb_mni_nb){ .task = current,
						   .start = range->start,
						   .end = range->end };
			subs->nb_used++;
		} else {
			pr_warn_once("hmm-backports: more than %d non-blocking invalidations at once on one mm\n",
				     HB_MNI_NB_SLOTS);
		}
	}
	subs->active_invalidate_ranges++;
	node = hb_itree_iter_first(&subs->itree, range->start,
				   range->end - 1);
	if (node) {
		subs->invalidate_seq |= 1;
		first = container_of(node, struct hb_mmu_interval_notifier,
				     interval_tree);
	}
	*seq = subs->invalidate_seq;
	spin_unlock(&subs->lock);
	if (wake)
		hb_mni_wake(subs);
	return first;
}

/*
 * The next notifier hit; the tree cannot change while the window is open.
 * Inlined, as hb_mni_call(): the per-notifier cost of an invalidation
 * (make bench's inval16_ps).
 */
static __always_inline struct hb_mmu_interval_notifier *
hb_mni_inv_next(struct hb_mmu_interval_notifier *sub,
		const struct mmu_notifier_range *range)
{
	struct interval_tree_node *node;

	node = hb_itree_iter_next(&sub->interval_tree, range->start,
				  range->end - 1);
	return node ? container_of(node, struct hb_mmu_interval_notifier,
				   interval_tree) : NULL;
}

/*
 * End one invalidation of [@start, @end): the kernel's invalidate_range_end()
 * or our own.  One that pairs with a noted non-blocking start frees its
 * slot, and is absorbed if that start failed (the window was ended then).
 */
static void hb_mni_inv_end(struct hb_mni_subscriptions *subs,
			   unsigned long start, unsigned long end)
{
	struct hb_mni_nb *nb = NULL;
	bool wake;
	int i;

	spin_lock(&subs->lock);
	for (i = 0; subs->nb_used && i < HB_MNI_NB_SLOTS && !nb; i++)
		if (subs->nb[i].task == current && subs->nb[i].start == start &&
		    subs->nb[i].end == end)
			nb = &subs->nb[i];
	wake = nb ? hb_mni_nb_retire_locked(subs, nb) :
		    hb_mni_inv_end_locked(subs);
	spin_unlock(&subs->lock);
	if (wake)
		hb_mni_wake(subs);
}

/* Our own failed non-blocking start: its window ends here (see above). */
static void hb_mni_inv_fail(struct hb_mni_subscriptions *subs,
			    struct hb_mni_nb *nb)
{
	bool wake;

	spin_lock(&subs->lock);
	nb->failed = true;
	wake = hb_mni_inv_end_locked(subs);
	spin_unlock(&subs->lock);
	if (wake)
		hb_mni_wake(subs);
}

/*
 * One notifier's callback: .invalidate, or v7.1's first pass, whose finish
 * (if any) joins @finishes, as upstream's mn_itree_invalidate() does.
 */
static __always_inline bool
hb_mni_call(struct hb_mmu_interval_notifier *sub,
	    const struct mmu_notifier_range *range, unsigned long cur_seq,
	    struct llist_head *finishes)
{
	struct hb_mmu_interval_notifier_finish *finish = NULL;
	bool ret;

	if (!sub->ops->invalidate_start)
		return sub->ops->invalidate(sub, range, cur_seq);
	ret = sub->ops->invalidate_start(sub, range, cur_seq, &finish);
	if (ret && finish) {
		finish->notifier = sub;
		/* __llist_add() (v4.19 lacks it): the list is this walk's. */
		finish->link.next = finishes->first;
		finishes->first = &finish->link;
	}
	return ret;
}

/* The second passes, in the order of the first (mn_itree_finish_pass()). */
static void hb_mni_finish_pass(struct llist_head *finishes)
{
	struct hb_mmu_interval_notifier_finish *f, *next;
	struct llist_node *first = finishes->first;

	if (!first)
		return;
	finishes->first = NULL;
	first = llist_reverse_order(first);
	llist_for_each_entry_safe(f, next, first, link)
		f->notifier->ops->invalidate_finish(f);
}

static int hb_mni_invalidate(struct hb_mni_subscriptions *subs,
			     const struct mmu_notifier_range *range)
{
	struct hb_mmu_interval_notifier *sub;
	LLIST_HEAD(finishes);
	struct hb_mni_nb *nb;
	unsigned long cur_seq;
	int err = 0;

	for (sub = hb_mni_inv_start(subs, range, &cur_seq, &nb); sub;
	     sub = hb_mni_inv_next(sub, range)) {
		if (hb_mni_call(sub, range, cur_seq, &finishes))
			continue;
		/*
		 * Only a non-blocking call may fail.  A blockable one that
		 * does is the driver's bug: said, and the walk goes on (as
		 * upstream's mn_itree_invalidate()), so that every other
		 * notifier is still invalidated while the CPU page table
		 * changes, and the window is ended by the kernel's
		 * invalidate_range_end() as usual.
		 */
		if (WARN_ON(mmu_notifier_range_blockable(range)))
			continue;
		err = -EAGAIN;
		break;
	}
	/* Upstream runs the finishes of the first passes made, even so. */
	hb_mni_finish_pass(&finishes);
	/*
	 * Without a slot the end of a v5.12+ kernel could not be told from
	 * another's: the window is left to it (struct hb_mni_nb).
	 */
	if (err && nb)
		hb_mni_inv_fail(subs, nb);
	return err;
}

/*
 * The range handed to the driver where the kernel's callback has none
 * (v4.18 and RHEL 8's default form, v4.19): built here, each member only
 * where the structure has it (the kernel's on RHEL 8.3+, else the shim's).
 * The kernel does not say why it invalidates: MMU_NOTIFY_CLEAR, upstream's
 * generic event (MMU_NOTIFY_UNMAP would tell an SVM driver the range is
 * gone).
 */
static void __maybe_unused
hb_mni_range_init(struct mmu_notifier_range *range, struct mm_struct *mm,
		  unsigned long start, unsigned long end, bool blockable,
		  enum mmu_notifier_event event)
{
	memset(range, 0, sizeof(*range));
	range->mm = mm;
	range->start = start;
	range->end = end;
#if !defined(HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT) || \
	defined(HB_HAVE_MMU_NOTIFIER_RANGE_FLAGS)
	range->flags = blockable ? MMU_NOTIFIER_RANGE_BLOCKABLE : 0;
#elif defined(HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE_MEMBER)
	range->blockable = blockable;
#endif
#if !defined(HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT) || \
	defined(HB_HAVE_MMU_NOTIFIER_RANGE_EVENT)
	range->event = event;
#endif
}

/* invalidate_range_start(), in the form this kernel's ops have. */
#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE)
static int hb_mni_range_start(struct mmu_notifier *mn,
			      const struct mmu_notifier_range *range)
{
	return hb_mni_invalidate(container_of(mn, struct hb_mni_subscriptions,
					      mn), range);
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
static int hb_mni_range_start(struct mmu_notifier *mn, struct mm_struct *mm,
			      unsigned long start, unsigned long end,
			      bool blockable)
{
	struct mmu_notifier_range range;

	hb_mni_range_init(&range, mm, start, end, blockable, MMU_NOTIFY_CLEAR);
	return hb_mni_invalidate(container_of(mn, struct hb_mni_subscriptions,
					      mn), &range);
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_VOID)
/*
 * The 4.18 form cannot fail, and the kernel calls it only where it may
 * block (RHEL 8.6+ skip it, failing the caller, for a non-blocking range).
 */
static void hb_mni_range_start(struct mmu_notifier *mn, struct mm_struct *mm,
			       unsigned long start, unsigned long end)
{
	struct mmu_notifier_range range;

	hb_mni_range_init(&range, mm, start, end, true, MMU_NOTIFY_CLEAR);
	WARN_ON(hb_mni_invalidate(container_of(mn, struct hb_mni_subscriptions,
					       mn), &range));
}
#else
/* No probe mmu_notifier_ops_range/_blockable/_void compiled: see its log. */
#error "hmm-backports: unknown form of mmu_notifier_ops.invalidate_range_start"
#endif

/* invalidate_range_end(), in the form this kernel's ops have. */
#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE_END)
static void hb_mni_range_end(struct mmu_notifier *mn,
			     const struct mmu_notifier_range *range)
{
	hb_mni_inv_end(container_of(mn, struct hb_mni_subscriptions, mn),
		       range->start, range->end);
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_MM_END)
static void hb_mni_range_end(struct mmu_notifier *mn, struct mm_struct *mm,
			     unsigned long start, unsigned long end)
{
	hb_mni_inv_end(container_of(mn, struct hb_mni_subscriptions, mn),
		       start, end);
}
#else
/* No probe mmu_notifier_ops_range_end/_mm_end compiled: see its log. */
#error "hmm-backports: unknown form of mmu_notifier_ops.invalidate_range_end"
#endif

/* Invalidate everything of the mm with @event, as one window. */
static void hb_mni_invalidate_all(struct hb_mni_subscriptions *subs,
				  struct mm_struct *mm,
				  enum mmu_notifier_event event)
{
	struct hb_mmu_interval_notifier *sub;
	struct mmu_notifier_range range;
	LLIST_HEAD(finishes);
	struct hb_mni_nb *nb;
	unsigned long cur_seq;

	hb_mni_range_init(&range, mm, 0, ULONG_MAX, true, event);
	for (sub = hb_mni_inv_start(subs, &range, &cur_seq, &nb); sub;
	     sub = hb_mni_inv_next(sub, &range))
		WARN_ON(!hb_mni_call(sub, &range, cur_seq, &finishes));
	hb_mni_finish_pass(&finishes);
	hb_mni_inv_end(subs, range.start, range.end);
}

/*
 * The mm is torn down (exit_mmap(), or the last unregister of a live mm,
 * when nothing is inserted any more).  Upstream's mn_itree_release()
 * invalidates every interval notifier with MMU_NOTIFY_RELEASE and keeps
 * them in its tree, so the unmap exit_mmap() does next reaches them too,
 * as MMU_NOTIFY_UNMAP over everything; drivers that return early on
 * RELEASE (amdkfd's SVM, NVIDIA's uvm) drop their device mappings only
 * then.  The kernel stops calling this mmu_notifier once ->release()
 * returns, so both are delivered here, in that order: every device entry
 * is gone before exit_mmap() frees a page.
 */
static void hb_mni_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct hb_mni_subscriptions *subs =
		container_of(mn, struct hb_mni_subscriptions, mn);

	hb_mni_invalidate_all(subs, mm, MMU_NOTIFY_RELEASE);
	hb_mni_invalidate_all(subs, mm, MMU_NOTIFY_UNMAP);
	/* Kept idle, it is freed at the next remove (hb_mni_put()). */
	if (!READ_ONCE(subs->dead)) {
		WRITE_ONCE(subs->dead, true);
		atomic_inc(&hb_mni_ndead);
	}
}

static const struct mmu_notifier_ops hb_mni_ops = {
	.release = hb_mni_release,
	.invalidate_range_start = hb_mni_range_start,
	.invalidate_range_end = hb_mni_range_end,
};

static struct hb_mni_subscriptions *hb_mni_find(struct mm_struct *mm)
{
	struct hb_mni_subscriptions *subs;

	lockdep_assert_held(&hb_mni_mutex);
	hash_for_each_possible(hb_mni_table, subs, hnode, (unsigned long)mm)
		if (subs->mm == mm)
			return subs;
	return NULL;
}

/*
 * The subscriptions of @mm with one more user, registered on first use.
 * @locked: the caller holds mmap_lock for write; else it is taken here if
 * a registration is needed (before hb_mni_mutex: the lock order).
 */
static struct hb_mni_subscriptions *hb_mni_get(struct mm_struct *mm,
					       bool locked)
{
	struct hb_mni_subscriptions *subs, *new;
	int ret = 0;

	mutex_lock(&hb_mni_mutex);
	subs = hb_mni_find(mm);
	if (subs)
		subs->users++;
	mutex_unlock(&hb_mni_mutex);
	if (subs)
		return subs;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return ERR_PTR(-ENOMEM);
	new->mn.ops = &hb_mni_ops;
	new->mm = mm;
	new->users = 1;
	spin_lock_init(&new->lock);
	new->itree = RB_ROOT_CACHED;
	new->invalidate_seq = 2;
	INIT_HLIST_HEAD(&new->deferred_list);
	init_waitqueue_head(&new->wq);

	if (!locked)
		mmap_write_lock(mm);
	mutex_lock(&hb_mni_mutex);
	subs = hb_mni_find(mm);
	if (subs)
		subs->users++;
	mutex_unlock(&hb_mni_mutex);
	/*
	 * Registered without hb_mni_mutex, which every mm's inserts and
	 * removes share: mm_take_all_locks() can take long on a big mm.
	 * mmap_lock, held for write, keeps another insert on @mm out until
	 * this one is in the table.
	 */
	if (!subs) {
		ret = __mmu_notifier_register(&new->mn, mm);
		if (!ret) {
			mutex_lock(&hb_mni_mutex);
			hash_add(hb_mni_table, &new->hnode, (unsigned long)mm);
			mutex_unlock(&hb_mni_mutex);
			subs = new;
			new = NULL;
		}
	}
	if (!locked)
		mmap_write_unlock(mm);
	kfree(new);
	return ret ? ERR_PTR(ret) : subs;
}

/*
 * Does the module's exit take the idle subscriptions down?  The module_exit()
 * of compat/mmu_interval.h, in the file with the module's exit, defines
 * this as 1; without it, this default is what the module has.
 */
int __weak hb_mni_exit_hooked;

static bool hb_mni_keep_idle(void)
{
	return READ_ONCE(hb_mni_exit_hooked);
}

/* Unregister (waiting for callbacks to finish) and free, off the table. */
static void hb_mni_free_list(struct hlist_head *list)
{
	struct hb_mni_subscriptions *subs;
	struct hlist_node *next;

	hlist_for_each_entry_safe(subs, next, list, hnode) {
		hlist_del(&subs->hnode);
		/* Calls .release if the mm is live: nothing is inserted. */
		mmu_notifier_unregister(&subs->mn, subs->mm);
		/* .release has run (in there, or before) or never will. */
		if (subs->dead)
			atomic_dec(&hb_mni_ndead);
		kfree(subs);
	}
}

/*
 * Move the idle subscriptions to @list: those whose mm was torn down, or
 * all of them if @all.  Under hb_mni_mutex.
 */
static void hb_mni_take_idle(struct hlist_head *list, bool all)
{
	struct hb_mni_subscriptions *subs;
	struct hlist_node *next;
	int bkt;

	lockdep_assert_held(&hb_mni_mutex);
	/* The common case, looked at on every remove: nothing to free. */
	if (!all && !atomic_read(&hb_mni_ndead))
		return;
	hash_for_each_safe(hb_mni_table, bkt, next, subs, hnode) {
		if (subs->users || !(all || READ_ONCE(subs->dead)))
			continue;
		hash_del(&subs->hnode);
		hlist_add_head(&subs->hnode, list);
	}
}

/*
 * Drop a user.  The last one leaves the subscription registered, idle, for
 * the next insert on the mm, if the module's exit will take it down;
 * otherwise it unregisters and frees it.  Either way the idle ones of
 * torn-down mms are freed here.
 */
static void hb_mni_put(struct hb_mni_subscriptions *subs)
{
	HLIST_HEAD(list);

	mutex_lock(&hb_mni_mutex);
	if (!--subs->users && !hb_mni_keep_idle()) {
		hash_del(&subs->hnode);
		hlist_add_head(&subs->hnode, &list);
	}
	hb_mni_take_idle(&list, false);
	mutex_unlock(&hb_mni_mutex);
	hb_mni_free_list(&list);
}

/**
 * hb_mni_module_exit() - take down what the emulation keeps per mm
 *
 * Called by the module's exit (the module_exit() of compat/mmu_interval.h),
 * after the driver's own exit function: every notifier has been removed,
 * so every subscription is idle; each is unregistered from its mm (an SRCU
 * grace period: no callback runs in the module's text after this returns)
 * and freed.
 */
void hb_mni_module_exit(void)
{
	HLIST_HEAD(list);
	struct hb_mni_subscriptions *subs;
	int bkt;

	mutex_lock(&hb_mni_mutex);
	hash_for_each(hb_mni_table, bkt, subs, hnode)
		WARN(subs->users, "hmm-backports: %u interval notifier(s) still inserted at module exit\n",
		     subs->users);
	hb_mni_take_idle(&list, true);
	mutex_unlock(&hb_mni_mutex);
	hb_mni_free_list(&list);
}

static int hb_mni_insert(struct hb_mmu_interval_notifier *interval_sub,
			 struct mm_struct *mm, unsigned long start,
			 unsigned long length,
			 const struct hb_mmu_interval_notifier_ops *ops,
			 bool locked)
{
	struct hb_mni_subscriptions *subs;
	unsigned long last;

	if (length == 0 || check_add_overflow(start, length - 1, &last))
		return -EOVERFLOW;
	/* As upstream (v7.1): a first pass needs its second. */
	WARN_ON_ONCE(ops->invalidate_start && !ops->invalidate_finish);
	subs = hb_mni_get(mm, locked);
	if (IS_ERR(subs))
		return PTR_ERR(subs);

	interval_sub->mm = mm;
	interval_sub->ops = ops;
	interval_sub->subs = subs;
	RB_CLEAR_NODE(&interval_sub->interval_tree.rb);
	interval_sub->interval_tree.start = start;
	interval_sub->interval_tree.last = last;
	mmgrab(mm);

	spin_lock(&subs->lock);
	if (subs->active_invalidate_ranges) {
		/*
		 * An invalidation is running that this notifier may have
		 * missed: make its read side wait for the window to close.
		 */
		if (hb_mni_is_invalidating(subs)) {
			hlist_add_head(&interval_sub->deferred_item,
				       &subs->deferred_list);
		} else {
			subs->invalidate_seq |= 1;
			hb_itree_insert(&interval_sub->interval_tree,
					&subs->itree);
		}
		interval_sub->invalidate_seq = subs->invalidate_seq;
	} else {
		WARN_ON(hb_mni_is_invalidating(subs));
		/* Any value but the current one: read_begin() won't wait. */
		interval_sub->invalidate_seq = subs->invalidate_seq - 1;
		hb_itree_insert(&interval_sub->interval_tree,
				&subs->itree);
	}
	spin_unlock(&subs->lock);
	return 0;
}

/**
 * hb_mmu_interval_notifier_insert() - subscribe to invalidations of an
 *	interval (mmu_interval_notifier_insert())
 * @interval_sub: the notifier to insert, embedded in the driver's object
 * @mm: the mm to watch; must be live (mm_users > 0)
 * @start: first address of the interval
 * @length: its length in bytes
 * @ops: the driver's callbacks
 *
 * Sleeps; takes mmap_lock for write when the first notifier of this module
 * is inserted on @mm, so must not be called with mmap_lock held (use
 * mmu_interval_notifier_insert_locked() then).  From now on ops->invalidate
 * is called for every invalidation overlapping the interval, until
 * mmu_interval_notifier_remove().
 *
 * Return: 0, -ENOMEM, -EOVERFLOW for an empty or wrapping interval, or the
 * error of registering the mm's mmu_notifier.
 */
int hb_mmu_interval_notifier_insert(struct hb_mmu_interval_notifier *interval_sub,
				    struct mm_struct *mm, unsigned long start,
				    unsigned long length,
				    const struct hb_mmu_interval_notifier_ops *ops)
{
	might_sleep();
	return hb_mni_insert(interval_sub, mm, start, length, ops, false);
}
EXPORT_SYMBOL_HB(hb_mmu_interval_notifier_insert);

/**
 * hb_mmu_interval_notifier_insert_locked() - mmu_interval_notifier_insert()
 *	with mmap_lock held for write (mmu_interval_notifier_insert_locked())
 * @interval_sub: the notifier to insert
 * @mm: the mm to watch, whose mmap_lock the caller holds for write
 * @start: first address of the interval
 * @length: its length in bytes
 * @ops: the driver's callbacks
 *
 * Return: as mmu_interval_notifier_insert().
 */
int hb_mmu_interval_notifier_insert_locked(struct hb_mmu_interval_notifier *interval_sub,
					   struct mm_struct *mm,
					   unsigned long start,
					   unsigned long length,
					   const struct hb_mmu_interval_notifier_ops *ops)
{
	might_sleep();
	mmap_assert_write_locked(mm);
	return hb_mni_insert(interval_sub, mm, start, length, ops, true);
}
EXPORT_SYMBOL_HB(hb_mmu_interval_notifier_insert_locked);

/**
 * hb_mmu_interval_notifier_remove() - unsubscribe
 *	(mmu_interval_notifier_remove())
 * @interval_sub: an inserted notifier
 *
 * Sleeps until an invalidation running on the notifier has finished: once
 * this returns, ops->invalidate is not running on it and never will be,
 * and @interval_sub may be freed.  Must not be called from the notifier's
 * own invalidate callback.  The last remove on an mm unregisters the mm's
 * mmu_notifier (an SRCU grace period).
 */
void hb_mmu_interval_notifier_remove(struct hb_mmu_interval_notifier *interval_sub)
{
	struct hb_mni_subscriptions *subs = interval_sub->subs;
	struct mm_struct *mm = interval_sub->mm;
	unsigned long seq = 0;

	might_sleep();
	spin_lock(&subs->lock);
	if (hb_mni_is_invalidating(subs)) {
		if (RB_EMPTY_NODE(&interval_sub->interval_tree.rb)) {
			/* Its insert is still deferred: cancel it. */
			hlist_del(&interval_sub->deferred_item);
		} else {
			hlist_add_head(&interval_sub->deferred_item,
				       &subs->deferred_list);
			seq = subs->invalidate_seq;
		}
	} else {
		WARN_ON(RB_EMPTY_NODE(&interval_sub->interval_tree.rb));
		hb_itree_remove(&interval_sub->interval_tree,
				&subs->itree);
	}
	spin_unlock(&subs->lock);

	if (seq)
		hb_mni_wait(subs, seq);
	hb_mni_put(subs);
	mmdrop(mm);
}
EXPORT_SYMBOL_HB(hb_mmu_interval_notifier_remove);

/**
 * hb_mmu_interval_read_begin() - begin reading what the interval maps
 *	(mmu_interval_read_begin())
 * @interval_sub: an inserted notifier
 *
 * Sleeps while an invalidation of the interval is running.  The caller then
 * reads the CPU page tables (hmm_range_fault()) without its lock, takes the
 * lock its invalidate callback takes, and uses what it read only if
 * mmu_interval_read_retry() with the returned sequence is false.
 *
 * Return: the sequence to pass to mmu_interval_read_retry().
 */
unsigned long hb_mmu_interval_read_begin(struct hb_mmu_interval_notifier *interval_sub)
{
	struct hb_mni_subscriptions *subs = interval_sub->subs;
	bool is_invalidating;
	unsigned long seq;

	might_sleep();
	spin_lock(&subs->lock);
	seq = READ_ONCE(interval_sub->invalidate_seq);
	is_invalidating = seq == subs->invalidate_seq;
	spin_unlock(&subs->lock);
	if (is_invalidating)
		hb_mni_wait(subs, seq);
	return seq;
}
EXPORT_SYMBOL_HB(hb_mmu_interval_read_begin);

#endif /* HB_EMUL_MMU_INTERVAL_NOTIFIER && !HB_GLUE_NATIVE */
