// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_EVENT: enum mmu_notifier_event exists, with
 * MMU_NOTIFY_UNMAP .. MMU_NOTIFY_SOFT_DIRTY.  Upstream v5.2,
 * "mm/mmu_notifier: contextual information for event triggering
 * invalidation" (MMU_NOTIFY_RELEASE came in v5.5: probe
 * mmu_notify_release).
 * Distros: RHEL 8.3 .. 8.10 have it (with MMU_NOTIFY_RELEASE, 8.6+ with
 * MMU_NOTIFY_MIGRATE); RHEL 8.1 has none.
 */
#include <linux/mmu_notifier.h>

int hb_probe(void);
int hb_probe(void)
{
	enum mmu_notifier_event e = MMU_NOTIFY_SOFT_DIRTY;

	return e + MMU_NOTIFY_UNMAP + MMU_NOTIFY_CLEAR;
}
