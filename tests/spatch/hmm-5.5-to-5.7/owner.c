// SPDX-License-Identifier: GPL-2.0
/*
 * A driver with device-private memory (its VRAM as MEMORY_DEVICE_PRIVATE
 * pages) that faults CPU pages for its GPU: 5.7 returns device-private
 * pages only to the range's dev_private_owner and refuses a pgmap without
 * an owner.  Both get the device's struct (the pgmap's root, found by
 * spatch/hmm-owner.awk); the flags array loses its DEVICE_PRIVATE entry
 * (positional here).
 */
#include <linux/hmm.h>
#include <linux/memremap.h>
#include <linux/mmu_notifier.h>

static const u64 vram_flags[HMM_PFN_FLAG_MAX] = {
	1 << 0,
	1 << 1,
	1 << 2,
};

static const u64 vram_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 1 << 3,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 1 << 4,
};

struct vram {
	struct dev_pagemap pagemap;
	struct mmu_interval_notifier notifier;
};

int vram_init(struct vram *v, struct resource *res)
{
	v->pagemap.type = MEMORY_DEVICE_PRIVATE;
	v->pagemap.res = *res;
	return PTR_ERR_OR_ZERO(memremap_pages(&v->pagemap, NUMA_NO_NODE));
}

long vram_fault(struct vram *v, u64 *pfns, unsigned long start,
		unsigned long end)
{
	struct hmm_range range = {
		.notifier = &v->notifier,
		.start = start,
		.end = end,
		.pfns = pfns,
		.flags = vram_flags,
		.values = vram_values,
		.pfn_shift = 12,
		.default_flags = vram_flags[HMM_PFN_VALID],
	};

	range.notifier_seq = mmu_interval_read_begin(&v->notifier);
	return hmm_range_fault(&range, 0);
}
