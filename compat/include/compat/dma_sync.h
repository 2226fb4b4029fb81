/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/dma_sync.h - whether a device's streaming DMA mappings need the
 * CPU syncs, for the shim's HMM mappings (compat/hmm_dma.c, compat/
 * hmm_mirror.c).
 *
 * HMM hands a device pages the CPU keeps using, with no transfer of
 * ownership between them: that is only right on a coherent device that
 * reaches all memory directly.  Upstream's hmm_dma_map_alloc() (v6.16)
 * refuses any other; the shim asks the same question to refuse it, or to
 * skip the syncs (which then do nothing) and say so to the DMA API
 * debugging.
 */
#ifndef _COMPAT_DMA_SYNC_H
#define _COMPAT_DMA_SYNC_H

#include <hb_probes.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

/**
 * hb_dma_needs_sync() - do @dev's mappings need syncs or bounce buffers?
 * @dev: the device
 *
 * dma_addressing_limited() (v5.1+) answers for bounce buffering of memory
 * out of reach; dma_need_sync() (v5.8+) of one mapping of the zero page
 * for a non-coherent device or forced bouncing (swiotlb=force).  The
 * zero page is mapped to the device only: the DMA API debugging does not
 * track such mappings for overlap.
 *
 * Return: true if they do; false if they do not, or the kernel cannot
 * tell (no dma_need_sync()).
 */
static inline bool hb_dma_needs_sync(struct device *dev)
{
#ifdef HB_HAVE_DMA_NEED_SYNC
	dma_addr_t addr;
	bool sync;
#endif

#ifdef HB_HAVE_DMA_ADDRESSING_LIMITED
	if (dma_addressing_limited(dev))
		return true;
#endif
#ifdef HB_HAVE_DMA_NEED_SYNC
	addr = dma_map_page(dev, ZERO_PAGE(0), 0, PAGE_SIZE, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, addr))
		return true;
	sync = dma_need_sync(dev, addr);
	dma_unmap_page(dev, addr, PAGE_SIZE, DMA_TO_DEVICE);
	return sync;
#else
	return false;
#endif
}

#endif /* _COMPAT_DMA_SYNC_H */
