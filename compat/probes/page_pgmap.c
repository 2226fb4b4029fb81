// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_PAGE_PGMAP: page_pgmap() gives a ZONE_DEVICE page's struct
 * dev_pagemap.  v6.14 (the FS DAX/ZONE_DEVICE refcount rework moved
 * pgmap from struct page to the folio); before it, page->pgmap.
 */
#include <linux/mm.h>
#include <linux/memremap.h>

void *hb_probe(const struct page *page);
void *hb_probe(const struct page *page)
{
	return page_pgmap(page)->owner;
}
