// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_SWP_OFFSET_PFN: swp_offset_pfn() gives the pfn of a pfn swap
 * entry (device-private, migration, ...).  v6.1, "mm/swap: add
 * swp_offset_pfn() to fetch PFN from swap entry" (the offset of a
 * migration entry then also carries A/D bits).  Before: the offset is the
 * pfn.
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>

unsigned long hb_probe(swp_entry_t e);
unsigned long hb_probe(swp_entry_t e)
{
	return swp_offset_pfn(e);
}
