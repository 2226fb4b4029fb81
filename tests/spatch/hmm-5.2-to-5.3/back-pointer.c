// SPDX-License-Identifier: GPL-2.0
/*
 * The mirror reached through a pointer the driver set (dm->glue = dmg), and
 * the mmap locking API: the helper unlocks the same way.
 */
#define HMM_COMPAT_API 0x050200
#include <compat/hmm.h>

struct dm {
	struct mm_struct *mm;
	void *glue;
};

struct dmg {
	struct hmm_mirror mirror;
	struct dm *dm;
};

int dm_open(struct dm *dm)
{
	struct dmg *dmg = kzalloc(sizeof(*dmg), GFP_KERNEL);

	dm->glue = dmg;
	return hmm_mirror_register(&dmg->mirror, dm->mm);
}

int dm_fault(struct dm *dm, struct hmm_range *range)
{
	int ret;

	mmap_read_lock(dm->mm);
	ret = hmm_vma_fault(range, true);
	if (!ret)
		mmap_read_unlock(dm->mm);
	return ret;
}

int dm_snapshot(struct dm *dm, struct hmm_range *range)
{
	return hmm_range_register(range, dm->mm, range->start, range->end,
				  PAGE_SHIFT);
}
