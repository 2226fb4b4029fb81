// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_DEVICE_DMA_COHERENT: struct device has the bool dma_coherent
 * (architectures that may be non-coherent, arm64 among them; before it
 * became the flag of dev_set_dma_coherent.c).  Not used by the shim: the
 * test driver marks its device coherent with it (tests/driver).
 */
#include <linux/device.h>

void hb_probe(struct device *dev);
void hb_probe(struct device *dev)
{
	dev->dma_coherent = true;
}
