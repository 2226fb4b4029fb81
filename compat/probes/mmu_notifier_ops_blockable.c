// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE: mmu_notifier_ops.invalidate_range_start
 * is int (*)(struct mmu_notifier *, struct mm_struct *, unsigned long start,
 * unsigned long end, bool blockable): it may be called where it must not
 * sleep, and may fail with -EAGAIN there.  Upstream v4.19 only:
 * 93065ac753e4 "mm, oom: distinguish blockable mode for mmu notifiers"
 * added it, v5.0 replaced it with the range structure.
 * Distros: RHEL 8 never has it (the 4.18 void form went straight to the
 * range form, RHEL 8.6+).
 */
#include <linux/mmu_notifier.h>

static int hb_start(struct mmu_notifier *mn, struct mm_struct *mm,
		    unsigned long start, unsigned long end, bool blockable)
{
	return 0;
}

const struct mmu_notifier_ops hb_probe = {
	.invalidate_range_start = hb_start,
};
