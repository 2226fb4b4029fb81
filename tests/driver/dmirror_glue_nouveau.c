// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_nouveau.c - mirror glue written against today's HMM API
 * (v5.8 and later) the way nouveau's SVM (drivers/gpu/drm/nouveau/
 * nouveau_svm.c) keeps a GPU's page table coherent:
 *
 *  - a plain, long-lived mmu_notifier on the mm (nouveau's svmm notifier):
 *    its invalidate_range_start takes the driver lock and clears the
 *    device's entries of [start, end), ignoring an MMU_NOTIFY_MIGRATE that
 *    its own device caused (where the range has an owner);
 *  - for every fault, a fresh mmu_interval_notifier over just the fault
 *    window, inserted before hmm_range_fault() and removed once the
 *    device's entries are installed (nouveau_range_fault()); its
 *    invalidate only takes the lock and bumps the sequence, and ignores
 *    an MMU_NOTIFY_EXCLUSIVE of its own device (where the kernel has it).
 *
 * So this glue drives what the others do not: on kernels where the shim
 * emulates the interval notifier (v4.19 .. v5.4, and HB_FORCE_EMUL: the
 * nouveauemul glue), the shim's per-mm subscription is registered by the
 * first insert and unregistered by the last remove, on every fault; and a
 * plain notifier of the driver lives beside it on the same mm.
 *
 * Like nouveau, the fault path relies on the kernel calling the interval
 * notifiers of an invalidation before the plain ones: the window's
 * sequence is bumped before the plain notifier clears the entries, so an
 * install under the lock either precedes the clear or sees the retry.
 * The kernel walks its interval tree first (mm/mmu_notifier.c); the shim's
 * emulation is itself a plain notifier, registered by the fault (after
 * this glue's, at open) and so called before it (the kernel calls the
 * newest registration first).
 *
 * The plain notifier's lifetime is nouveau's (v5.5+): registered with
 * __mmu_notifier_register() under the mmap lock, which hands the svmm to
 * the notifier; at close the svmm is detached from the device under its
 * own mutex and dropped with mmu_notifier_put(), which frees it through
 * .free_notifier once no callback can still run; the module's exit waits
 * for that (mmu_notifier_synchronize(), in dmirror_core.c).  On v4.19 ..
 * v5.3 that is the shim's get/put (compat/mmu_notifier_get.c).
 *
 * Differences from upstream nouveau: no device memory, so no migration and
 * no device-exclusive access of its own (the owner checks are kept, as
 * nouveau writes them); a fault is one request, not a batch from a fault
 * buffer; and it has a .release that clears the whole device page table on
 * the mm's teardown (nouveau has none: its channel dies with the file),
 * because the kernel unhooks a plain notifier at the release and
 * exit_mmap()'s unmap never reaches it (the suite's exit_forked_holder).
 */
/*
 * The shim first: on v5.9 .. v5.13 it names the range's
 * migrate_pgmap_owner owner as the kernel's <linux/mmu_notifier.h> is read
 * (compat/mmu_notifier_owner.h).
 */
#include <compat/hmm.h>
#include <compat/mmap_lock.h>
#include <compat/mmu_notifier_range.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"

#ifndef CONFIG_MMU_NOTIFIER
#error "the nouveau-style glue registers an mmu_notifier: needs CONFIG_MMU_NOTIFIER"
#endif

#ifndef DMIRROR_GLUE_NAME
#define DMIRROR_GLUE_NAME "nouveau-style (plain notifier + per-fault interval notifier)"
#endif
const char *const dmirror_glue_name = DMIRROR_GLUE_NAME;

/* nouveau's struct nouveau_svmm: the mirror of one mm. */
struct dmirror_svmm {
	struct mmu_notifier notifier;
	struct mutex mutex;	/* nouveau's svmm->mutex: guards dm */
	struct dmirror *dm;	/* NULL once the file is closed (svmm->vmm) */
};

/* nouveau's struct svm_notifier: one fault (or snapshot) window. */
struct dmirror_svm_notifier {
	struct mmu_interval_notifier notifier;
	struct dmirror *dm;
};

/* ---- the plain notifier: device-table coherence ------------------------- */

/*
 * invalidate_range_start() in the form this kernel's mmu_notifier_ops has
 * (the probes of dmirror_core.c's foreign notifier): v5.0+ (RHEL 8.6+ with
 * RH_MMU_NOTIFIER_V2) pass a struct mmu_notifier_range; v4.19 passes
 * start, end and blockable; v4.18 (RHEL 8) start and end, and calls it
 * only where it may sleep.  The two older forms carry no event: every call
 * clears [start, end).
 */
static int dmirror_svmm_clear(struct dmirror_svmm *svmm, unsigned long start,
			      unsigned long limit, bool blockable)
{
	/* As nouveau: never wait for the lock where the caller cannot. */
	if (!blockable)
		return -EAGAIN;
	mutex_lock(&svmm->mutex);
	/* Closed: the put's free waits for this callback, nothing else. */
	if (svmm->dm) {
		mutex_lock(&svmm->dm->mutex);
		dmirror_pt_clear(svmm->dm, start, limit);
		mutex_unlock(&svmm->dm->mutex);
	}
	mutex_unlock(&svmm->mutex);
	return 0;
}

#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE)
static int dmirror_svmm_invalidate_range_start(struct mmu_notifier *mn,
					       const struct mmu_notifier_range *update)
{
	struct dmirror_svmm *svmm =
		container_of(mn, struct dmirror_svmm, notifier);

#ifdef HB_MMU_NOTIFIER_RANGE_OWNER
	/*
	 * A migration of this device's own pages is handled by the migration
	 * itself (nouveau_dmem): this driver has none, so never true here.
	 */
	if (update->event == MMU_NOTIFY_MIGRATE &&
	    update->owner == dmirror_owner(svmm->dm))
		return 0;
#endif
	return dmirror_svmm_clear(svmm, update->start, update->end,
				  mmu_notifier_range_blockable(update));
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
static int dmirror_svmm_invalidate_range_start(struct mmu_notifier *mn,
					       struct mm_struct *mm,
					       unsigned long start,
					       unsigned long end,
					       bool blockable)
{
	return dmirror_svmm_clear(container_of(mn, struct dmirror_svmm,
					       notifier),
				  start, end, blockable);
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_VOID)
static void dmirror_svmm_invalidate_range_start(struct mmu_notifier *mn,
						struct mm_struct *mm,
						unsigned long start,
						unsigned long end)
{
	dmirror_svmm_clear(container_of(mn, struct dmirror_svmm, notifier),
			   start, end, true);
}
#else
#error "unknown mmu_notifier_ops.invalidate_range_start (compat/probes/mmu_notifier_ops_*.c)"
#endif

/*
 * The mm is torn down: the kernel unhooks this notifier after the call, so
 * the unmap of exit_mmap() that follows never reaches it.  Not in nouveau.
 */
static void dmirror_svmm_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct dmirror_svmm *svmm =
		container_of(mn, struct dmirror_svmm, notifier);

	dmirror_svmm_clear(svmm, 0, ULONG_MAX & PAGE_MASK, true);
}

/* After the last mmu_notifier_put(): no callback runs any more. */
static void dmirror_svmm_free_notifier(struct mmu_notifier *mn)
{
	kfree(container_of(mn, struct dmirror_svmm, notifier));
}

static const struct mmu_notifier_ops dmirror_svmm_ops = {
	.release = dmirror_svmm_release,
	.invalidate_range_start = dmirror_svmm_invalidate_range_start,
	.free_notifier = dmirror_svmm_free_notifier,
};

int dmirror_glue_open(struct dmirror *dm)
{
	struct dmirror_svmm *svmm;
	int ret;

	svmm = kzalloc(sizeof(*svmm), GFP_KERNEL);
	if (!svmm)
		return -ENOMEM;
	mutex_init(&svmm->mutex);
	svmm->dm = dm;
	svmm->notifier.ops = &dmirror_svmm_ops;
	/*
	 * A plain notifier, never the emulated interval notifier: this is
	 * nouveau's svmm.
	 */
	mmap_write_lock(dm->mm);
	ret = __mmu_notifier_register(&svmm->notifier, dm->mm);
	mmap_write_unlock(dm->mm);
	if (ret) {
		kfree(svmm);
		return ret;
	}
	/* From here the notifier owns the svmm (.free_notifier frees it). */
	dm->glue = svmm;
	return 0;
}

void dmirror_glue_release(struct dmirror *dm)
{
	struct dmirror_svmm *svmm = dm->glue;

	/*
	 * nouveau_svmm_fini(): a callback still running, or run before the
	 * free, finds no device; the put unhooks the notifier (unless the
	 * mm's teardown did) and frees the svmm after the callbacks in
	 * flight, without calling .release.
	 */
	mutex_lock(&svmm->mutex);
	svmm->dm = NULL;
	mutex_unlock(&svmm->mutex);
	mmu_notifier_put(&svmm->notifier);
}

/* ---- the window notifier: one fault's retry sequence -------------------- */

static bool dmirror_svm_range_invalidate(struct mmu_interval_notifier *mni,
					 const struct mmu_notifier_range *range,
					 unsigned long cur_seq)
{
	struct dmirror_svm_notifier *sn =
		container_of(mni, struct dmirror_svm_notifier, notifier);

#ifdef HB_MMU_NOTIFIER_RANGE_OWNER
	/*
	 * This device's own make_device_exclusive() (v5.14+; the name is
	 * defined, never sent, where the kernel lacks it): never here.
	 */
	if (range->event == MMU_NOTIFY_EXCLUSIVE &&
	    range->owner == dmirror_owner(sn->dm))
		return true;
#endif
	/*
	 * Serialises the sequence update with the fault path's check and
	 * install; the plain notifier, called after this one, clears.
	 */
	if (mmu_notifier_range_blockable(range))
		mutex_lock(&sn->dm->mutex);
	else if (!mutex_trylock(&sn->dm->mutex))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	mutex_unlock(&sn->dm->mutex);
	return true;
}

static const struct mmu_interval_notifier_ops dmirror_svm_mni_ops = {
	.invalidate = dmirror_svm_range_invalidate,
};

/*
 * nouveau_range_fault(): insert a notifier over the window, fault it with
 * the sequence read before and checked under the driver lock after, then
 * use the result under that lock (install the pages, or with @perm
 * describe them), unlock, remove the notifier.
 */
static int dmirror_svm_range_fault(struct dmirror *dm, unsigned long start,
				   unsigned long end, unsigned long hmm_flags,
				   u8 *perm)
{
	unsigned long timeout =
		jiffies + msecs_to_jiffies(HMM_RANGE_DEFAULT_TIMEOUT);
	unsigned long hmm_pfns[DMIRROR_CHUNK_PAGES];
	struct dmirror_svm_notifier notifier = { .dm = dm };
	struct hmm_range range = {
		.notifier = &notifier.notifier,
		.start = start,
		.end = end,
		.default_flags = hmm_flags,
		.hmm_pfns = hmm_pfns,
		.dev_private_owner = dmirror_owner(dm),
	};
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	int ret;

	ret = mmu_interval_notifier_insert(&notifier.notifier, dm->mm, start,
					   end - start, &dmirror_svm_mni_ops);
	if (ret)
		return ret;

	for (;;) {
		if (time_after(jiffies, timeout)) {
			ret = -EBUSY;
			goto out;
		}
		range.notifier_seq = mmu_interval_read_begin(range.notifier);
		mmap_read_lock(dm->mm);
		ret = hmm_range_fault(&range);
		mmap_read_unlock(dm->mm);
		if (ret) {
			if (ret == -EBUSY)
				continue;
			goto out;
		}
		mutex_lock(&dm->mutex);
		if (mmu_interval_read_retry(range.notifier,
					    range.notifier_seq)) {
			mutex_unlock(&dm->mutex);
			continue;
		}
		break;
	}

	for (i = 0; i < n && !ret; i++) {
		unsigned long e = hmm_pfns[i];

		if (!perm) {
			/* Every entry is valid: the fault was asked for all. */
			ret = dmirror_pt_set(dm, start + (i << PAGE_SHIFT),
					     hmm_pfn_to_page(e),
					     e & HMM_PFN_WRITE);
		} else if (e & HMM_PFN_ERROR) {
			perm[i] = HMM_DMIRROR_PROT_ERROR;
		} else if (!(e & HMM_PFN_VALID)) {
			perm[i] = HMM_DMIRROR_PROT_NONE;
		} else {
			perm[i] = dmirror_perm(dm, hmm_pfn_to_page(e),
					       e & HMM_PFN_WRITE,
					       hmm_pfn_to_map_order(e));
		}
	}
	mutex_unlock(&dm->mutex);
out:
	mmu_interval_notifier_remove(&notifier.notifier);
	return ret;
}

int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write)
{
	return dmirror_svm_range_fault(dm, start, end,
				       HMM_PFN_REQ_FAULT |
				       (write ? HMM_PFN_REQ_WRITE : 0), NULL);
}

int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm)
{
	return dmirror_svm_range_fault(dm, start, end, 0, perm);
}
