// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_UPDATE: the mirror callback takes const struct hmm_update *
 * (v4.20 .. v5.3).  Dropped in v5.4 by "mm/hmm: use mmu_notifier_range in
 * hmm_mirror_ops" (the callback takes struct mmu_notifier_range).
 */
#include <linux/hmm.h>

unsigned long hb_probe(const struct hmm_update *update);
unsigned long hb_probe(const struct hmm_update *update)
{
	return update->end - update->start;
}
