// SPDX-License-Identifier: GPL-2.0
/* Snapshot versus fault, the block argument, dma_map/unmap. */
long f(struct hmm_range *range, bool block, struct device *dev,
       dma_addr_t *daddrs)
{
	long ret;

	ret = hmm_range_snapshot(range);
	ret = hmm_range_fault(range, true);
	ret = hmm_range_fault(range, false);
	ret = hmm_range_fault(range, block);
	ret = hmm_range_dma_map(range, dev, daddrs, true);
	ret = hmm_range_dma_unmap(range, range->vma, dev, daddrs, true);
	return ret;
}
