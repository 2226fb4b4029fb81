// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_API_G55: the kernel's hmm_range_fault() is exactly 5.5's and
 * 5.6's: struct hmm_range keyed by an mmu_interval_notifier with the
 * driver-encoded pfns/flags/values, long hmm_range_fault(range, flags)
 * (04ec32fbc2b2 in v5.5; the flags went in v5.7 with 6bfef2f91945).
 * Where it holds, HMM_COMPAT_API 0x050500 is a passthrough.
 * Distros: none known.
 */
#include <linux/bug.h>
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

int hb_probe(struct hmm_range *range, struct mmu_interval_notifier *mni);
int hb_probe(struct hmm_range *range, struct mmu_interval_notifier *mni)
{
	long (*fault)(struct hmm_range *range, unsigned int flags) = NULL;

	BUILD_BUG_ON(!__same_type(fault, &hmm_range_fault));
	range->notifier = mni;
	return range->pfn_shift + (int)range->values[HMM_PFN_ERROR];
}
