// SPDX-License-Identifier: GPL-2.0
/* 5.2: hmm_range_register() by mm; the container is a parameter. */
struct foo {
	struct mm_struct *mm;
	struct hmm_mirror mirror;
};

int foo_snapshot(struct foo *f, struct hmm_range *range,
		 unsigned long start, unsigned long end)
{
	int ret;

	ret = hmm_range_register(range, f->mm, start, end, PAGE_SHIFT);
	if (ret)
		return ret;
	return hmm_range_snapshot(range);
}
