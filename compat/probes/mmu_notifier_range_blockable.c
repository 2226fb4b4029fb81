// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE: mmu_notifier_range_blockable()
 * exists.  v5.2, "mm/mmu_notifier: helper to test if a range
 * invalidation is blockable".
 * Distros: RHEL 8.3 .. 8.5 have the range's flags member but not this
 * helper (their invalidations all may block); RHEL 8.6+ have it.
 */
#include <linux/mmu_notifier.h>

bool hb_probe(const struct mmu_notifier_range *range);
bool hb_probe(const struct mmu_notifier_range *range)
{
	return mmu_notifier_range_blockable(range);
}
