// SPDX-License-Identifier: GPL-2.0
/* The GPU fault path of acc.h's driver. */
#include "acc.h"

static const u64 acc_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = 1 << 0,
	[HMM_PFN_WRITE] = 1 << 1,
};

static const u64 acc_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 1 << 3,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 1 << 4,
};

long acc_fault(struct acc_dev *acc, u64 *pfns, unsigned long start,
	       unsigned long end)
{
	struct hmm_range range = {
		.notifier = &acc->notifier,
		.start = start,
		.end = end,
		.pfns = pfns,
		.flags = acc_flags,
		.values = acc_values,
		.pfn_shift = 12,
	};

	range.notifier_seq = mmu_interval_read_begin(&acc->notifier);
	return hmm_range_fault(&range, 0);
}
