// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_DEV_PAGEMAP_OWNER: struct dev_pagemap has @owner, the identity
 * hmm_range_fault() compares with a range's dev_private_owner.  v5.7,
 * "mm: handle multiple owners of device private pages in migrate_vma"
 * (with the range's dev_private_owner).  Before it no device-private page
 * has an owner a range could name: the emulation faults them all back.
 */
#include <linux/mm.h>
#include <linux/memremap.h>

void *hb_probe(struct dev_pagemap *pgmap);
void *hb_probe(struct dev_pagemap *pgmap)
{
	return pgmap->owner;
}
