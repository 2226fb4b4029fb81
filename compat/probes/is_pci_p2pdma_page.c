// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_IS_PCI_P2PDMA_PAGE: is_pci_p2pdma_page() tells a page of PCI
 * peer-to-peer memory (ZONE_DEVICE, MEMORY_DEVICE_PCI_P2PDMA).  v4.20,
 * "PCI/P2PDMA: Support peer-to-peer memory"; without it no such page
 * exists.
 * Distros: the probe says it.
 */
#include <linux/mm.h>
#include <linux/memremap.h>

bool hb_probe(const struct page *page);
bool hb_probe(const struct page *page)
{
	return is_pci_p2pdma_page(page);
}
