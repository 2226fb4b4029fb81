// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_XARRAY: the kernel has the XArray (v4.20, f6bb2a2c0b81 "xarray:
 * add the xa_lock to the radix_tree_root"; xa_store() and tagged pointers
 * from 3159f943aafd ".. Add XArray"), which replaced the radix tree API
 * for new code.  v4.19 has only the radix tree.
 * Distros: every RHEL 8, 4.18 with the XArray backported (8.1 included).
 */
#include <linux/gfp.h>
#include <linux/xarray.h>

void *hb_probe(struct xarray *xa, void *p);
void *hb_probe(struct xarray *xa, void *p)
{
	unsigned long index = 0;

	xa_store(xa, 1, xa_tag_pointer(p, 1), GFP_KERNEL);
	return xa_find(xa, &index, 2, XA_PRESENT);
}
