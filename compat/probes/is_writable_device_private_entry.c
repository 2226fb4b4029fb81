// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_IS_WRITABLE_DEVICE_PRIVATE_ENTRY: is_writable_device_private_entry()
 * (v5.14, "mm/swapops: rework swap entry manipulation code"; before:
 * is_write_device_private_entry()).  In <linux/swapops.h> until v6.18; the
 * softleaf API replaced it (see softleaf_is_device_private.c).
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>

bool hb_probe(swp_entry_t e);
bool hb_probe(swp_entry_t e)
{
	return is_writable_device_private_entry(e);
}
