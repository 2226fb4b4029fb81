// SPDX-License-Identifier: GPL-2.0
/* What the step must not rewrite. */
static int sync(struct hmm_mirror *mirror, const struct hmm_update *update)
{
	if (update->event != HMM_UPDATE_INVALIDATE)
		return 0;
	return 0;
}

int huge(struct hmm_mirror *mirror, struct hmm_range *range)
{
	return hmm_range_register(range, mirror, range->start, range->end,
				  PMD_SHIFT);
}

struct mm_struct *mm_of(struct hmm_range *range)
{
	return range->vma->vm_mm;
}
