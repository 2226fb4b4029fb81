// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFY_EXCLUSIVE: enum mmu_notifier_event has
 * MMU_NOTIFY_EXCLUSIVE, the invalidation make_device_exclusive() sends
 * (with the device's owner cookie in the range's @owner).  Upstream v5.14,
 * "mm: device exclusive memory access".
 * Distros: not looked at; the probe says it.
 */
#include <linux/mmu_notifier.h>

int hb_probe(void);
int hb_probe(void)
{
	return MMU_NOTIFY_EXCLUSIVE;
}
