// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_MM_END: mmu_notifier_ops.invalidate_range_end
 * is void (*)(struct mmu_notifier *, struct mm_struct *, unsigned long
 * start, unsigned long end).  Upstream v4.19 and older; v5.0's
 * 5d6527a784f7 "mm/mmu_notifier: use structure for
 * invalidate_range_start/end callback" replaced it.
 * Distros: every RHEL 8 by default (RHEL 8.6 .. 8.10 switch to the range
 * form with -DRH_MMU_NOTIFIER_V2).
 */
#include <linux/mmu_notifier.h>

static void hb_end(struct mmu_notifier *mn, struct mm_struct *mm,
		   unsigned long start, unsigned long end)
{
}

const struct mmu_notifier_ops hb_probe = {
	.invalidate_range_end = hb_end,
};
