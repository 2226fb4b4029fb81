// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_CALL_SRCU: mmu_notifier_call_srcu(rcu, func), the
 * deferred free after mmu_notifier_unregister_no_release() of v4.19 ..
 * v5.3 (removed in v5.4 for mmu_notifier_put()).  RHEL 8 keeps it beside
 * get/put.  compat/mmu_notifier_get.c frees through it.
 */
#include <linux/mmu_notifier.h>

static void hb_free(struct rcu_head *rcu)
{
}

void hb_probe(struct rcu_head *rcu);
void hb_probe(struct rcu_head *rcu)
{
	mmu_notifier_call_srcu(rcu, hb_free);
}
