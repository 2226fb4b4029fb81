// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_INTERVAL_NOTIFIER: struct mmu_interval_notifier and
 * mmu_interval_notifier_insert() exist.  Added in v5.5 by 99cb252f5e68
 * "mm/mmu_notifier: add an interval tree notifier".
 * Distros: RHEL 8.3+ carry it on the 4.18 callback form and without
 * mmu_notifier_range_blockable() until 8.6; Ubuntu 20.04's 5.4 does not.
 */
#include <linux/mmu_notifier.h>

int hb_probe(struct mmu_interval_notifier *mni, struct mm_struct *mm,
	     const struct mmu_interval_notifier_ops *ops);
int hb_probe(struct mmu_interval_notifier *mni, struct mm_struct *mm,
	     const struct mmu_interval_notifier_ops *ops)
{
	return mmu_interval_notifier_insert(mni, mm, 0, PAGE_SIZE, ops);
}
