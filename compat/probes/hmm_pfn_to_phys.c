// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_PFN_TO_PHYS: hmm_pfn_to_phys(), the physical address of a
 * valid hmm_pfns[] entry.  Upstream with <linux/hmm-dma.h>.
 * Distros: the probe says it.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

phys_addr_t hb_probe(unsigned long hmm_pfn);
phys_addr_t hb_probe(unsigned long hmm_pfn)
{
	return hmm_pfn_to_phys(hmm_pfn);
}
