// SPDX-License-Identifier: GPL-2.0
/*
 * A range on the stack filled in field by field (the shape of 5.2-era
 * fault handlers carried forward), whose pfns are a field of the request
 * the driver sends to its firmware, and a helper that turns success into a
 * page count.  5.8: the encoding arrays and fields go, the count is
 * restored after the call, the firmware's array is reported.
 */
#include <linux/hmm.h>
#include <linux/mmu_notifier.h>

static const u64 fw_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = 1ULL << 63,
	[HMM_PFN_WRITE] = 1ULL << 62,
};

static const u64 fw_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 1ULL << 61,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 1ULL << 61,
};

struct fw_req {
	u32 count;
	u64 entries[32];
};

int fw_send(struct fw_req *req);

static long fw_range_fault(struct hmm_range *range)
{
	long ret = hmm_range_fault(range);

	if (ret > 0)
		return 0;
	return ret ? ret : -EBUSY;
}

int fw_fault(struct mmu_interval_notifier *mni, unsigned long addr,
	     struct fw_req *req)
{
	struct hmm_range range;
	int ret;

	range.notifier = mni;
	range.start = addr;
	range.end = addr + req->count * PAGE_SIZE;
	range.pfns = req->entries;
	range.flags = fw_flags;
	range.values = fw_values;
	range.pfn_shift = 12;
	range.default_flags = fw_flags[HMM_PFN_VALID];
	range.pfn_flags_mask = 0;
	range.notifier_seq = mmu_interval_read_begin(mni);
	ret = fw_range_fault(&range);
	if (ret)
		return ret;
	return fw_send(req);
}
