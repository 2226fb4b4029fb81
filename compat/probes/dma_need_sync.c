// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_DMA_NEED_SYNC: dma_need_sync() says whether a mapping needs
 * dma_sync_*() calls (a non-coherent device, or bounce buffering).  v5.8,
 * "dma-mapping: add a dma_need_sync API".
 * Distros: the probe says it.
 */
#include <linux/dma-mapping.h>

bool hb_probe(struct device *dev, dma_addr_t addr);
bool hb_probe(struct device *dev, dma_addr_t addr)
{
	return dma_need_sync(dev, addr);
}
