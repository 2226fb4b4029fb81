// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_RANGE: mmu_notifier_ops.invalidate_range_start
 * is int (*)(struct mmu_notifier *, const struct mmu_notifier_range *).
 * Upstream v5.0, "mm/mmu_notifier: use structure for
 * invalidate_range_start/end callback".
 * Distros: RHEL 8.1 .. 8.5 never have it (the 4.18 void form only, probe
 * mmu_notifier_ops_void); RHEL 8.6 .. 8.10 have it only when the module is
 * built with -DRH_MMU_NOTIFIER_V2 (the field is otherwise the v1 form, and
 * this one is named invalidate_range_start_v2).
 */
#include <linux/mmu_notifier.h>

static int hb_start(struct mmu_notifier *mn,
		    const struct mmu_notifier_range *range)
{
	return 0;
}

const struct mmu_notifier_ops hb_probe = {
	.invalidate_range_start = hb_start,
};
