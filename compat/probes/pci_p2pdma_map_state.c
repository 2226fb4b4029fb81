// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_PCI_P2PDMA_MAP_STATE: struct pci_p2pdma_map_state is complete in
 * <linux/pci-p2pdma.h>, so a driver can declare one for
 * hmm_dma_map_pfn().  Upstream moved it there from the DMA core's private
 * <linux/dma-map-ops.h> for the two-step DMA API.
 * Distros: the probe says it.
 */
#include <linux/pci-p2pdma.h>

int hb_probe(void);
int hb_probe(void)
{
	struct pci_p2pdma_map_state state = {};

	return sizeof(state);
}
