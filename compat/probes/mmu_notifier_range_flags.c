// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_FLAGS: struct mmu_notifier_range has
 * unsigned int flags with MMU_NOTIFIER_RANGE_BLOCKABLE.  Upstream v5.2,
 * "mm/mmu_notifier: convert mmu_notifier_range->blockable to a
 * flags", with the helper mmu_notifier_range_blockable().
 * Distros: RHEL 8.3 .. 8.5 have the member but not the helper, and never
 * set it (8.5's mmu_notifier_range_init() zeroes it for every
 * invalidation, all of which may block): reading it there is wrong.
 */
#include <linux/mmu_notifier.h>

unsigned int hb_probe(struct mmu_notifier_range *range);
unsigned int hb_probe(struct mmu_notifier_range *range)
{
	return range->flags & MMU_NOTIFIER_RANGE_BLOCKABLE;
}
