/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_dma.h - <linux/hmm-dma.h>: struct hmm_dma_map and
 * hmm_dma_map_alloc/free(), hmm_dma_map_pfn(), hmm_dma_unmap_pfn(), the DMA
 * mapping of hmm_range_fault() results RDMA ODP uses, where the kernel
 * lacks them (probe hmm_dma_map), or where the hmm_pfns[] encoding the
 * driver sees is the shim's (compat/hmm_range_fault.h emulates or
 * translates it: the kernel's helpers would read their own), or everywhere
 * with HB_FORCE_EMUL.  Included by compat/hmm.h for today's API; a driver
 * writes `#include <linux/hmm-dma.h>` in a gentree tree (backport-include)
 * or `#include <compat/hmm.h>`.
 *
 * The emulation (compat/hmm_dma.c, linked into the module) maps each entry
 * with dma_map_page() (the kernel's DMA API of every release: the IOVA
 * two-step API is not used even where it exists) and unmaps it with
 * dma_unmap_page(), with upstream's return conventions.  Differences from
 * upstream a driver can see:
 *  - struct hmm_dma_map has no @state (struct dma_iova_state): no IOVA is
 *    allocated, so dma_use_iova() on it would always be false;
 *  - @dma_list is always allocated (upstream leaves it NULL where the
 *    device needs no unmap);
 *  - an entry without HMM_PFN_WRITE is mapped DMA_TO_DEVICE, a writable one
 *    DMA_BIDIRECTIONAL (upstream: all bidirectional, exempted from the DMA
 *    API debugging's overlap checks with DMA_ATTR_REQUIRE_COHERENT, v7.0,
 *    which older kernels lack: the zero page, mapped at every untouched
 *    address, would otherwise be reported); an entry mapped to the device
 *    that has become writable is mapped again both ways, at a new address,
 *    by the next hmm_dma_map_pfn();
 *  - a page of PCI peer-to-peer memory is refused (DMA_MAPPING_ERROR, as
 *    upstream when the P2P path between the two devices is impossible):
 *    P2P mapping is never emulated, and @p2pdma_state is not looked at;
 *  - the refusal of devices that need cache syncs or bounce buffers
 *    (-EOPNOTSUPP from hmm_dma_map_alloc()) is asked with one mapping of
 *    the zero page at alloc time (dma_need_sync(), v5.8+) and
 *    dma_addressing_limited() (v5.1+); a kernel lacking one does not refuse
 *    on that ground.
 */
#ifndef _COMPAT_HMM_DMA_H
#define _COMPAT_HMM_DMA_H

#include <hb_probes.h>
#include <linux/dma-mapping.h>
#include <compat/hmm_range_fault.h>

#if !defined(HB_HAVE_HMM_DMA_MAP) || defined(HB_EMUL_HMM_RANGE_FAULT) || \
	defined(HB_XLAT_HMM_PFNS) || defined(HB_FORCE_EMUL)
#define HB_EMUL_HMM_DMA_MAP 1
#endif

#ifdef HB_HAVE_HMM_DMA_MAP
/* Parsed under its own names first, as the other compat headers do. */
#include <linux/hmm-dma.h>
#endif
#ifdef HB_HAVE_PCI_P2PDMA_MAP_STATE
#include <linux/pci-p2pdma.h>
#endif

#ifdef HB_EMUL_HMM_DMA_MAP

#ifndef HB_HAVE_PCI_P2PDMA_MAP_STATE
/**
 * struct hb_pci_p2pdma_map_state - what a driver declares and passes to
 *	hmm_dma_map_pfn() (struct pci_p2pdma_map_state)
 * @unused: nothing: the emulation maps no P2P memory
 *
 * Where the kernel keeps its own in the DMA core's private
 * <linux/dma-map-ops.h> (v6.2 .. v6.x), a file including that header after
 * this one gets a clash; drivers do not include it.
 */
struct hb_pci_p2pdma_map_state {
	int unused;
};

#define pci_p2pdma_map_state	hb_pci_p2pdma_map_state
#endif

/**
 * struct hb_hmm_dma_map - pfns and DMA addresses of a range (struct
 *	hmm_dma_map, without its IOVA state)
 * @pfn_list: one hmm_pfns[] entry per page, for hmm_range_fault()
 * @dma_list: the DMA address of each mapped entry
 * @dma_entry_size: the size each entry maps (PAGE_SIZE, or the driver's
 *	larger page size)
 * @bidir: bit N: entry N is mapped DMA_BIDIRECTIONAL (else DMA_TO_DEVICE)
 */
struct hb_hmm_dma_map {
	unsigned long *pfn_list;
	dma_addr_t *dma_list;
	size_t dma_entry_size;
	unsigned long *bidir;
};

int hb_hmm_dma_map_alloc(struct device *dev, struct hb_hmm_dma_map *map,
			 size_t nr_entries, size_t dma_entry_size);
void hb_hmm_dma_map_free(struct device *dev, struct hb_hmm_dma_map *map);
dma_addr_t hb_hmm_dma_map_pfn(struct device *dev, struct hb_hmm_dma_map *map,
			      size_t idx,
			      struct pci_p2pdma_map_state *p2pdma_state);
bool hb_hmm_dma_unmap_pfn(struct device *dev, struct hb_hmm_dma_map *map,
			  size_t idx);

#define hmm_dma_map		hb_hmm_dma_map
#define hmm_dma_map_alloc	hb_hmm_dma_map_alloc
#define hmm_dma_map_free	hb_hmm_dma_map_free
#define hmm_dma_map_pfn		hb_hmm_dma_map_pfn
#define hmm_dma_unmap_pfn	hb_hmm_dma_unmap_pfn

#endif /* HB_EMUL_HMM_DMA_MAP */

#endif /* _COMPAT_HMM_DMA_H */
