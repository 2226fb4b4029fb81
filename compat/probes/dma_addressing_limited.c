// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_DMA_ADDRESSING_LIMITED: dma_addressing_limited() says whether a
 * device cannot reach all of memory (so mappings may bounce).  v5.1,
 * "dma-mapping: add a dma_addressing_limited helper".
 * Distros: the probe says it.
 */
#include <linux/dma-mapping.h>

bool hb_probe(struct device *dev);
bool hb_probe(struct device *dev)
{
	return dma_addressing_limited(dev);
}
