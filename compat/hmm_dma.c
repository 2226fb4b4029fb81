// SPDX-License-Identifier: GPL-2.0
/*
 * <linux/hmm-dma.h> where the kernel lacks it: see compat/hmm_dma.h.
 * Compiles to nothing where the module uses the kernel's own.
 *
 * Entries are in the encoding of compat/hmm_range_fault.h (the newest
 * kernel's): HMM_PFN_DMA_MAPPED says an entry is mapped, and
 * hmm_range_fault() keeps it, so a page faulted again is not mapped again
 * and every mapping is unmapped exactly once.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memremap.h>
#include <linux/slab.h>
#include <compat/hmm.h>
#include <compat/dma_sync.h>
#include <compat/export.h>

#if defined(HB_EMUL_HMM_DMA_MAP)

/*
 * What upstream maps with (v7.0+): HMM needs a coherent device, and the
 * DMA API debugging then accepts one page mapped by several devices (two
 * GPUs mirroring one process).  Before, where hmm_dma_map_alloc() refused
 * devices needing syncs (dma_need_sync(), v5.8+), skipping the CPU syncs
 * is exact (they do nothing on a coherent device) and says the same to the
 * debugging; with no way to tell, the syncs are made.
 */
#if defined(DMA_ATTR_REQUIRE_COHERENT)
#define HB_HMM_DMA_ATTRS	DMA_ATTR_REQUIRE_COHERENT
#elif defined(HB_HAVE_DMA_NEED_SYNC)
#define HB_HMM_DMA_ATTRS	DMA_ATTR_SKIP_CPU_SYNC
#else
#define HB_HMM_DMA_ATTRS	0
#endif

/**
 * hb_hmm_dma_map_alloc() - allocate the lists of a map (hmm_dma_map_alloc())
 * @dev: the device the entries will be mapped for
 * @map: the map to fill
 * @nr_entries: pages in the range
 * @dma_entry_size: bytes each mapped entry covers (a power of two, at
 *	least PAGE_SIZE)
 *
 * Return: 0; -EOPNOTSUPP if @dev needs cache syncs or bounce buffers;
 * -ENOMEM.
 */
int hb_hmm_dma_map_alloc(struct device *dev, struct hb_hmm_dma_map *map,
			 size_t nr_entries, size_t dma_entry_size)
{
	WARN_ON_ONCE(!(nr_entries * PAGE_SIZE / dma_entry_size));
	/* As the kernel's: a device needing syncs is refused. */
	if (hb_dma_needs_sync(dev))
		return -EOPNOTSUPP;
	map->dma_entry_size = dma_entry_size;
	map->pfn_list = kvmalloc_array(nr_entries, sizeof(*map->pfn_list),
				       GFP_KERNEL | __GFP_NOWARN | __GFP_ZERO);
	if (!map->pfn_list)
		return -ENOMEM;
	map->dma_list = kvmalloc_array(nr_entries, sizeof(*map->dma_list),
				       GFP_KERNEL | __GFP_NOWARN | __GFP_ZERO);
	map->bidir = kvmalloc_array(BITS_TO_LONGS(nr_entries),
				    sizeof(*map->bidir),
				    GFP_KERNEL | __GFP_NOWARN | __GFP_ZERO);
	if (!map->dma_list || !map->bidir) {
		kvfree(map->bidir);
		kvfree(map->dma_list);
		kvfree(map->pfn_list);
		return -ENOMEM;
	}
	return 0;
}
EXPORT_SYMBOL_HB(hb_hmm_dma_map_alloc);

/**
 * hb_hmm_dma_map_free() - free the lists of a map (hmm_dma_map_free())
 * @dev: the device
 * @map: the map; its entries must have been unmapped
 */
void hb_hmm_dma_map_free(struct device *dev, struct hb_hmm_dma_map *map)
{
	kvfree(map->pfn_list);
	kvfree(map->dma_list);
	kvfree(map->bidir);
}
EXPORT_SYMBOL_HB(hb_hmm_dma_map_free);

/**
 * hb_hmm_dma_map_pfn() - map the page of an entry for DMA
 *	(hmm_dma_map_pfn())
 * @dev: the device
 * @map: the map
 * @idx: the entry, in units of @map->dma_entry_size
 * @p2pdma_state: the caller's P2P state (not used: see compat/hmm_dma.h)
 *
 * The entry must be valid (HMM_PFN_VALID, from hmm_range_fault()).  It is
 * mapped DMA_BIDIRECTIONAL if writable, else DMA_TO_DEVICE.  An entry
 * already mapped (HMM_PFN_DMA_MAPPED) keeps its mapping, as upstream's
 * does when a driver re-syncs the flags of a page, unless it was mapped to
 * the device only and is writable now: then it is mapped again both ways.
 *
 * Return: the DMA address; DMA_MAPPING_ERROR for P2P memory or if mapping
 * failed (v4.19: what dma_mapping_error() says is an error).
 */
dma_addr_t hb_hmm_dma_map_pfn(struct device *dev, struct hb_hmm_dma_map *map,
			      size_t idx,
			      struct pci_p2pdma_map_state *p2pdma_state)
{
	unsigned long *pfns = map->pfn_list;
	struct page *page = hmm_pfn_to_page(pfns[idx]);
	bool write = pfns[idx] & HMM_PFN_WRITE;
	dma_addr_t dma_addr;

	if (pfns[idx] & HMM_PFN_DMA_MAPPED) {
		if (!write || test_bit(idx, map->bidir))
			return map->dma_list[idx];
		dma_unmap_page_attrs(dev, map->dma_list[idx],
				     map->dma_entry_size, DMA_TO_DEVICE,
				     HB_HMM_DMA_ATTRS);
		pfns[idx] &= ~HMM_PFN_DMA_MAPPED;
	}
#if defined(HB_HAVE_IS_PCI_P2PDMA_PAGE) && defined(DMA_MAPPING_ERROR)
	if (is_pci_p2pdma_page(page))
		return DMA_MAPPING_ERROR;
#endif
	dma_addr = dma_map_page_attrs(dev, page, 0, map->dma_entry_size,
				      write ? DMA_BIDIRECTIONAL : DMA_TO_DEVICE,
				      HB_HMM_DMA_ATTRS);
	/*
	 * DMA_MAPPING_ERROR where the kernel has it (v5.0+); before, the DMA
	 * ops' own error value, which dma_mapping_error() recognises.
	 */
	if (dma_mapping_error(dev, dma_addr))
		return dma_addr;
	map->dma_list[idx] = dma_addr;
	if (write)
		set_bit(idx, map->bidir);
	else
		clear_bit(idx, map->bidir);
	pfns[idx] |= HMM_PFN_DMA_MAPPED;
	return dma_addr;
}
EXPORT_SYMBOL_HB(hb_hmm_dma_map_pfn);

/**
 * hb_hmm_dma_unmap_pfn() - unmap an entry's page (hmm_dma_unmap_pfn())
 * @dev: the device
 * @map: the map
 * @idx: the entry
 *
 * Return: true if the entry was mapped (valid and HMM_PFN_DMA_MAPPED) and
 * has been unmapped, false otherwise.
 */
bool hb_hmm_dma_unmap_pfn(struct device *dev, struct hb_hmm_dma_map *map,
			  size_t idx)
{
	const unsigned long valid_dma = HMM_PFN_VALID | HMM_PFN_DMA_MAPPED;
	unsigned long *pfns = map->pfn_list;

	if ((pfns[idx] & valid_dma) != valid_dma)
		return false;
	dma_unmap_page_attrs(dev, map->dma_list[idx], map->dma_entry_size,
			     test_bit(idx, map->bidir) ? DMA_BIDIRECTIONAL :
							 DMA_TO_DEVICE,
			     HB_HMM_DMA_ATTRS);
	pfns[idx] &= ~(HMM_PFN_DMA_MAPPED | HMM_PFN_P2PDMA |
		       HMM_PFN_P2PDMA_BUS);
	return true;
}
EXPORT_SYMBOL_HB(hb_hmm_dma_unmap_pfn);

#endif /* HB_EMUL_HMM_DMA_MAP */
