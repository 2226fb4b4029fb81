// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE_MEMBER: struct mmu_notifier_range
 * has bool blockable.  Upstream v5.0 and v5.1 only: ac46d4f3c432 added it,
 * v5.2's "mm/mmu_notifier: convert mmu_notifier_range->blockable to a
 * flags" replaced it.
 * Distros: none known.
 */
#include <linux/mmu_notifier.h>

bool hb_probe(struct mmu_notifier_range *range);
bool hb_probe(struct mmu_notifier_range *range)
{
	return range->blockable;
}
