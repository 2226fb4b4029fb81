// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_OPS_FLAGS: mmu_notifier_ops begins with `int flags`
 * (MMU_INVALIDATE_DOES_NOT_BLOCK).  Upstream until v4.20; v5.0 has none
 * (checked: v4.19.108 has it, v5.0, v5.2.1, v5.3.1 do not).
 * Distros: every RHEL 8 (4.18.0-*) keeps it.
 * Read only by compat/mmu_notifier_get.h, which re-declares the structure
 * member for member (v4.19 .. v5.3, RHEL 8.1).
 */
#include <linux/mmu_notifier.h>

const struct mmu_notifier_ops hb_probe = {
	.flags = 0,
};
