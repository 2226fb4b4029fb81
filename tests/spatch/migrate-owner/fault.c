// SPDX-License-Identifier: GPL-2.0
/* The GPU fault path of gpu.h's driver: a range filled field by field. */
#include "gpu.h"

static const u64 gpu_pte_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = 1 << 0,
	[HMM_PFN_WRITE] = 1 << 1,
};

static const u64 gpu_pte_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 1 << 3,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 1 << 4,
};

long gpu_window_fault(struct gpu_device *gdev, struct gpu_window *win,
		      u64 *ptes)
{
	struct hmm_range range;

	range.notifier = &win->notifier;
	range.start = win->notifier.interval_tree.start;
	range.end = win->notifier.interval_tree.last + 1;
	range.pfns = ptes;
	range.flags = gpu_pte_flags;
	range.values = gpu_pte_values;
	range.pfn_shift = 12;
	range.default_flags = 0;
	range.pfn_flags_mask = -1UL;
	range.notifier_seq = mmu_interval_read_begin(range.notifier);
	return hmm_range_fault(&range, 0);
}
