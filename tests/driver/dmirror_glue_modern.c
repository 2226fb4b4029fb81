// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_modern.c - mirror glue written against today's HMM API
 * (v5.8 and later): one mmu_interval_notifier over the whole address space
 * keeps the device page table coherent, hmm_range_fault() with unsigned long
 * hmm_pfns fills it.  This is how lib/test_hmm.c, nouveau and RDMA ODP do it.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <compat/hmm.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"

#ifndef DMIRROR_GLUE_NAME
#ifdef HB_FORCE_EMUL
/* Built by dmirror_glue_emul.c on the compat layer's own implementation. */
#define DMIRROR_GLUE_NAME "modern, forced compat emulation"
#else
#define DMIRROR_GLUE_NAME "modern"
#endif
#endif
const char *const dmirror_glue_name = DMIRROR_GLUE_NAME;

struct dmirror_modern {
	struct mmu_interval_notifier notifier;
	struct dmirror *dm;
};

/* A temporary notifier that only tracks one snapshot window. */
struct dmirror_modern_window {
	struct mmu_interval_notifier notifier;
	struct dmirror *dm;
};

static bool dmirror_modern_lock(struct dmirror *dm,
				const struct mmu_notifier_range *range)
{
	if (mmu_notifier_range_blockable(range)) {
		mutex_lock(&dm->mutex);
		return true;
	}
	return mutex_trylock(&dm->mutex);
}

/*
 * Called before the CPU page table changes in the mirrored range: bump the
 * sequence (so a fault racing with us retries) and drop the device's
 * entries, under the mutex the fault path holds while installing entries.
 */
static bool dmirror_modern_invalidate(struct mmu_interval_notifier *mni,
				      const struct mmu_notifier_range *range,
				      unsigned long cur_seq)
{
	struct dmirror_modern *dmm =
		container_of(mni, struct dmirror_modern, notifier);

	dmirror_note_event(dmm->dm, range->event);
#ifdef DMIRROR_SKIP_RELEASE
	/*
	 * As amdkfd's SVM and NVIDIA's uvm_hmm.c do: nothing on the mm's
	 * teardown; exit_mmap()'s MMU_NOTIFY_UNMAP that follows it reaches
	 * the (still inserted) notifier and clears the device's entries.
	 */
	if (range->event == MMU_NOTIFY_RELEASE)
		return true;
#endif
	if (!dmirror_modern_lock(dmm->dm, range))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	dmirror_pt_clear(dmm->dm, range->start, range->end);
	mutex_unlock(&dmm->dm->mutex);
	/* A driver bug on request (the suite's misbehaving_notifier). */
	return !dmirror_fails_blockable(dmm->dm,
					mmu_notifier_range_blockable(range));
}

static const struct mmu_interval_notifier_ops dmirror_modern_ops = {
	.invalidate = dmirror_modern_invalidate,
};

int dmirror_glue_open(struct dmirror *dm)
{
	struct dmirror_modern *dmm;
	int ret;

	dmm = kzalloc(sizeof(*dmm), GFP_KERNEL);
	if (!dmm)
		return -ENOMEM;
	dmm->dm = dm;
	ret = mmu_interval_notifier_insert(&dmm->notifier, dm->mm, 0,
					   ULONG_MAX & PAGE_MASK,
					   &dmirror_modern_ops);
	if (ret) {
		kfree(dmm);
		return ret;
	}
	dm->glue = dmm;
	return 0;
}

void dmirror_glue_release(struct dmirror *dm)
{
	struct dmirror_modern *dmm = dm->glue;

	/* Waits for an invalidation in flight to finish. */
	mmu_interval_notifier_remove(&dmm->notifier);
	kfree(dmm);
}

/*
 * The retry loop every hmm_range_fault() user has: take the sequence, fault
 * without the driver lock, then under the driver lock check that no
 * invalidation ran in between before using the result.  Returns with
 * dm->mutex held on success.
 */
static int dmirror_modern_range_fault(struct dmirror *dm,
				      struct hmm_range *range)
{
	unsigned long timeout =
		jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	int ret;

	for (;;) {
		if (time_after(jiffies, timeout))
			return -EBUSY;
		range->notifier_seq = mmu_interval_read_begin(range->notifier);
		mmap_read_lock(dm->mm);
		ret = hmm_range_fault(range);
		mmap_read_unlock(dm->mm);
		if (ret == -EBUSY)
			continue;
		if (ret)
			return ret;
		mutex_lock(&dm->mutex);
		if (!mmu_interval_read_retry(range->notifier,
					     range->notifier_seq))
			return 0;
		mutex_unlock(&dm->mutex);
	}
}

int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write)
{
	struct dmirror_modern *dmm = dm->glue;
	unsigned long pfns[DMIRROR_CHUNK_PAGES];
	struct hmm_range range = {
		.notifier = &dmm->notifier,
		.start = start,
		.end = end,
		.hmm_pfns = pfns,
		.default_flags = HMM_PFN_REQ_FAULT |
				 (write ? HMM_PFN_REQ_WRITE : 0),
		.dev_private_owner = dmirror_owner(dm),
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;
#ifdef DMIRROR_GLUE_DMA
	/* The moderndma glue of make bench (tests/bench/) maps each fault. */
	dma_addr_t *daddrs = dmirror_glue_dma_alloc();

	if (!daddrs)
		return -ENOMEM;
#endif

	ret = dmirror_modern_range_fault(dm, &range);
#ifdef DMIRROR_GLUE_DMA
	if (!ret) {
		ret = dmirror_glue_dma_map(dm, pfns, n, daddrs);
		if (ret)
			mutex_unlock(&dm->mutex);
	}
	if (ret) {
		kfree(daddrs);
		return ret;
	}
#else
	if (ret)
		return ret;
#endif
	for (i = 0; i < n && !ret; i++) {
		/* Every entry is valid: the fault was requested for all. */
		ret = dmirror_pt_set(dm, start + (i << PAGE_SHIFT),
				     hmm_pfn_to_page(pfns[i]),
				     pfns[i] & HMM_PFN_WRITE);
	}
	mutex_unlock(&dm->mutex);
#ifdef DMIRROR_GLUE_DMA
	dmirror_glue_dma_unmap(dm, pfns, n, daddrs, write);
	kfree(daddrs);
#endif
	return ret;
}

static bool dmirror_modern_window_invalidate(struct mmu_interval_notifier *mni,
					     const struct mmu_notifier_range *range,
					     unsigned long cur_seq)
{
	struct dmirror_modern_window *w =
		container_of(mni, struct dmirror_modern_window, notifier);

	/* Any invalidation in the window voids the whole snapshot. */
	if (!dmirror_modern_lock(w->dm, range))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	mutex_unlock(&w->dm->mutex);
	return true;
}

static const struct mmu_interval_notifier_ops dmirror_modern_window_ops = {
	.invalidate = dmirror_modern_window_invalidate,
};

int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm)
{
	struct dmirror_modern_window w = { .dm = dm };
	unsigned long pfns[DMIRROR_CHUNK_PAGES];
	struct hmm_range range = {
		.notifier = &w.notifier,
		.start = start,
		.end = end,
		.hmm_pfns = pfns,
		.dev_private_owner = dmirror_owner(dm),
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	/*
	 * A notifier of its own, so the snapshot sees invalidations that the
	 * mirror's notifier would too, without touching the device's entries.
	 */
	ret = mmu_interval_notifier_insert(&w.notifier, dm->mm, start,
					   end - start,
					   &dmirror_modern_window_ops);
	if (ret)
		return ret;
	ret = dmirror_modern_range_fault(dm, &range);
	if (!ret) {
		for (i = 0; i < n; i++) {
			unsigned long e = pfns[i];

			if (e & HMM_PFN_ERROR)
				perm[i] = HMM_DMIRROR_PROT_ERROR;
			else if (!(e & HMM_PFN_VALID))
				perm[i] = HMM_DMIRROR_PROT_NONE;
			else
				perm[i] = dmirror_perm(dm, hmm_pfn_to_page(e),
						       e & HMM_PFN_WRITE,
						       hmm_pfn_to_map_order(e));
		}
		mutex_unlock(&dm->mutex);
	}
	mmu_interval_notifier_remove(&w.notifier);
	return ret;
}
