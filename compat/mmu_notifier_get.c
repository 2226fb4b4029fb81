// SPDX-License-Identifier: GPL-2.0
/*
 * v5.4's mmu_notifier_get()/_put() on kernels without them (v4.19 ..
 * v5.3, RHEL 8.1); see compat/mmu_notifier_get.h for how the driver's
 * structures meet the kernel's.  Compiles to nothing where the kernel has
 * them.
 *
 * What upstream keeps in struct mmu_notifier (users, mm, an rcu_head) is a
 * struct hb_mn_ref here, one per notifier that can be put, found by the
 * notifier's address.  The rest is upstream's: mmu_notifier_get_locked()
 * finds a notifier of the same ops on the mm's list under the mm's lock, or
 * registers one from .alloc_notifier; the last mmu_notifier_put() unhooks it
 * under that lock and frees it through .free_notifier once no callback can
 * still run (mmu_notifier_call_srcu(), the kernel's own deferral there),
 * dropping the registration's mmgrab().  As upstream, put may be called
 * from the notifier's own .release (amdkfd does).
 *
 * Locking:
 *  - mm->mmu_notifier_mm->lock (the kernel's): a ref's users and the
 *    notifier's place on the mm's list, as upstream.
 *  - hb_mn_refs_lock (spinlock): the table; taken alone or inside the
 *    former, nothing under it.
 */
#include <hb_probes.h>
/* First: the structures are re-declared as the kernel's header is read. */
#include <compat/mmu_notifier_rename.h>

#ifdef HB_MMU_NOTIFIER_GET_EMUL

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/hashtable.h>
#include <linux/kernel.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/wait.h>
#include <compat/export.h>

/**
 * struct hb_mn_ref - what v5.4 added to struct mmu_notifier
 * @node: in hb_mn_refs, keyed by @mn
 * @mn: the notifier
 * @mm: its mm, pinned by the registration's mmgrab() until the free
 * @users: references (mmu_notifier_get() and the registration), under the
 *	mm's mmu_notifier_mm->lock
 * @rcu: the deferred free
 */
struct hb_mn_ref {
	struct hlist_node node;
	struct mmu_notifier *mn;
	struct mm_struct *mm;
	unsigned int users;
	struct rcu_head rcu;
};

static DEFINE_HASHTABLE(hb_mn_refs, 6);
static DEFINE_SPINLOCK(hb_mn_refs_lock);

#ifndef HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE
/* The frees mmu_notifier_put() deferred and that have not run yet. */
static atomic_t hb_mn_frees = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(hb_mn_frees_wq);
#endif

#define HB_MN_OPS	struct mmu_notifier_ops
#define HB_KMN_OPS	struct hb_kernel_mmu_notifier_ops
#define HB_MN		struct mmu_notifier
#define HB_KMN		struct hb_kernel_mmu_notifier

/* The re-declared structures are the kernel's, member for member. */
static void hb_mn_layout_check(void)
{
#ifdef HB_HAVE_MMU_NOTIFIER_OPS_FLAGS
	BUILD_BUG_ON(offsetof(HB_MN_OPS, flags) != offsetof(HB_KMN_OPS, flags));
#endif
	BUILD_BUG_ON(offsetof(HB_MN_OPS, release) !=
		     offsetof(HB_KMN_OPS, release));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, clear_flush_young) !=
		     offsetof(HB_KMN_OPS, clear_flush_young));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, clear_young) !=
		     offsetof(HB_KMN_OPS, clear_young));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, test_young) !=
		     offsetof(HB_KMN_OPS, test_young));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, change_pte) !=
		     offsetof(HB_KMN_OPS, change_pte));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, invalidate_range_start) !=
		     offsetof(HB_KMN_OPS, invalidate_range_start));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, invalidate_range_end) !=
		     offsetof(HB_KMN_OPS, invalidate_range_end));
	BUILD_BUG_ON(offsetof(HB_MN_OPS, invalidate_range) !=
		     offsetof(HB_KMN_OPS, invalidate_range));
	BUILD_BUG_ON(offsetof(HB_MN, hlist) != offsetof(HB_KMN, hlist));
	BUILD_BUG_ON(offsetof(HB_MN, ops) != offsetof(HB_KMN, ops));
	BUILD_BUG_ON(sizeof(HB_MN) != sizeof(HB_KMN));
}

static struct hb_mn_ref *hb_mn_ref_find(struct mmu_notifier *mn)
{
	struct hb_mn_ref *ref;

	spin_lock(&hb_mn_refs_lock);
	hash_for_each_possible(hb_mn_refs, ref, node, (unsigned long)mn)
		if (ref->mn == mn)
			goto out;
	ref = NULL;
out:
	spin_unlock(&hb_mn_refs_lock);
	return ref;
}

static void hb_mn_ref_del(struct hb_mn_ref *ref)
{
	spin_lock(&hb_mn_refs_lock);
	hash_del(&ref->node);
	spin_unlock(&hb_mn_refs_lock);
}

static int hb_mn_register(struct mmu_notifier *mn, struct mm_struct *mm,
			  bool locked)
{
	struct hb_mn_ref *ref = NULL;
	int ret;

	/*
	 * Only a notifier that can be put gets a ref (the shim's own plain
	 * notifiers have neither callback).  Entered before the kernel
	 * lists the notifier: a get of the same mm waits for the mmap lock
	 * the registration holds.
	 */
	if (mn->ops->alloc_notifier || mn->ops->free_notifier) {
		ref = kzalloc(sizeof(*ref), GFP_KERNEL);
		if (!ref)
			return -ENOMEM;
		ref->mn = mn;
		ref->mm = mm;
		ref->users = 1;
		spin_lock(&hb_mn_refs_lock);
		hash_add(hb_mn_refs, &ref->node, (unsigned long)mn);
		spin_unlock(&hb_mn_refs_lock);
	}
	if (locked)
		ret = (__mmu_notifier_register)(&mn->hb_kernel, mm);
	else
		ret = (mmu_notifier_register)(&mn->hb_kernel, mm);
	if (ret && ref) {
		hb_mn_ref_del(ref);
		kfree(ref);
	}
	return ret;
}

/**
 * hb_mmu_notifier_register() - mmu_notifier_register() of the driver's
 *	structure
 * @mn: the notifier, its ->ops set
 * @mm: the mm; the mmap lock must not be held
 *
 * Return: 0, or a negative errno.
 */
int hb_mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	return hb_mn_register(mn, mm, false);
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_register);

/**
 * hb___mmu_notifier_register() - __mmu_notifier_register() of the driver's
 *	structure
 * @mn: the notifier, its ->ops set
 * @mm: the mm, whose mmap lock the caller holds for write
 *
 * Return: 0, or a negative errno.
 */
int hb___mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	return hb_mn_register(mn, mm, true);
}
EXPORT_SYMBOL_HB(hb___mmu_notifier_register);

/* A notifier unregistered rather than put: its ref goes at once. */
static void hb_mn_ref_forget(struct mmu_notifier *mn)
{
	struct hb_mn_ref *ref = hb_mn_ref_find(mn);

	if (ref) {
		hb_mn_ref_del(ref);
		kfree(ref);
	}
}

/**
 * hb_mmu_notifier_unregister() - mmu_notifier_unregister() of the driver's
 *	structure
 * @mn: the notifier
 * @mm: its mm
 */
void hb_mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm)
{
	(mmu_notifier_unregister)(&mn->hb_kernel, mm);
	hb_mn_ref_forget(mn);
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_unregister);

/**
 * hb_mmu_notifier_unregister_no_release() - mmu_notifier_unregister_
 *	no_release() of the driver's structure
 * @mn: the notifier
 * @mm: its mm
 */
void hb_mmu_notifier_unregister_no_release(struct mmu_notifier *mn,
					   struct mm_struct *mm)
{
	(mmu_notifier_unregister_no_release)(&mn->hb_kernel, mm);
	hb_mn_ref_forget(mn);
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_unregister_no_release);

/* Upstream's find_get_mmu_notifier(): the notifier of @ops on @mm, if any. */
static struct mmu_notifier *hb_mn_find_get(struct mm_struct *mm,
					   const struct mmu_notifier_ops *ops)
{
	struct hb_kernel_mmu_notifier *kmn;
	struct mmu_notifier *mn;
	struct hb_mn_ref *ref;

	spin_lock(&mm->mmu_notifier_mm->lock);
	hlist_for_each_entry_rcu(kmn, &mm->mmu_notifier_mm->list, hlist) {
		if ((const void *)kmn->ops != (const void *)ops)
			continue;
		mn = container_of(kmn, struct mmu_notifier, hb_kernel);
		ref = hb_mn_ref_find(mn);
		if (ref && likely(ref->users != UINT_MAX)) {
			ref->users++;
			spin_unlock(&mm->mmu_notifier_mm->lock);
			return mn;
		}
	}
	spin_unlock(&mm->mmu_notifier_mm->lock);
	return NULL;
}

/**
 * hb_mmu_notifier_get_locked() - v5.4's mmu_notifier_get_locked()
 * @ops: the driver's callbacks, with .alloc_notifier and .free_notifier
 * @mm: the mm, whose mmap lock the caller holds for write
 *
 * Return: the notifier of @ops on @mm with one more reference, a new one
 * from @ops->alloc_notifier registered on @mm, or an ERR_PTR().
 */
struct mmu_notifier *
hb_mmu_notifier_get_locked(const struct mmu_notifier_ops *ops,
			   struct mm_struct *mm)
{
	struct mmu_notifier *mn;
	int ret;

	hb_mn_layout_check();
	mmap_assert_write_locked(mm);

	if (mm->mmu_notifier_mm) {
		mn = hb_mn_find_get(mm, ops);
		if (mn)
			return mn;
	}

	mn = ops->alloc_notifier(mm);
	if (IS_ERR(mn))
		return mn;
	mn->ops = ops;
	ret = hb_mn_register(mn, mm, true);
	if (ret) {
		mn->ops->free_notifier(mn);
		return ERR_PTR(ret);
	}
	return mn;
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_get_locked);

/* After an SRCU grace period of the kernel's notifiers: none is running. */
static void hb_mn_free_rcu(struct rcu_head *rcu)
{
	struct hb_mn_ref *ref = container_of(rcu, struct hb_mn_ref, rcu);
	struct mmu_notifier *mn = ref->mn;
	struct mm_struct *mm = ref->mm;

	kfree(ref);
	mn->ops->free_notifier(mn);
	/* Pairs with the mmgrab() of the registration. */
	mmdrop(mm);
#ifndef HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE
	if (atomic_dec_and_test(&hb_mn_frees))
		wake_up_all(&hb_mn_frees_wq);
#endif
}

/**
 * hb_mmu_notifier_put() - v5.4's mmu_notifier_put()
 * @mn: a notifier from mmu_notifier_get() or registered with ops that have
 *	.free_notifier
 *
 * Drops a reference; the last unhooks the notifier from its mm (if the
 * mm's teardown has not) and frees it through .free_notifier once no
 * callback can still run.  May be called from the notifier's .release.
 */
void hb_mmu_notifier_put(struct mmu_notifier *mn)
{
	struct hb_mn_ref *ref = hb_mn_ref_find(mn);
	struct mm_struct *mm;

	/* Not registered through the shim with ops that can free it. */
	if (WARN_ON(!ref))
		return;
	mm = ref->mm;
	spin_lock(&mm->mmu_notifier_mm->lock);
	if (WARN_ON(!ref->users) || --ref->users) {
		spin_unlock(&mm->mmu_notifier_mm->lock);
		return;
	}
	hlist_del_init_rcu(&mn->hlist);
	spin_unlock(&mm->mmu_notifier_mm->lock);
	hb_mn_ref_del(ref);
#ifndef HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE
	atomic_inc(&hb_mn_frees);
#endif
	mmu_notifier_call_srcu(&ref->rcu, hb_mn_free_rcu);
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_put);

#ifndef HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE
/**
 * hb_mmu_notifier_synchronize() - mmu_notifier_synchronize() of v5.0 ..
 *	v5.3, which lack it
 *
 * Waits until every free mmu_notifier_put() deferred has run, as a module's
 * exit must before its code goes.  The kernel's SRCU runs a callback with
 * bottom halves disabled, so the synchronize_rcu() after the last one's
 * count also waits for it to have returned (one RCU since v5.0).
 */
void hb_mmu_notifier_synchronize(void)
{
	wait_event(hb_mn_frees_wq, !atomic_read(&hb_mn_frees));
	synchronize_rcu();
}
EXPORT_SYMBOL_HB(hb_mmu_notifier_synchronize);
#endif

#endif /* HB_MMU_NOTIFIER_GET_EMUL */
