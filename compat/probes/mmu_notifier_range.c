// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE: invalidate_range_start() takes a
 * const struct mmu_notifier_range *.  v5.0, "mm/mmu_notifier:
 * use structure for invalidate_range_start/end callback".
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
