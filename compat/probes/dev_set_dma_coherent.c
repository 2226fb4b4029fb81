// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_DEV_SET_DMA_COHERENT: dev_set_dma_coherent(), the accessor of
 * the DEV_FLAG_DMA_COHERENT bit that replaced struct device's dma_coherent
 * field.  Not used by the shim: the test driver marks its device coherent
 * with it (tests/driver).
 */
#include <linux/device.h>

void hb_probe(struct device *dev);
void hb_probe(struct device *dev)
{
	dev_set_dma_coherent(dev);
}
