// SPDX-License-Identifier: GPL-2.0
/*
 * What the step must not rewrite: no mirror in reach, a non-blocking
 * hmm_vma_fault(), hmm_mirror_mm_is_alive() (no 5.3 replacement).
 */
struct bar {
	struct hmm_mirror mirror;
};

int no_mirror(struct mm_struct *mm, struct hmm_range *range)
{
	return hmm_range_register(range, mm, range->start, range->end,
				  PAGE_SHIFT);
}

int non_blocking(struct bar *b, struct hmm_range *range)
{
	if (!hmm_mirror_mm_is_alive(&b->mirror))
		return -EFAULT;
	return hmm_vma_fault(range, false);
}
