// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_ZONE_DEVICE_PAGE_INIT: zone_device_page_init(), how a driver
 * hands out a free device-private page (v6.1, "mm/memremap.c: take a pgmap
 * reference on page allocation"; v7.x adds an order argument).  Only the
 * test tests/testhmm/devpriv57.c uses it, with the device-memory API of
 * that era: where it is missing the test is not built, and says why.
 */
#include <linux/mm.h>
#include <linux/memremap.h>

const void *hb_probe(void);
const void *hb_probe(void)
{
	return zone_device_page_init;
}
