// SPDX-License-Identifier: GPL-2.0
/*
 * A userptr object that pins user pages through a kzalloc'd range filled
 * in field by field, with a positional flags array, and retries while
 * hmm_range_fault() returns 0 (5.7: no page faulted, try again).  5.8
 * returns 0 on success: the retry must not swallow it.
 */
#include <linux/hmm.h>
#include <linux/mmu_notifier.h>
#include <linux/slab.h>
#include <linux/mm.h>

static const uint64_t uptr_flags[HMM_PFN_FLAG_MAX] = {
	1ULL << 0,
	1ULL << 1,
};

static const uint64_t uptr_values[HMM_PFN_VALUE_MAX] = {
	~0ULL - 1,
	0,
	~0ULL - 3,
};

struct uptr {
	struct mmu_interval_notifier notifier;
	unsigned long npages;
	bool readonly;
	struct hmm_range *range;
};

int uptr_get_pages(struct uptr *u, struct page **pages)
{
	struct mm_struct *mm = u->notifier.mm;
	unsigned long timeout, i;
	struct hmm_range *range;
	uint64_t *pfns;
	int r;

	if (!mmget_not_zero(mm))
		return -ESRCH;
	range = kzalloc(sizeof(*range), GFP_KERNEL);
	pfns = kvmalloc_array(u->npages, sizeof(*pfns), GFP_KERNEL);
	if (!range || !pfns) {
		r = -ENOMEM;
		goto out;
	}
	range->notifier = &u->notifier;
	range->flags = uptr_flags;
	range->values = uptr_values;
	range->pfn_shift = PAGE_SHIFT;
	range->start = u->notifier.interval_tree.start;
	range->end = u->notifier.interval_tree.last + 1;
	range->pfns = pfns;
	range->default_flags = range->flags[HMM_PFN_VALID];
	if (!u->readonly)
		range->default_flags |= uptr_flags[HMM_PFN_WRITE];
	timeout = jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
again:
	range->notifier_seq = mmu_interval_read_begin(&u->notifier);
	down_read(&mm->mmap_sem);
	r = hmm_range_fault(range);
	up_read(&mm->mmap_sem);
	if (r <= 0) {
		if ((r == 0 || r == -EBUSY) && !time_after(jiffies, timeout))
			goto again;
		goto out;
	}
	for (i = 0; i < u->npages; i++)
		pages[i] = hmm_device_entry_to_page(range, pfns[i]);
	u->range = range;
	mmput(mm);
	return 0;
out:
	kvfree(pfns);
	kfree(range);
	mmput(mm);
	return r;
}

/* A wrapper whose callers compare its result as a page count. */
static long uptr_fault_once(struct hmm_range *range)
{
	return hmm_range_fault(range);
}

bool uptr_probe(struct uptr *u)
{
	if (hmm_range_fault(u->range) <= 0)
		return false;
	return uptr_fault_once(u->range) > 0;
}
