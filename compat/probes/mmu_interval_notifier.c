// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_INTERVAL_NOTIFIER: struct mmu_interval_notifier and
 * mmu_interval_notifier_insert() exist.  Added in v5.5 by 99cb252f5e68
 * "mm/mmu_notifier: add an interval tree notifier".
 */
#include <linux/mmu_notifier.h>

int hb_probe(struct mmu_interval_notifier *mni, struct mm_struct *mm,
	     const struct mmu_interval_notifier_ops *ops);
int hb_probe(struct mmu_interval_notifier *mni, struct mm_struct *mm,
	     const struct mmu_interval_notifier_ops *ops)
{
	return mmu_interval_notifier_insert(mni, mm, 0, PAGE_SIZE, ops);
}
