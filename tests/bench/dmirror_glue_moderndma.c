// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_moderndma.c - make bench's baseline for the 5.3/5.4 glues:
 * the modern glue (tests/driver/dmirror_glue_modern.c) on the kernel's own
 * interval notifier and hmm_range_fault(), DMA-mapping every faulted page
 * for the device and unmapping it after the device page table is filled,
 * the way the g53/g54 glues do through 5.3/5.4's hmm_range_dma_map() and
 * hmm_range_dma_unmap() (compat/hmm_mirror.c: an array of DMA addresses
 * allocated per fault, one probe of whether the device needs syncs per
 * call, one dma_map_page_attrs() per page, bidirectional if writable, to
 * the device otherwise; the pages of a write dirtied at the unmap).  So
 * g53/g54 against this one measures the shim, not the glue's mapping.
 *
 * Built by tests/bench/boot-bench.sh only (not a glue of make check).
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <compat/hmm.h>
#include <compat/dma_sync.h>

#include "dmirror.h"

#define DMIRROR_GLUE_NAME "modern, DMA-mapping every fault (make bench)"
#define DMIRROR_GLUE_DMA 1

static dma_addr_t *dmirror_glue_dma_alloc(void)
{
	return kmalloc_array(DMIRROR_CHUNK_PAGES, sizeof(dma_addr_t),
			     GFP_KERNEL);
}

static enum dma_data_direction dmirror_glue_dma_dir(unsigned long pfn)
{
	return pfn & HMM_PFN_WRITE ? DMA_BIDIRECTIONAL : DMA_TO_DEVICE;
}

/* Map the @n faulted pages of @pfns; on failure nothing stays mapped. */
static int dmirror_glue_dma_map(struct dmirror *dm, const unsigned long *pfns,
				unsigned long n, dma_addr_t *daddrs)
{
	struct device *dev = dmirror_dma_device(dm);
	unsigned long attrs = 0;
	unsigned long i;

#ifdef HB_HAVE_DMA_NEED_SYNC
	if (!hb_dma_needs_sync(dev))
		attrs = DMA_ATTR_SKIP_CPU_SYNC;
#endif
	for (i = 0; i < n; i++) {
		daddrs[i] = dma_map_page_attrs(dev, hmm_pfn_to_page(pfns[i]), 0,
					       PAGE_SIZE,
					       dmirror_glue_dma_dir(pfns[i]),
					       attrs);
		if (dma_mapping_error(dev, daddrs[i]))
			goto unmap;
	}
	return 0;

unmap:
	while (i--)
		dma_unmap_page(dev, daddrs[i], PAGE_SIZE,
			       dmirror_glue_dma_dir(pfns[i]));
	return -EFAULT;
}

static void dmirror_glue_dma_unmap(struct dmirror *dm,
				   const unsigned long *pfns, unsigned long n,
				   dma_addr_t *daddrs, bool dirty)
{
	struct device *dev = dmirror_dma_device(dm);
	unsigned long i;

	for (i = 0; i < n; i++) {
		enum dma_data_direction dir = dmirror_glue_dma_dir(pfns[i]);

		if (dir == DMA_BIDIRECTIONAL && dirty)
			set_page_dirty(hmm_pfn_to_page(pfns[i]));
		dma_unmap_page(dev, daddrs[i], PAGE_SIZE, dir);
	}
}

#include "dmirror_glue_modern.c"
