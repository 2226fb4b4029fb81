// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_DMA_MAP: <linux/hmm-dma.h> with struct hmm_dma_map and
 * hmm_dma_map_alloc/free(), hmm_dma_map_pfn(), hmm_dma_unmap_pfn(): the
 * DMA mapping of hmm_range_fault() results that RDMA ODP uses.  Upstream
 * "mm/hmm: provide generic DMA managing logic".
 * Distros: the probe says it.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <linux/hmm-dma.h>

dma_addr_t hb_probe(struct device *dev, struct hmm_dma_map *map,
		    struct pci_p2pdma_map_state *p2p);
dma_addr_t hb_probe(struct device *dev, struct hmm_dma_map *map,
		    struct pci_p2pdma_map_state *p2p)
{
	return hmm_dma_map_pfn(dev, map, 0, p2p);
}
