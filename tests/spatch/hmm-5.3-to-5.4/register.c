// SPDX-License-Identifier: GPL-2.0
/* The forms of the 5-argument hmm_range_register() of 5.3. */
int same(struct hmm_mirror *mirror, struct hmm_range *range)
{
	return hmm_range_register(range, mirror, range->start, range->end,
				  PAGE_SHIFT);
}

int local(struct hmm_mirror *mirror, unsigned long start, unsigned long end)
{
	struct hmm_range range = {};
	int ret;

	ret = hmm_range_register(&range, mirror, start, end, PAGE_SHIFT);
	if (ret)
		return ret;
	if (hmm_range_register(&range, mirror, start, end, PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

int pointer(struct hmm_mirror *mirror, struct hmm_range *range,
	    unsigned long start, unsigned long npages)
{
	return hmm_range_register(range, mirror, start,
				  start + npages * PAGE_SIZE, PAGE_SHIFT);
}
