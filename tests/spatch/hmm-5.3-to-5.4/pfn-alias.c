// SPDX-License-Identifier: GPL-2.0
/* The hmm_pfn_* aliases of hmm_device_entry_* went in 5.4. */
struct page *p(struct hmm_range *range, u64 e)
{
	if (hmm_pfn_to_pfn(range, e) == -1UL)
		return NULL;
	return hmm_pfn_to_page(range, e);
}
