// SPDX-License-Identifier: GPL-2.0
/*
 * Mirror glue written against the HMM API of Linux 5.2 (generation G3), the
 * way nouveau_svm.c of v5.2 used it: a struct hmm_mirror whose
 * sync_cpu_device_pagetables() callback gets a const struct hmm_update, and
 * a fault path that fills a struct hmm_range (vma, start, end, one request
 * per entry in a driver-defined encoding) and calls hmm_vma_fault(&range,
 * true) under mmap_sem, then hmm_vma_range_done(&range) under the driver's
 * lock, retrying when it says the range was invalidated.  Snapshots use the
 * new 5.2 range API: hmm_range_register(range, mm, ...),
 * hmm_range_wait_until_valid(), hmm_range_snapshot().
 *
 * As 5.2's nouveau Kconfig did (DRM_NOUVEAU_SVM depends on ARCH_HAS_HMM),
 * the glue requires the 5.2 Kconfig symbols: compat/hmm_kconfig.h resolves
 * them on every architecture that can mirror, arm64 included.
 *
 * Built unchanged against compat/hmm.h: through compat/hmm_mirror.c,
 * hmm_mirror53.c and hmm_mirror52.c on today's kernels.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>

#define HMM_COMPAT_API 0x050200
#include <compat/hmm.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"

#if !IS_ENABLED(CONFIG_ARCH_HAS_HMM) || !IS_ENABLED(CONFIG_ARCH_HAS_HMM_MIRROR) || \
	!IS_ENABLED(CONFIG_HMM_MIRROR) || !IS_ENABLED(CONFIG_HMM)
#error "a 5.2 HMM driver needs ARCH_HAS_HMM, ARCH_HAS_HMM_MIRROR, HMM and HMM_MIRROR"
#endif

const char *const dmirror_glue_name = "g52";

/* The device's pfn encoding, as a 5.2 driver defined it for HMM. */
#define DMIRROR_G52_PFN_SHIFT	8

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

struct dmirror_g52 {
	struct hmm_mirror mirror;
	struct dmirror *dm;
};

/*
 * The CPU page table is about to change in [update->start, update->end):
 * drop the device's entries for it, under the mutex the fault path holds
 * while it checks hmm_range_valid() and installs entries.
 */
static int dmirror_g52_sync(struct hmm_mirror *mirror,
			    const struct hmm_update *update)
{
	struct dmirror_g52 *dmg = container_of(mirror, struct dmirror_g52,
					       mirror);
	struct dmirror *dm = dmg->dm;

	if (update->blockable)
		mutex_lock(&dm->mutex);
	else if (!mutex_trylock(&dm->mutex))
		return -EAGAIN;
	dmirror_pt_clear(dm, update->start, update->end);
	mutex_unlock(&dm->mutex);
	return 0;
}

/* The mm is going away: the device must not touch any of it any more. */
static void dmirror_g52_release(struct hmm_mirror *mirror)
{
	struct dmirror_g52 *dmg = container_of(mirror, struct dmirror_g52,
					       mirror);
	struct dmirror *dm = dmg->dm;

	mutex_lock(&dm->mutex);
	dmirror_pt_clear(dm, 0, ULONG_MAX);
	mutex_unlock(&dm->mutex);
}

static const struct hmm_mirror_ops dmirror_g52_mirror_ops = {
	.release			= dmirror_g52_release,
	.sync_cpu_device_pagetables	= dmirror_g52_sync,
};

int dmirror_glue_open(struct dmirror *dm)
{
	struct dmirror_g52 *dmg;
	int ret;

	dmg = kzalloc(sizeof(*dmg), GFP_KERNEL);
	if (!dmg)
		return -ENOMEM;
	dmg->dm = dm;
	dmg->mirror.ops = &dmirror_g52_mirror_ops;

	/*
	 * 5.2's hmm_mirror_register() wants mmap_sem held for write.  A 5.2
	 * driver wrote down_write(&mm->mmap_sem), which no longer compiles
	 * since 5.8; the mmap locking API is used instead (5.2 kernels lack
	 * it: the compat layer provides it there).
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
	struct dmirror_g52 *dmg = dm->glue;

	/* No sync_cpu_device_pagetables() runs after this returns. */
	hmm_mirror_unregister(&dmg->mirror);
	kfree(dmg);
}

/*
 * A snapshot with 5.2's new range API: wait until the range is valid,
 * hmm_range_snapshot() under mmap_sem, then under the driver lock check
 * that no invalidation hit the range before using the result.  Returns
 * with dm->mutex held on success, each page's mapping order in @order.
 */
static int dmirror_g52_range_snapshot(struct dmirror *dm,
				      struct hmm_range *range, u8 *order)
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
		/* 5.2: down_read(&dm->mm->mmap_sem); see dmirror_glue_open() */
		mmap_read_lock(dm->mm);
		ret = hmm_range_snapshot(range);
		if (ret >= 0) {
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
	}
}

/*
 * The 5.2 fault path (nouveau_svm_fault() of 5.2): one request per entry,
 * hmm_vma_fault() under mmap_sem, which drops mmap_sem when the range was
 * invalidated (-EBUSY) or never became valid (-EAGAIN); then
 * hmm_vma_range_done() under the driver's lock decides whether the result
 * may be used.
 */
int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write)
{
	unsigned long timeout =
		jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	u64 req = dmirror_hmm_flags[HMM_PFN_VALID] |
		  (write ? dmirror_hmm_flags[HMM_PFN_WRITE] : 0);
	u64 pfns[DMIRROR_CHUNK_PAGES];
	struct hmm_range range = {
		.start = start,
		.end = end,
		.pfns = pfns,
		.flags = dmirror_hmm_flags,
		.values = dmirror_hmm_values,
		.pfn_shift = DMIRROR_G52_PFN_SHIFT,
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	/* 5.2: down_read(&mm->mmap_sem); see dmirror_glue_open() */
	mmap_read_lock(dm->mm);
	for (;;) {
		if (time_after(jiffies, timeout)) {
			ret = -EBUSY;
			break;
		}
		range.vma = find_vma(dm->mm, start);
		if (!range.vma || range.vma->vm_start > start) {
			ret = -EFAULT;
			break;
		}
		for (i = 0; i < n; i++)
			pfns[i] = req;
		ret = hmm_vma_fault(&range, true);
		if (ret == -EBUSY || ret == -EAGAIN) {
			/* mmap_sem was dropped: take it again and retry. */
			mmap_read_lock(dm->mm);
			continue;
		}
		if (ret)
			break;
		mutex_lock(&dm->mutex);
		if (!hmm_vma_range_done(&range)) {
			mutex_unlock(&dm->mutex);
			continue;
		}
		for (i = 0; i < n && !ret; i++) {
			/* Every entry is valid: the fault was requested for all. */
			ret = dmirror_pt_set(dm, start + (i << PAGE_SHIFT),
					     hmm_pfn_to_page(&range, pfns[i]),
					     pfns[i] & dmirror_hmm_flags[HMM_PFN_WRITE]);
		}
		mutex_unlock(&dm->mutex);
		break;
	}
	mmap_read_unlock(dm->mm);
	return ret;
}

int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm)
{
	u64 pfns[DMIRROR_CHUNK_PAGES];
	u8 order[DMIRROR_CHUNK_PAGES];
	struct hmm_range range = {
		.pfns = pfns,
		.flags = dmirror_hmm_flags,
		.values = dmirror_hmm_values,
		.pfn_shift = DMIRROR_G52_PFN_SHIFT,
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	/* 5.2: ranges are registered on the mm (the mirror is registered). */
	ret = hmm_range_register(&range, dm->mm, start, end, PAGE_SHIFT);
	if (ret)
		return ret;
	ret = dmirror_g52_range_snapshot(dm, &range, order);
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
