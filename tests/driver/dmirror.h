/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmirror.h - the interface between the mirror test driver's shared core
 * (dmirror_core.c: device nodes, UAPI, software device page table) and its
 * mirror glue (one file per HMM API generation: how the device page table is
 * filled from, and kept coherent with, the CPU page tables).
 *
 * Every module is the core linked with exactly one glue file.
 */
#ifndef _DMIRROR_H
#define _DMIRROR_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/radix-tree.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <hb_probes.h>

/* Pages a glue is asked to fault or snapshot at a time. */
#define DMIRROR_CHUNK_PAGES	64

struct dmirror_device;
struct dmirror_foreign;

/**
 * struct dmirror - one open device file: a mirror of the opener's mm
 * @mdev: the device node this mirror was opened through
 * @mm: the mirrored mm (mmgrab()ed at open; mmget_not_zero() around use)
 * @mutex: serialises the device page table against invalidations: taken by
 *	the glue's invalidation callback while it clears entries and by the
 *	glue's fault path while it checks the notifier sequence and installs
 *	entries, so an entry is never installed after the invalidation that
 *	should have removed it
 * @pt: the software device page table, indexed by virtual page number; an
 *	entry is the struct page, tagged DMIRROR_PT_WRITE when writable (an
 *	XArray; on kernels without it, v4.19, the radix tree).  No
 *	page reference is held: invalidation removes the entry before the CPU
 *	page can be freed, exactly as a device's page table would.
 * @glue: the glue's per-mirror state
 * @foreign: a notifier of another driver on @mm that fails non-blocking
 *	invalidations (HMM_DMIRROR_HB_FOREIGN_NB_FAIL); NULL if none
 * @pause: DMIRROR_PAUSE_*: where the next fault reaching
 *	dmirror_pause_point() is (HMM_DMIRROR_HB_PAUSE_*)
 * @pause_wq: woken when @pause changes
 * @bare_mm: 1 while HMM_DMIRROR_HB_BARE_MM is armed: the next fault to reach
 *	the 5.2 .. 5.4 pause point drops its command's mm user there
 * @bare_task: the task whose command dropped it (its mmput() is skipped at
 *	the command's end); NULL if none
 * @busy: -EBUSY answers to this file's faults and snapshots
 * @misbehave: fail blockable invalidations (HMM_DMIRROR_HB_MISBEHAVE)
 * @misbehaved: blockable invalidations failed so far
 * @events: bit N: event N seen since HMM_DMIRROR_HB_EVENTS last read it
 */
struct dmirror {
	struct dmirror_device *mdev;
	struct mm_struct *mm;
	struct mutex mutex;	/* serialises @pt against invalidations */
#ifdef HB_HAVE_XARRAY
	struct xarray pt;
#else
	struct radix_tree_root pt;	/* v4.19; the write tag is tag 0 */
#endif
	void *glue;
	struct dmirror_foreign *foreign;
	atomic_t pause;
	wait_queue_head_t pause_wq;
	atomic_t bare_mm;
	struct task_struct *bare_task;
	atomic64_t busy;
	bool misbehave;
	atomic64_t misbehaved;
	unsigned long events;
};

#define DMIRROR_PT_WRITE	1UL

/* Provided by the core, for the glue. */
void dmirror_pt_clear(struct dmirror *dm, unsigned long start,
		      unsigned long end);
int dmirror_pt_set(struct dmirror *dm, unsigned long addr, struct page *page,
		   bool writable);
u8 dmirror_perm(struct dmirror *dm, struct page *page, bool writable,
		unsigned int order);
void *dmirror_owner(struct dmirror *dm);
struct device *dmirror_dma_device(struct dmirror *dm);
void dmirror_range_pause_point(struct dmirror *dm);
/*
 * The pause point of the suite's unrelated_invalidation, where the 5.2 ..
 * 5.4 hmm_mirror glues hold a registered, valid range: it is about those
 * APIs (a range fails only for invalidations overlapping it).  A glue of
 * another API, also one migrated from them by spatch/, has none: there the
 * driver picks its notifiers' span and so what invalidates its faults.
 */
#if defined(HMM_COMPAT_API) && HMM_COMPAT_API >= 0x050200 && \
	HMM_COMPAT_API <= 0x050400
#define dmirror_pause_point(dm)	dmirror_range_pause_point(dm)
#else
#define dmirror_pause_point(dm)	((void)(dm))
#endif
void dmirror_count_busy(struct dmirror *dm);
bool dmirror_fails_blockable(struct dmirror *dm, bool blockable);
void dmirror_note_event(struct dmirror *dm, unsigned int event);
unsigned int dmirror_vma_order(struct dmirror *dm, struct vm_area_struct **vmap,
			       unsigned long addr);

/*
 * Provided by each glue file.
 *
 * dmirror_glue_open(): start mirroring dm->mm (the opener's, current->mm).
 * dmirror_glue_release(): stop; no invalidation may touch @dm after it
 *	returns.
 * dmirror_glue_fault(): fault [start, end) in (for write if @write) and
 *	install every page in the device page table; at most
 *	DMIRROR_CHUNK_PAGES pages.  Called with a reference on dm->mm and no
 *	lock held.  Returns 0 or -errno (-EFAULT: no mapping or no access,
 *	-EPERM: write to a read-only mapping, -EBUSY: could not get a stable
 *	view before the timeout).
 * dmirror_glue_snapshot(): describe [start, end) without faulting, one
 *	HMM_DMIRROR_PROT_* byte per page into @perm.  Same calling rules.
 */
extern const char *const dmirror_glue_name;
int dmirror_glue_open(struct dmirror *dm);
void dmirror_glue_release(struct dmirror *dm);
int dmirror_glue_fault(struct dmirror *dm, unsigned long start,
		       unsigned long end, bool write);
int dmirror_glue_snapshot(struct dmirror *dm, unsigned long start,
			  unsigned long end, u8 *perm);

#endif /* _DMIRROR_H */
