// SPDX-License-Identifier: GPL-2.0
/* What the step must not rewrite. */
long f(struct hmm_range *range, unsigned int flags, u64 *flagsarr)
{
	long ret;

	ret = hmm_range_fault(range, HMM_FAULT_ALLOW_RETRY);
	ret = hmm_range_fault(range, flags);
	if (range->pfns[0] & flagsarr[HMM_PFN_DEVICE_PRIVATE])
		return 0;
	return ret;
}
