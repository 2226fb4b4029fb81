// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_EVENT: struct mmu_notifier_range has
 * enum mmu_notifier_event event.  Upstream v5.2,
 * "mm/mmu_notifier: contextual information for event triggering
 * invalidation".
 * Distros: RHEL 8.3 .. 8.10 have it, but tear an mm down with event 0
 * (MMU_NOTIFY_UNMAP), never MMU_NOTIFY_RELEASE, and RHEL 8.5 zeroes it for
 * every invalidation: an event is a hint there, not a fact.
 */
#include <linux/mmu_notifier.h>

int hb_probe(struct mmu_notifier_range *range);
int hb_probe(struct mmu_notifier_range *range)
{
	return range->event;
}
