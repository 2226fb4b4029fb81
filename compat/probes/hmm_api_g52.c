// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_API_G52: the kernel's mirror API is exactly 5.2's: ranges
 * registered by mm with a page shift, hmm_range_fault(range, bool block),
 * the transitional hmm_vma_fault(range, block), callbacks taking struct
 * hmm_update (v5.2 only; a3e0d41c2b1f .. "mm/hmm: Use hmm_mirror not mm as
 * an argument for hmm_range_register" in v5.3).  Where it holds,
 * HMM_COMPAT_API 0x050200 is a passthrough.
 * Distros: none known carries exactly 5.2's API (RHEL 8.1 has the 4.17-4.19
 * form, RHEL 8.3/8.4 5.3's).
 */
#include <linux/bug.h>
#include <linux/hmm.h>

int hb_probe(const struct hmm_update *update, struct hmm_range *range);
int hb_probe(const struct hmm_update *update, struct hmm_range *range)
{
	int (*reg)(struct hmm_range *range, struct mm_struct *mm,
		   unsigned long start, unsigned long end,
		   unsigned int page_shift) = NULL;
	long (*fault)(struct hmm_range *range, bool block) = NULL;

	BUILD_BUG_ON(!__same_type(reg, &hmm_range_register));
	BUILD_BUG_ON(!__same_type(fault, &hmm_range_fault));
	return hmm_vma_fault(range, update->blockable);
}
