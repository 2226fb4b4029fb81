// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFY_MIGRATE: enum mmu_notifier_event has
 * MMU_NOTIFY_MIGRATE, the invalidation migrate_vma_setup() sends (with the
 * migrating device's owner in the range).  v5.9, "mm/notifier: add
 * migration invalidation type".
 * Distros: the probe says it.
 */
#include <linux/mmu_notifier.h>

int hb_probe(void);
int hb_probe(void)
{
	return MMU_NOTIFY_MIGRATE;
}
