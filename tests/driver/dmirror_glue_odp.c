// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_odp.c - mirror glue written the way RDMA's On-Demand Paging
 * is on the newest kernels (drivers/infiniband/core/umem_odp.c and mlx5's
 * odp.c, with <linux/hmm-dma.h>): the address space is mirrored in regions
 * (ODP's implicit MR children), each with an interval notifier of its own
 * and a struct hmm_dma_map, registered on first use.  A fault runs
 * hmm_range_fault() straight into the region's pfn_list, then maps each
 * page for the device with hmm_dma_map_pfn() (a page already mapped keeps
 * its mapping: hmm_range_fault() carries HMM_PFN_DMA_MAPPED over); an
 * invalidation unmaps through hmm_dma_unmap_pfn().  Written against today's
 * API (no HMM_COMPAT_API): on kernels before <linux/hmm-dma.h> the shim
 * supplies the helpers and the encoding they need.
 *
 * The glue counts the mappings it made and unmapped: if hmm_range_fault()
 * lost a DMA_MAPPED bit, a page would be mapped twice and unmapped once,
 * and the count left at release says so (a WARN, which the harness's dmesg
 * scan fails on); the kernel's DMA API debugging (the debug kernel) checks
 * every unmap against a mapping.
 *
 * One difference from umem_odp.c: the faults of a region are serialised
 * (@fault_lock).  Two faults writing the same pfn_list entries at once can
 * lose a DMA_MAPPED bit: hmm_range_fault() rewrites each entry it walks
 * (mm/hmm.c: read, keep the sticky bits, write), and the other fault may
 * set the bit between that read and write, under its driver lock, which
 * hmm_range_fault() does not take.  Upstream the window is a few
 * instructions; a test that could fail on it would fail spuriously.
 * Invalidations still run beside the faults, which is what the sticky bits
 * must survive.
 */
#include <linux/dma-mapping.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <compat/hmm.h>
/* <linux/hmm-dma.h>, as ib_umem_odp.h includes it (compat/hmm.h has it). */
#include <compat/hmm_dma.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"

#ifndef DMIRROR_GLUE_NAME
#define DMIRROR_GLUE_NAME "odp-style (hmm_dma_map)"
#endif
const char *const dmirror_glue_name = DMIRROR_GLUE_NAME;

/* A region: what one notifier and one DMA map cover (a PMD's worth). */
#define DMIRROR_ODP_SHIFT	(PAGE_SHIFT + 9)
#define DMIRROR_ODP_SIZE	BIT(DMIRROR_ODP_SHIFT)
#define DMIRROR_ODP_PAGES	(DMIRROR_ODP_SIZE >> PAGE_SHIFT)

/**
 * struct dmirror_odp - the glue's per-mirror state
 * @dm: the mirror
 * @lock: serialises the creation of regions (the list is only added to
 *	until release)
 * @regions: every region registered, in no order
 * @mapped: DMA mappings made and not yet unmapped
 */
struct dmirror_odp {
	struct dmirror *dm;
	struct mutex lock;	/* serialises region creation */
	struct list_head regions;
	atomic_long_t mapped;
};

/**
 * struct dmirror_odp_region - one registered region (an ODP umem)
 * @notifier: covers [@start, @start + DMIRROR_ODP_SIZE)
 * @map: its pfns and DMA addresses, one entry per page
 * @odp: the glue state
 * @start: first address
 * @fault_lock: serialises the faults and snapshots of the region (see the
 *	top of the file)
 * @node: in @odp->regions
 */
struct dmirror_odp_region {
	struct mmu_interval_notifier notifier;
	struct hmm_dma_map map;
	struct dmirror_odp *odp;
	unsigned long start;
	struct mutex fault_lock;	/* serialises faults of the region */
	struct list_head node;
};

/* Unmap and forget the entries of [start, end); under dm->mutex. */
static void dmirror_odp_unmap(struct dmirror_odp_region *r,
			      unsigned long start, unsigned long end)
{
	struct device *dev = dmirror_dma_device(r->odp->dm);
	unsigned long addr;
	size_t idx;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		idx = (addr - r->start) >> PAGE_SHIFT;
		if (hmm_dma_unmap_pfn(dev, &r->map, idx))
			atomic_long_dec(&r->odp->mapped);
		r->map.pfn_list[idx] &= ~HMM_PFN_FLAGS;
	}
}

/*
 * As mlx5_ib_invalidate_range(): no non-blocking invalidation (the OOM
 * reaper then leaves this mm alone); otherwise, under the lock the fault
 * path installs under, bump the sequence, unmap the pages and clear the
 * device's entries.  The mm's teardown (MMU_NOTIFY_RELEASE) is handled as
 * any other invalidation.
 */
static bool dmirror_odp_invalidate(struct mmu_interval_notifier *mni,
				   const struct mmu_notifier_range *range,
				   unsigned long cur_seq)
{
	struct dmirror_odp_region *r =
		container_of(mni, struct dmirror_odp_region, notifier);
	struct dmirror *dm = r->odp->dm;
	unsigned long start = max(range->start, r->start);
	unsigned long end = min(range->end, r->start + DMIRROR_ODP_SIZE);

	if (!mmu_notifier_range_blockable(range))
		return false;
	dmirror_note_event(dm, range->event);
	mutex_lock(&dm->mutex);
	mmu_interval_set_seq(mni, cur_seq);
	if (start < end) {
		dmirror_odp_unmap(r, start, end);
		dmirror_pt_clear(dm, start, end);
	}
	mutex_unlock(&dm->mutex);
	/* A driver bug on request (the suite's misbehaving_notifier). */
	return !dmirror_fails_blockable(dm, true);
}

static const struct mmu_interval_notifier_ops dmirror_odp_ops = {
	.invalidate = dmirror_odp_invalidate,
};

/* The region holding @addr, registered on first use (ODP's implicit MR). */
static struct dmirror_odp_region *dmirror_odp_region(struct dmirror_odp *odp,
						     unsigned long addr)
{
	unsigned long start = addr & ~(DMIRROR_ODP_SIZE - 1);
	struct dmirror_odp_region *r;
	int ret;

	mutex_lock(&odp->lock);
	list_for_each_entry(r, &odp->regions, node)
		if (r->start == start)
			goto out;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		r = ERR_PTR(-ENOMEM);
		goto out;
	}
	r->odp = odp;
	r->start = start;
	mutex_init(&r->fault_lock);
	ret = hmm_dma_map_alloc(dmirror_dma_device(odp->dm), &r->map,
				DMIRROR_ODP_PAGES, PAGE_SIZE);
	if (ret)
		goto err_free;
	ret = mmu_interval_notifier_insert(&r->notifier, odp->dm->mm, start,
					   DMIRROR_ODP_SIZE, &dmirror_odp_ops);
	if (ret)
		goto err_map;
	list_add(&r->node, &odp->regions);
	goto out;
err_map:
	hmm_dma_map_free(dmirror_dma_device(odp->dm), &r->map);
err_free:
	kfree(r);
	r = ERR_PTR(ret);
out:
	mutex_unlock(&odp->lock);
	return r;
}

int dmirror_glue_open(struct dmirror *dm)
{
	struct dmirror_odp *odp;

	odp = kzalloc(sizeof(*odp), GFP_KERNEL);
	if (!odp)
		return -ENOMEM;
	odp->dm = dm;
	mutex_init(&odp->lock);
	INIT_LIST_HEAD(&odp->regions);
	atomic_long_set(&odp->mapped, 0);
	dm->glue = odp;
	return 0;
}

void dmirror_glue_release(struct dmirror *dm)
{
	struct dmirror_odp *odp = dm->glue;
	struct dmirror_odp_region *r, *next;

	list_for_each_entry_safe(r, next, &odp->regions, node) {
		/* Waits for an invalidation in flight to finish. */
		mmu_interval_notifier_remove(&r->notifier);
		mutex_lock(&dm->mutex);
		dmirror_odp_unmap(r, r->start, r->start + DMIRROR_ODP_SIZE);
		mutex_unlock(&dm->mutex);
		hmm_dma_map_free(dmirror_dma_device(dm), &r->map);
		list_del(&r->node);
		mutex_destroy(&r->fault_lock);
		kfree(r);
	}
	/* Every mapping made was unmapped exactly once. */
	WARN(atomic_long_read(&odp->mapped),
	     "%s: %ld DMA mappings left after unmapping every region (a DMA_MAPPED bit was lost)\n",
	     KBUILD_MODNAME, atomic_long_read(&odp->mapped));
	mutex_destroy(&odp->lock);
	kfree(odp);
}

/*
 * ib_umem_odp_map_dma_and_lock()'s loop over [start, end) of one region:
 * hmm_range_fault() into the region's pfn_list without the driver lock,
 * then under it check the sequence.  Returns with dm->mutex held on
 * success.
 */
static int dmirror_odp_range_fault(struct dmirror_odp_region *r,
				   unsigned long start, unsigned long end,
				   unsigned long flags)
{
	struct dmirror *dm = r->odp->dm;
	struct hmm_range range = {
		.notifier = &r->notifier,
		.start = start,
		.end = end,
		.hmm_pfns = &r->map.pfn_list[(start - r->start) >> PAGE_SHIFT],
		.default_flags = flags,
		.dev_private_owner = dmirror_owner(dm),
	};
	unsigned long timeout =
		jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	int ret;

	for (;;) {
		range.notifier_seq = mmu_interval_read_begin(&r->notifier);
		mmap_read_lock(dm->mm);
		ret = hmm_range_fault(&range);
		mmap_read_unlock(dm->mm);
		if (ret == -EBUSY && !time_after(jiffies, timeout))
			continue;
		if (ret)
			return ret;
		mutex_lock(&dm->mutex);
		if (!mmu_interval_read_retry(&r->notifier, range.notifier_seq))
			return 0;
		mutex_unlock(&dm->mutex);
	}
}

/*
 * populate_mtt(): map each faulted page for the device (a page mapped
 * before keeps its mapping, which hmm_dma_map_pfn() returns) and install
 * it.
 */
static int dmirror_odp_fault_region(struct dmirror_odp_region *r,
				    unsigned long start, unsigned long end,
				    bool write)
{
	struct dmirror *dm = r->odp->dm;
	struct device *dev = dmirror_dma_device(dm);
	struct pci_p2pdma_map_state p2pdma_state = {};
	unsigned long addr, pfn;
	dma_addr_t dma_addr;
	size_t idx;
	int ret;

	ret = dmirror_odp_range_fault(r, start, end, HMM_PFN_REQ_FAULT |
				      (write ? HMM_PFN_REQ_WRITE : 0));
	if (ret)
		return ret;
	for (addr = start; addr < end && !ret; addr += PAGE_SIZE) {
		idx = (addr - r->start) >> PAGE_SHIFT;
		pfn = r->map.pfn_list[idx];
		/* Asked to fault: hmm_range_fault() made every page valid. */
		if (WARN_ON(!(pfn & HMM_PFN_VALID))) {
			ret = -EFAULT;
			break;
		}
		dma_addr = hmm_dma_map_pfn(dev, &r->map, idx, &p2pdma_state);
		if (dma_mapping_error(dev, dma_addr)) {
			ret = -EFAULT;
			break;
		}
		if (!(pfn & HMM_PFN_DMA_MAPPED))
			atomic_long_inc(&r->odp->mapped);
		ret = dmirror_pt_set(dm, addr, hmm_pfn_to_page(pfn),
				     pfn & HMM_PFN_WRITE);
	}
	mutex_unlock(&dm->mutex);
	return ret;
}

/*
 * Run @fn on the part [s, e) of [start, end) in each region, in turn, with
 * the region's faults serialised; stop at the first error.
 */
static int dmirror_odp_walk(struct dmirror *dm, unsigned long start,
			    unsigned long end,
			    int (*fn)(struct dmirror_odp_region *r,
				      unsigned long s, unsigned long e,
				      void *arg),
			    void *arg)
{
	struct dmirror_odp_region *r;
	unsigned long s, e;
	int ret;

	for (s = start; s < end; s = e) {
		r = dmirror_odp_region(dm->glue, s);
		if (IS_ERR(r))
			return PTR_ERR(r);
		e = min(end, r->start + DMIRROR_ODP_SIZE);
		mutex_lock(&r->fault_lock);
		ret = fn(r, s, e, arg);
		mutex_unlock(&r->fault_lock);
		if (ret)
			return ret;
	}
	return 0;
}

static int dmirror_odp_fault_one(struct dmirror_odp_region *r,
				 unsigned long s, unsigned long e, void *write)
{
	return dmirror_odp_fault_region(r, s, e, *(bool *)write);
}

int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write)
{
	return dmirror_odp_walk(dm, start, end, dmirror_odp_fault_one, &write);
}

/* Where a snapshot's bytes go: @perm[0] describes the page at @start. */
struct dmirror_odp_snap {
	unsigned long start;
	u8 *perm;
};

/*
 * ODP's prefetch without fault: what the CPU maps, into the region's
 * pfn_list (the DMA_MAPPED bits of pages mapped before stay), with the
 * map order of huge pages.
 */
static int dmirror_odp_snapshot_one(struct dmirror_odp_region *r,
				    unsigned long s, unsigned long e,
				    void *arg)
{
	struct dmirror_odp_snap *snap = arg;
	struct dmirror *dm = r->odp->dm;
	u8 *perm = snap->perm + ((s - snap->start) >> PAGE_SHIFT);
	unsigned long pfn;
	size_t idx;
	int ret;

	ret = dmirror_odp_range_fault(r, s, e, 0);
	if (ret)
		return ret;
	for (idx = (s - r->start) >> PAGE_SHIFT;
	     idx < (e - r->start) >> PAGE_SHIFT; idx++, perm++) {
		pfn = r->map.pfn_list[idx];
		if (pfn & HMM_PFN_ERROR)
			*perm = HMM_DMIRROR_PROT_ERROR;
		else if (!(pfn & HMM_PFN_VALID))
			*perm = HMM_DMIRROR_PROT_NONE;
		else
			*perm = dmirror_perm(dm, hmm_pfn_to_page(pfn),
					     pfn & HMM_PFN_WRITE,
					     hmm_pfn_to_map_order(pfn));
	}
	mutex_unlock(&dm->mutex);
	return 0;
}

int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm)
{
	struct dmirror_odp_snap snap = { .start = start, .perm = perm };

	return dmirror_odp_walk(dm, start, end, dmirror_odp_snapshot_one,
				&snap);
}
