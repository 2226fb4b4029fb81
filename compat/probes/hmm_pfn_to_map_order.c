// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_PFN_TO_MAP_ORDER: hmm_pfn_to_map_order() exists.  v5.9,
 * "mm/hmm: provide the page mapping order in hmm_range_fault()".
 * Distros: RHEL 8.5+ have it; vanilla 5.8 has hmm_pfns without it.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

unsigned int hb_probe(unsigned long hmm_pfn);
unsigned int hb_probe(unsigned long hmm_pfn)
{
	return hmm_pfn_to_map_order(hmm_pfn);
}
