// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFY_RELEASE: enum mmu_notifier_event has
 * MMU_NOTIFY_RELEASE.  v5.5, 99cb252f5e68 "mm/mmu_notifier: add an interval
 * tree notifier".
 * Distros: RHEL 8.3 .. 8.10 have the value, but their mm teardown
 * (mn_itree_release()) sends event 0 over [0, ULONG_MAX]: a teardown is
 * recognised by its range, not by this value
 * (hb_mmu_notifier_range_is_release()).
 */
#include <linux/mmu_notifier.h>

int hb_probe(void);
int hb_probe(void)
{
	return MMU_NOTIFY_RELEASE;
}
