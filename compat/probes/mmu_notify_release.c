// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFY_RELEASE: enum mmu_notifier_event has
 * MMU_NOTIFY_RELEASE.  v5.5, 99cb252f5e68 "mm/mmu_notifier: add an interval
 * tree notifier".
 */
#include <linux/mmu_notifier.h>

int hb_probe(void);
int hb_probe(void)
{
	return MMU_NOTIFY_RELEASE;
}
