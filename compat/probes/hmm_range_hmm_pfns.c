// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_RANGE_HMM_PFNS: struct hmm_range carries unsigned long
 * *hmm_pfns with HMM_PFN_* high bits.  v5.8, 2733ea144dcc "mm/hmm: remove the
 * customizable pfn format from hmm_range_fault".
 * Distros: RHEL 8.5+, RHEL 9.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

unsigned long *hb_probe(struct hmm_range *range);
unsigned long *hb_probe(struct hmm_range *range)
{
	range->default_flags = HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE;
	return range->hmm_pfns;
}
