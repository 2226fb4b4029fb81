// SPDX-License-Identifier: GPL-2.0
/* What the step must not rewrite. */
static const u64 foo_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 0x1,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 0x2,
};

unsigned long f(struct hmm_range *range, u64 e)
{
	range->values = foo_values;
	if (e == foo_values[HMM_PFN_SPECIAL])
		return 0;
	return hmm_device_entry_to_pfn(range, e);
}
