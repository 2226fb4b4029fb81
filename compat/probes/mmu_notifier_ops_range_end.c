// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_RANGE_END: mmu_notifier_ops.invalidate_range_end
 * is void (*)(struct mmu_notifier *, const struct mmu_notifier_range *).
 * Upstream v5.0, "mm/mmu_notifier: use structure for
 * invalidate_range_start/end callback" (with the start callback's form).
 * Distros: as mmu_notifier_ops_range (RHEL 8.6 .. 8.10 only under
 * -DRH_MMU_NOTIFIER_V2); kept apart because a kernel could change one
 * callback and not the other.
 */
#include <linux/mmu_notifier.h>

static void hb_end(struct mmu_notifier *mn,
		   const struct mmu_notifier_range *range)
{
}

const struct mmu_notifier_ops hb_probe = {
	.invalidate_range_end = hb_end,
};
