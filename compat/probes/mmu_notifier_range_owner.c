// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_OWNER: struct mmu_notifier_range has
 * void *owner, the device that caused an MMU_NOTIFY_MIGRATE (or, with
 * make_device_exclusive(), an MMU_NOTIFY_EXCLUSIVE) invalidation, which
 * that device's own notifier may ignore.  Upstream v5.14, "mm: rename
 * migrate_pgmap_owner" (v5.9 .. v5.13 named it migrate_pgmap_owner:
 * probe mmu_notifier_range_migrate_pgmap_owner).
 * Distros: RHEL 9.0+ (5.14) have it; RHEL 8.10 does not.
 */
#include <linux/mmu_notifier.h>

void *hb_probe(const struct mmu_notifier_range *range);
void *hb_probe(const struct mmu_notifier_range *range)
{
	return range->owner;
}
