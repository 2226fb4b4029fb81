// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_RANGE_FAULT_1ARG: hmm_range_fault() takes the range only.
 * v5.7, 6bfef2f91945 "mm/hmm: remove HMM_FAULT_SNAPSHOT".
 * Distros: RHEL 8.5+ (with hmm_pfns), RHEL 9.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

long hb_probe(struct hmm_range *range);
long hb_probe(struct hmm_range *range)
{
	return hmm_range_fault(range);
}
