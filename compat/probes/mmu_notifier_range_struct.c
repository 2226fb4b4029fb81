// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT: struct mmu_notifier_range is a
 * complete type with mm, start and end.  Upstream v5.0, ac46d4f3c432
 * "mm/mmu_notifier: use structure for invalidate_range_start/end calls v2".
 * Distros: RHEL 8.3 .. 8.10 have it although their callbacks keep the 4.18
 * form (8.3/8.4: {mm, start, end, flags, event}; 8.6+: also vma and
 * migrate_pgmap_owner); RHEL 8.1 has none.
 */
#include <linux/mmu_notifier.h>

unsigned long hb_probe(struct mmu_notifier_range *range);
unsigned long hb_probe(struct mmu_notifier_range *range)
{
	struct mm_struct *mm = range->mm;

	return range->end - range->start + (unsigned long)mm +
		sizeof(*range);
}
