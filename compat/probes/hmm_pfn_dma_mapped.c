// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_PFN_DMA_MAPPED: the hmm_pfns[] encoding has the sticky bits
 * HMM_PFN_DMA_MAPPED, HMM_PFN_P2PDMA and HMM_PFN_P2PDMA_BUS, which
 * hmm_range_fault() carries from input to output (the mapping order moved
 * to BITS_PER_LONG - 11 to make room for them).  Upstream with
 * <linux/hmm-dma.h> (see hmm_dma_map.c).
 * Distros: the probe says it.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

unsigned long hb_probe(void);
unsigned long hb_probe(void)
{
	return HMM_PFN_DMA_MAPPED | HMM_PFN_P2PDMA | HMM_PFN_P2PDMA_BUS;
}
