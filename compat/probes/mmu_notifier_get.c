// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_GET: mmu_notifier_get()/mmu_notifier_put() with
 * mmu_notifier_ops.alloc_notifier/.free_notifier, one refcounted notifier
 * per (ops, mm).  Upstream v5.4, "mm/mmu_notifiers: add a get/put scheme
 * for the registration" (nouveau, amdkfd).
 * Where the kernel lacks them the shim declares the notifier structures
 * again with the two allocators and provides get/put
 * (compat/mmu_notifier_get.h).
 * Distros: RHEL 8.4+ and Ubuntu 20.04 have them; RHEL 8.1 does not.
 */
#include <linux/mmu_notifier.h>

static struct mmu_notifier *hb_alloc(struct mm_struct *mm)
{
	return NULL;
}

static const struct mmu_notifier_ops hb_ops = {
	.alloc_notifier = hb_alloc,
};

struct mmu_notifier *hb_probe(struct mm_struct *mm);
struct mmu_notifier *hb_probe(struct mm_struct *mm)
{
	struct mmu_notifier *mn = mmu_notifier_get(&hb_ops, mm);

	if (!IS_ERR(mn))
		mmu_notifier_put(mn);
	return mn;
}
