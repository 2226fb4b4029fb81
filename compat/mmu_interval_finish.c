// SPDX-License-Identifier: GPL-2.0
/*
 * v7.1's two-pass interval notifiers on kernels whose interval notifier
 * lacks them (v5.5 .. v7.0): see compat/mmu_interval_finish.h.  Compiles
 * to nothing elsewhere.
 *
 * A notifier whose ops have .invalidate_start is inserted with callbacks
 * of the shim's, a struct hb_two_pass per notifier: the kernel calls its
 * .invalidate, which finds the driver's ops beside it and runs the two
 * passes.  Nothing is shared between notifiers, so nothing is locked: the
 * kernel's mmu_interval_notifier_remove() returns only once no invalidate
 * of the notifier runs, after which its struct hb_two_pass is freed.
 */
#include <hb_probes.h>
/* First: the ops structure is re-declared as the kernel's header is read. */
#include <compat/mmu_notifier_rename.h>

#ifdef HB_MMU_INTERVAL_FINISH_EMUL

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <compat/export.h>

/**
 * struct hb_two_pass - what the kernel calls for a two-pass notifier
 * @kops: the kernel's callbacks: .invalidate is hb_two_pass_invalidate()
 * @ops: the driver's
 */
struct hb_two_pass {
	struct hb_kernel_mmu_interval_notifier_ops kops;
	const struct mmu_interval_notifier_ops *ops;
};

/* The re-declared structure is the kernel's, member for member. */
static void hb_two_pass_layout_check(void)
{
	BUILD_BUG_ON(offsetof(struct mmu_interval_notifier_ops, invalidate) !=
		     offsetof(struct hb_kernel_mmu_interval_notifier_ops,
			      invalidate));
}

/* Both passes, as upstream's mn_itree_invalidate() runs them for one. */
static bool hb_two_pass_invalidate(struct mmu_interval_notifier *interval_sub,
				   const struct mmu_notifier_range *range,
				   unsigned long cur_seq)
{
	const struct hb_two_pass *tp =
		container_of(interval_sub->ops, struct hb_two_pass, kops);
	struct mmu_interval_notifier_finish *finish = NULL;
	bool ret;

	ret = tp->ops->invalidate_start(interval_sub, range, cur_seq, &finish);
	if (ret && finish) {
		finish->notifier = interval_sub;
		tp->ops->invalidate_finish(finish);
	}
	return ret;
}

/* The callbacks to hand the kernel for @ops, or an ERR_PTR(). */
static const struct hb_kernel_mmu_interval_notifier_ops *
hb_two_pass_kops(const struct mmu_interval_notifier_ops *ops)
{
	struct hb_two_pass *tp;

	hb_two_pass_layout_check();
	if (!ops->invalidate_start)
		return &ops->hb_kernel;
	/* As upstream's insert. */
	WARN_ON_ONCE(!ops->invalidate_finish);
	tp = kzalloc(sizeof(*tp), GFP_KERNEL);
	if (!tp)
		return ERR_PTR(-ENOMEM);
	tp->kops.invalidate = hb_two_pass_invalidate;
	tp->ops = ops;
	return &tp->kops;
}

static void hb_two_pass_put(const struct hb_kernel_mmu_interval_notifier_ops *kops)
{
	if (kops->invalidate == hb_two_pass_invalidate)
		kfree(container_of(kops, struct hb_two_pass, kops));
}

/* Either insert of the kernel's, with the callbacks it is to call. */
static int hb_two_pass_do_insert(struct mmu_interval_notifier *interval_sub,
				 struct mm_struct *mm, unsigned long start,
				 unsigned long length,
				 const struct mmu_interval_notifier_ops *ops,
				 bool locked)
{
	const struct hb_kernel_mmu_interval_notifier_ops *kops;
	int ret;

	kops = hb_two_pass_kops(ops);
	if (IS_ERR(kops))
		return PTR_ERR(kops);
	if (locked)
		ret = (mmu_interval_notifier_insert_locked)(interval_sub, mm,
							    start, length,
							    kops);
	else
		ret = (mmu_interval_notifier_insert)(interval_sub, mm, start,
						     length, kops);
	if (ret)
		hb_two_pass_put(kops);
	return ret;
}

/**
 * hb_two_pass_insert() - mmu_interval_notifier_insert() with v7.1's ops
 * @interval_sub: the notifier
 * @mm: the mm
 * @start: first address of the interval
 * @length: its length
 * @ops: the driver's callbacks: .invalidate, or the two passes
 *
 * Return: 0, or a negative errno (the kernel's, or -ENOMEM).
 */
int hb_two_pass_insert(struct mmu_interval_notifier *interval_sub,
		       struct mm_struct *mm, unsigned long start,
		       unsigned long length,
		       const struct mmu_interval_notifier_ops *ops)
{
	return hb_two_pass_do_insert(interval_sub, mm, start, length, ops,
				     false);
}
EXPORT_SYMBOL_HB(hb_two_pass_insert);

/**
 * hb_two_pass_insert_locked() - mmu_interval_notifier_insert_locked() with
 *	v7.1's ops
 * @interval_sub: the notifier
 * @mm: the mm, whose mmap lock the caller holds for write
 * @start: first address of the interval
 * @length: its length
 * @ops: the driver's callbacks: .invalidate, or the two passes
 *
 * Return: 0, or a negative errno (the kernel's, or -ENOMEM).
 */
int hb_two_pass_insert_locked(struct mmu_interval_notifier *interval_sub,
			      struct mm_struct *mm, unsigned long start,
			      unsigned long length,
			      const struct mmu_interval_notifier_ops *ops)
{
	return hb_two_pass_do_insert(interval_sub, mm, start, length, ops,
				     true);
}
EXPORT_SYMBOL_HB(hb_two_pass_insert_locked);

/**
 * hb_two_pass_remove() - mmu_interval_notifier_remove()
 * @interval_sub: the notifier
 *
 * Once the kernel's returns no callback of the notifier runs: the shim's
 * callbacks of a two-pass notifier go then.
 */
void hb_two_pass_remove(struct mmu_interval_notifier *interval_sub)
{
	const struct hb_kernel_mmu_interval_notifier_ops *kops =
		interval_sub->ops;

	(mmu_interval_notifier_remove)(interval_sub);
	hb_two_pass_put(kops);
}
EXPORT_SYMBOL_HB(hb_two_pass_remove);

#endif /* HB_MMU_INTERVAL_FINISH_EMUL */
