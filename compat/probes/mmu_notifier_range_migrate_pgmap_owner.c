// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_MIGRATE_PGMAP_OWNER: struct mmu_notifier_range
 * has void *migrate_pgmap_owner, what v5.14 renamed owner.  Upstream v5.9
 * .. v5.13 ("mm/notifier: add migration invalidation type").
 * Distros: RHEL 8.6 .. 8.10 (4.18) have it.
 */
#include <linux/mmu_notifier.h>

void *hb_probe(const struct mmu_notifier_range *range);
void *hb_probe(const struct mmu_notifier_range *range)
{
	return range->migrate_pgmap_owner;
}
