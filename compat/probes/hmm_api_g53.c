// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_API_G53: the kernel's mirror API is exactly 5.3's: ranges
 * registered by mirror with start, end and page shift,
 * hmm_range_fault(range, bool block) beside hmm_range_snapshot(), callbacks
 * taking struct hmm_update (v5.3 only: the mirror argument came with
 * "mm/hmm: Use hmm_mirror not mm as an argument for hmm_range_register",
 * v5.4 dropped start/end/page_shift in fac555ac93d4).  Where it holds,
 * HMM_COMPAT_API 0x050300 is a passthrough.
 * Distros: RHEL 8.3 and 8.4 (4.18.0-240/-305) carry exactly this API.
 */
#include <linux/bug.h>
#include <linux/hmm.h>

unsigned long hb_probe(const struct hmm_update *update,
		       struct hmm_range *range);
unsigned long hb_probe(const struct hmm_update *update,
		       struct hmm_range *range)
{
	int (*reg)(struct hmm_range *range, struct hmm_mirror *mirror,
		   unsigned long start, unsigned long end,
		   unsigned int page_shift) = NULL;
	long (*fault)(struct hmm_range *range, bool block) = NULL;

	BUILD_BUG_ON(!__same_type(reg, &hmm_range_register));
	BUILD_BUG_ON(!__same_type(fault, &hmm_range_fault));
	return update->end + hmm_range_snapshot(range);
}
