// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_API_G57: the kernel's hmm_range_fault() is exactly 5.7's:
 * long hmm_range_fault(range) on driver-encoded pfns/flags/values, with
 * dev_private_owner (6bfef2f91945 in v5.7; v5.8's 2733ea144dcc replaced
 * the encoding with hmm_pfns).  Where it holds, HMM_COMPAT_API 0x050700 is
 * a passthrough.
 * Distros: none known (RHEL 8.5 went from 5.3's API to 5.8's).
 */
#include <linux/bug.h>
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

int hb_probe(struct hmm_range *range);
int hb_probe(struct hmm_range *range)
{
	long (*fault)(struct hmm_range *range) = NULL;

	BUILD_BUG_ON(!__same_type(fault, &hmm_range_fault));
	range->dev_private_owner = NULL;
	return range->pfn_shift + (int)range->values[HMM_PFN_ERROR];
}
