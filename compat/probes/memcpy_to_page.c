// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MEMCPY_TO_PAGE: memcpy_to_page()/memcpy_from_page() are in
 * <linux/highmem.h>.  v5.11, "mm/highmem: Lift
 * memcpy_[to|from]_page to core" (backported to some 5.10 stable kernels).
 * Distros: RHEL 8.6+, Ubuntu 20.04's 5.4.
 */
#include <linux/highmem.h>

void hb_probe(struct page *page, const char *buf);
void hb_probe(struct page *page, const char *buf)
{
	memcpy_to_page(page, 0, buf, 1);
}
