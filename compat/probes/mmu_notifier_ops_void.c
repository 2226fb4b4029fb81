// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_VOID: mmu_notifier_ops.invalidate_range_start
 * is void (*)(struct mmu_notifier *, struct mm_struct *, unsigned long
 * start, unsigned long end): it cannot fail, so the kernel only calls it
 * where it may sleep (the OOM reaper skips an mm with such a notifier,
 * mm_has_blockable_invalidate_notifiers()).  Upstream: v4.18 and older;
 * v4.19's 93065ac753e4 "mm, oom: distinguish blockable mode for mmu
 * notifiers" changed it.
 * Distros: every RHEL 8 (4.18.0-*): 8.1 .. 8.5 have only this form, 8.6 ..
 * 8.10 have it by default beside the range form (-DRH_MMU_NOTIFIER_V2),
 * and call it only for invalidations that may block.
 */
#include <linux/mmu_notifier.h>

static void hb_start(struct mmu_notifier *mn, struct mm_struct *mm,
		     unsigned long start, unsigned long end)
{
}

const struct mmu_notifier_ops hb_probe = {
	.invalidate_range_start = hb_start,
};
