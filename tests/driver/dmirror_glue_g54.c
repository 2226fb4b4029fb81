// SPDX-License-Identifier: GPL-2.0
/*
 * Mirror glue written against the HMM API of Linux 5.4
 * (generation G5), the way amdgpu_mn.c/amdgpu_ttm.c and nouveau_svm.c of
 * v5.4 used it: a struct hmm_mirror registered on the mm whose
 * sync_cpu_device_pagetables() callback keeps the device page table
 * coherent, and a struct hmm_range with a driver-defined pfn encoding
 * (flags[]/values[]/pfn_shift) that is registered, waited on until valid,
 * faulted with hmm_range_fault(range, flags) under mmap_sem, and checked
 * with hmm_range_valid() under the driver's lock before use.
 *
 * Built unchanged against compat/hmm.h: natively on a 5.4 kernel, through
 * compat/hmm_mirror.c on today's kernels.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>

#define HMM_COMPAT_API 0x050400
#include <compat/hmm.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"

const char *const dmirror_glue_name = "g54";

/* The device's pfn encoding, as a 5.4 driver defined it for HMM. */
#define DMIRROR_G54_PFN_SHIFT	8

static const u64 dmirror_hmm_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID]		 = 1ULL << 0,
	[HMM_PFN_WRITE]		 = 1ULL << 1,
	[HMM_PFN_DEVICE_PRIVATE] = 1ULL << 2,
};

static const u64 dmirror_hmm_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR]		 = 0xfffffffffffffffeULL,
	[HMM_PFN_NONE]		 = 0,
	[HMM_PFN_SPECIAL]	 = 0xfffffffffffffffcULL,
};

struct dmirror_g54 {
	struct hmm_mirror mirror;
	struct dmirror *dm;
};

/*
 * The CPU page table is about to change in [update->start, update->end):
 * drop the device's entries for it, under the mutex the fault path holds
 * while it checks hmm_range_valid() and installs entries.
 */
static int dmirror_g54_sync(struct hmm_mirror *mirror,
			    const struct mmu_notifier_range *update)
{
	struct dmirror_g54 *dmg = container_of(mirror, struct dmirror_g54,
					       mirror);
	struct dmirror *dm = dmg->dm;

	if (mmu_notifier_range_blockable(update))
		mutex_lock(&dm->mutex);
	else if (!mutex_trylock(&dm->mutex))
		return -EAGAIN;
	dmirror_pt_clear(dm, update->start, update->end);
	mutex_unlock(&dm->mutex);
	return 0;
}

/* The mm is going away: the device must not touch any of it any more. */
static void dmirror_g54_release(struct hmm_mirror *mirror)
{
	struct dmirror_g54 *dmg = container_of(mirror, struct dmirror_g54,
					       mirror);
	struct dmirror *dm = dmg->dm;

	mutex_lock(&dm->mutex);
	dmirror_pt_clear(dm, 0, ULONG_MAX);
	mutex_unlock(&dm->mutex);
}

static const struct hmm_mirror_ops dmirror_g54_mirror_ops = {
	.release			= dmirror_g54_release,
	.sync_cpu_device_pagetables	= dmirror_g54_sync,
};

int dmirror_glue_open(struct dmirror *dm)
{
	struct dmirror_g54 *dmg;
	int ret;

	dmg = kzalloc(sizeof(*dmg), GFP_KERNEL);
	if (!dmg)
		return -ENOMEM;
	dmg->dm = dm;
	dmg->mirror.ops = &dmirror_g54_mirror_ops;

	/*
	 * 5.4's hmm_mirror_register() wants mmap_sem held for write.  A 5.4
	 * driver wrote down_write(&mm->mmap_sem), which no longer compiles
	 * since 5.8; the mmap locking API is used instead (5.4 kernels lack
	 * it: the compat layer is to provide it there).
	 */
	mmap_write_lock(dm->mm);
	ret = hmm_mirror_register(&dmg->mirror, dm->mm);
	mmap_write_unlock(dm->mm);
	if (ret) {
		kfree(dmg);
		return ret;
	}
	dm->glue = dmg;
	return 0;
}

void dmirror_glue_release(struct dmirror *dm)
{
	struct dmirror_g54 *dmg = dm->glue;

	/* No sync_cpu_device_pagetables() runs after this returns. */
	hmm_mirror_unregister(&dmg->mirror);
	kfree(dmg);
}

/*
 * The 5.4 retry loop: wait until the range is valid, fault under mmap_sem,
 * then under the driver lock check that no invalidation hit the range
 * before using the result.  Returns with dm->mutex held on success.  With
 * @order, also records each page's mapping order (snapshot).  With
 * @daddrs, faults through hmm_range_dma_map() instead, as a device driver
 * that DMAs to the pages would; the caller then unmaps.
 */
static int dmirror_g54_range_fault(struct dmirror *dm, struct hmm_range *range,
				   unsigned int flags, u8 *order,
				   dma_addr_t *daddrs)
{
	unsigned long timeout =
		jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	unsigned long i, n = (range->end - range->start) >> PAGE_SHIFT;
	long ret;

	for (;;) {
		if (time_after(jiffies, timeout))
			return -EBUSY;
		if (!hmm_range_wait_until_valid(range,
						HMM_RANGE_DEFAULT_TIMEOUT))
			continue;
		dmirror_pause_point(dm);
		/* 5.4: down_read(&dm->mm->mmap_sem); see dmirror_glue_open() */
		mmap_read_lock(dm->mm);
		if (daddrs)
			ret = hmm_range_dma_map(range, dmirror_dma_device(dm),
						daddrs, flags);
		else
			ret = hmm_range_fault(range, flags);
		if (ret >= 0 && order) {
			struct vm_area_struct *vma = NULL;
			unsigned long addr = range->start;

			for (i = 0; i < n; i++, addr += PAGE_SIZE)
				order[i] = dmirror_vma_order(dm, &vma, addr);
		}
		mmap_read_unlock(dm->mm);
		if (ret == -EBUSY)
			dmirror_count_busy(dm);
		if (ret == -EBUSY || ret == -EAGAIN)
			continue;
		if (ret < 0)
			return ret;
		mutex_lock(&dm->mutex);
		if (hmm_range_valid(range))
			return 0;
		mutex_unlock(&dm->mutex);
		if (daddrs)
			hmm_range_dma_unmap(range, dmirror_dma_device(dm),
					    daddrs, false);
	}
}

int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write)
{
	struct dmirror_g54 *dmg = dm->glue;
	u64 pfns[DMIRROR_CHUNK_PAGES];
	/* On the heap: both arrays would not fit a 1024-byte stack frame. */
	dma_addr_t *daddrs;
	struct hmm_range range = {
		.start = start,
		.end = end,
		.pfns = pfns,
		.flags = dmirror_hmm_flags,
		.values = dmirror_hmm_values,
		.pfn_shift = DMIRROR_G54_PFN_SHIFT,
		.default_flags = dmirror_hmm_flags[HMM_PFN_VALID] |
				 (write ? dmirror_hmm_flags[HMM_PFN_WRITE] : 0),
		.pfn_flags_mask = 0,
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	daddrs = kmalloc_array(DMIRROR_CHUNK_PAGES, sizeof(*daddrs),
			       GFP_KERNEL);
	if (!daddrs)
		return -ENOMEM;
	ret = hmm_range_register(&range, &dmg->mirror);
	if (ret)
		goto out_free;
	ret = dmirror_g54_range_fault(dm, &range, 0, NULL, daddrs);
	if (!ret) {
		for (i = 0; i < n && !ret; i++) {
			/* Every entry is valid: the fault was requested for all. */
			WARN_ON_ONCE(!daddrs[i]);
			ret = dmirror_pt_set(dm, start + (i << PAGE_SHIFT),
					     hmm_device_entry_to_page(&range, pfns[i]),
					     pfns[i] & dmirror_hmm_flags[HMM_PFN_WRITE]);
		}
		mutex_unlock(&dm->mutex);
		/* Every page was mapped, so every page is unmapped. */
		WARN_ON_ONCE(hmm_range_dma_unmap(&range, dmirror_dma_device(dm),
						 daddrs, write) != n);
	}
	/* Not under dm->mutex: it may drop the last reference to the mm. */
	hmm_range_unregister(&range);
out_free:
	kfree(daddrs);
	return ret;
}

int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm)
{
	struct dmirror_g54 *dmg = dm->glue;
	u64 pfns[DMIRROR_CHUNK_PAGES];
	u8 order[DMIRROR_CHUNK_PAGES];
	struct hmm_range range = {
		.start = start,
		.end = end,
		.pfns = pfns,
		.flags = dmirror_hmm_flags,
		.values = dmirror_hmm_values,
		.pfn_shift = DMIRROR_G54_PFN_SHIFT,
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	ret = hmm_range_register(&range, &dmg->mirror);
	if (ret)
		return ret;
	ret = dmirror_g54_range_fault(dm, &range, HMM_FAULT_SNAPSHOT, order,
				      NULL);
	if (!ret) {
		for (i = 0; i < n; i++) {
			u64 e = pfns[i];
			struct page *page = hmm_device_entry_to_page(&range, e);

			if (e == dmirror_hmm_values[HMM_PFN_ERROR])
				perm[i] = HMM_DMIRROR_PROT_ERROR;
			else if (!page)
				perm[i] = HMM_DMIRROR_PROT_NONE;
			else
				perm[i] = dmirror_perm(dm, page,
						       e & dmirror_hmm_flags[HMM_PFN_WRITE],
						       order[i]);
		}
		mutex_unlock(&dm->mutex);
	}
	hmm_range_unregister(&range);
	return ret;
}
