// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_core.c - shared core of the hmm-backports mirror test driver.
 *
 * A pretend device that mirrors the memory of the process that opened it
 * into a software page table, the way a GPU or RDMA adapter mirrors a
 * process through HMM.  The core owns the device nodes (/dev/hmm_dmirror0,
 * /dev/hmm_dmirror1, or numbered from the devbase parameter), the ioctl
 * interface of the kernel's lib/test_hmm.c (so
 * tools/testing/selftests/mm/hmm-tests.c runs unchanged) and the device
 * page table.  How the page table is filled and kept coherent is the glue's
 * business (dmirror_glue_*), one glue file per HMM API generation.
 *
 * The driver has no device memory: the migration and exclusive-access
 * ioctls of lib/test_hmm.c answer -EOPNOTSUPP.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/hugetlb.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "hmm_dmirror_uapi.h"
#include "dmirror.h"
#ifdef CONFIG_MMU_NOTIFIER
#include <compat/mmu_notifier_range.h>
/*
 * Last, for module_exit(): where the interval notifier is emulated, the
 * module's exit then also takes down what the emulation keeps per mm.
 */
#include <compat/mmu_interval.h>
#endif

#define DMIRROR_NDEVICES	2

static unsigned int uapi;
module_param(uapi, uint, 0444);
MODULE_PARM_DESC(uapi,
		 "ioctl numbering: 0 = lib/test_hmm_uapi.h of v6.0+, 1 = of v5.8..v5.19");

/*
 * Two modules of this driver mirror one process at once (the suite's
 * two_modules, a GPU and an RDMA driver in one process): the second names
 * its nodes from 2 (the guest's /init passes it), so they do not collide.
 */
#define DMIRROR_DEVBASE_MAX	64
static unsigned int devbase;
module_param(devbase, uint, 0444);
MODULE_PARM_DESC(devbase,
		 "number of the first device node, /dev/hmm_dmirror<devbase> (0, what hmm-tests opens; at most 64)");

struct dmirror_device {
	struct device dev;
	struct cdev cdev;
};

static dev_t dmirror_devt;
static struct dmirror_device *dmirror_devices[DMIRROR_NDEVICES];

/* ---- device page table -------------------------------------------------- */

/*
 * The device page table, on the XArray, or on the radix tree where the
 * kernel predates the XArray (v4.19): init, destroy, erase a range, store,
 * load.  Every access is under dm->mutex, which also serialises the radix
 * tree's updates.
 */
#ifdef HB_HAVE_XARRAY
static void dmirror_pt_init(struct dmirror *dm)
{
	xa_init(&dm->pt);
}

static void dmirror_pt_destroy(struct dmirror *dm)
{
	xa_destroy(&dm->pt);
}

static void dmirror_pt_erase(struct dmirror *dm, unsigned long index,
			     unsigned long last)
{
	/* xa_find() rather than xa_for_each_range(): the latter is v5.15+. */
	while (xa_find(&dm->pt, &index, last, XA_PRESENT)) {
		xa_erase(&dm->pt, index);
		if (index++ == last)
			break;
	}
}

static int dmirror_pt_store(struct dmirror *dm, unsigned long index,
			    struct page *page, bool writable)
{
	void *entry = xa_tag_pointer(page, writable ? DMIRROR_PT_WRITE : 0);

	entry = xa_store(&dm->pt, index, entry, GFP_ATOMIC);
	return xa_is_err(entry) ? xa_err(entry) : 0;
}

static bool dmirror_pt_empty(struct dmirror *dm)
{
	return xa_empty(&dm->pt);
}

static struct page *dmirror_pt_load(struct dmirror *dm, unsigned long index,
				    bool *writable)
{
	void *entry = xa_load(&dm->pt, index);

	*writable = xa_pointer_tag(entry) & DMIRROR_PT_WRITE;
	return xa_untag_pointer(entry);
}
#else /* !HB_HAVE_XARRAY */
static void dmirror_pt_init(struct dmirror *dm)
{
	INIT_RADIX_TREE(&dm->pt, GFP_ATOMIC);
}

static void dmirror_pt_erase(struct dmirror *dm, unsigned long index,
			     unsigned long last)
{
	struct radix_tree_iter iter;
	void __rcu **slot;

	radix_tree_for_each_slot(slot, &dm->pt, &iter, index) {
		if (iter.index > last)
			break;
		radix_tree_iter_delete(&dm->pt, &iter, slot);
	}
}

static void dmirror_pt_destroy(struct dmirror *dm)
{
	dmirror_pt_erase(dm, 0, ULONG_MAX);
}

static int dmirror_pt_store(struct dmirror *dm, unsigned long index,
			    struct page *page, bool writable)
{
	int ret;

	radix_tree_delete(&dm->pt, index);
	ret = radix_tree_insert(&dm->pt, index, page);
	if (!ret && writable)
		radix_tree_tag_set(&dm->pt, index, 0);
	return ret;
}

static bool dmirror_pt_empty(struct dmirror *dm)
{
	return radix_tree_empty(&dm->pt);
}

static struct page *dmirror_pt_load(struct dmirror *dm, unsigned long index,
				    bool *writable)
{
	struct page *page = radix_tree_lookup(&dm->pt, index);

	*writable = page && radix_tree_tag_get(&dm->pt, index, 0);
	return page;
}
#endif /* HB_HAVE_XARRAY */

/**
 * dmirror_pt_clear() - drop the device's entries for [start, end)
 * @dm: the mirror
 * @start: first address
 * @end: address after the last
 *
 * Called by the glue's invalidation callback with @dm->mutex held.
 */
void dmirror_pt_clear(struct dmirror *dm, unsigned long start,
		      unsigned long end)
{
	unsigned long last = (end - 1) >> PAGE_SHIFT;
	unsigned long index = start >> PAGE_SHIFT;

	lockdep_assert_held(&dm->mutex);
	if (end <= start)
		return;
	dmirror_pt_erase(dm, index, last);
}

/**
 * dmirror_pt_set() - install one page in the device page table
 * @dm: the mirror
 * @addr: the page's virtual address in @dm->mm
 * @page: the CPU page backing it
 * @writable: whether the device may write it
 *
 * Called by the glue with @dm->mutex held, after it checked that no
 * invalidation ran since it looked the page up.
 *
 * Return: 0 or -ENOMEM.
 */
int dmirror_pt_set(struct dmirror *dm, unsigned long addr, struct page *page,
		   bool writable)
{
	lockdep_assert_held(&dm->mutex);
	return dmirror_pt_store(dm, addr >> PAGE_SHIFT, page, writable);
}

/**
 * dmirror_perm() - the HMM_DMIRROR_PROT_* byte of a present page
 * @dm: the mirror looking at the page
 * @page: the page
 * @writable: whether the CPU mapping is writable
 * @order: the CPU mapping's order (0 for a base page)
 *
 * Return: the snapshot byte for the page.
 */
u8 dmirror_perm(struct dmirror *dm, struct page *page, bool writable,
		unsigned int order)
{
	u8 perm = HMM_DMIRROR_PROT_NONE;

	/* This driver owns no device memory, so device pages are remote. */
	if (is_device_private_page(page))
		perm = HMM_DMIRROR_PROT_DEV_PRIVATE_REMOTE;
	else if (is_zero_pfn(page_to_pfn(page)))
		perm = HMM_DMIRROR_PROT_ZERO;
	perm |= writable ? HMM_DMIRROR_PROT_WRITE : HMM_DMIRROR_PROT_READ;
	if (order && order + PAGE_SHIFT == PMD_SHIFT)
		perm |= HMM_DMIRROR_PROT_PMD;
	else if (order && order + PAGE_SHIFT == PUD_SHIFT)
		perm |= HMM_DMIRROR_PROT_PUD;
	return perm;
}

/**
 * dmirror_vma_order() - the mapping order of a hugetlbfs page, for glues
 *	whose HMM API does not report it (5.2 .. 5.4)
 * @dm: the mirror
 * @vmap: a cache of the last VMA looked up (NULL to start)
 * @addr: an address in @dm->mm
 *
 * Called with @dm->mm's mmap_lock held.
 *
 * Return: log2 of the VMA's page size in pages: 0 for base pages.
 */
unsigned int dmirror_vma_order(struct dmirror *dm, struct vm_area_struct **vmap,
			       unsigned long addr)
{
	struct vm_area_struct *vma = *vmap;

	if (!vma || addr < vma->vm_start || addr >= vma->vm_end) {
		vma = find_vma(dm->mm, addr);
		*vmap = vma;
	}
	if (!vma || addr < vma->vm_start)
		return 0;
	return ilog2(vma_kernel_pagesize(vma)) - PAGE_SHIFT;
}

/**
 * dmirror_owner() - the dev_private_owner cookie of this mirror's device
 * @dm: the mirror
 *
 * Return: a pointer unique to the device node.
 */
void *dmirror_owner(struct dmirror *dm)
{
	return dm->mdev;
}

/* Where the file's next fault is, for HMM_DMIRROR_HB_PAUSE_*. */
enum {
	DMIRROR_PAUSE_OFF,	/* faults do not stop */
	DMIRROR_PAUSE_ARMED,	/* the next one to reach the point stops */
	DMIRROR_PAUSE_STOPPED,	/* one has stopped there */
	DMIRROR_PAUSE_GO,	/* and may go on */
	DMIRROR_PAUSE_MISSED,	/* a command ended without reaching one */
};

/**
 * dmirror_range_pause_point() - where a test may change the mm under a fault
 * @dm: the mirror
 *
 * A 5.2 .. 5.4 glue calls it (as dmirror_pause_point()) when its range is
 * registered and valid, just before faulting it (no lock held).  If
 * HMM_DMIRROR_HB_PAUSE_ARM armed the file, the fault stops here until
 * HMM_DMIRROR_HB_PAUSE_GO, or for 10 s at most, so the test can invalidate
 * (or not) what it likes meanwhile.
 *
 * If HMM_DMIRROR_HB_BARE_MM armed the file, the command's own user of the
 * mm is dropped here first: from now on only what the glue holds keeps the
 * mm's address space (a 5.3/5.4 range holds a user, a 5.2 one does not),
 * as for a driver faulting from a worker that holds none.
 */
void dmirror_range_pause_point(struct dmirror *dm)
{
	if (atomic_cmpxchg(&dm->bare_mm, 1, 0) == 1) {
		WRITE_ONCE(dm->bare_task, current);
		mmput(dm->mm);
	}
	if (atomic_cmpxchg(&dm->pause, DMIRROR_PAUSE_ARMED,
			   DMIRROR_PAUSE_STOPPED) != DMIRROR_PAUSE_ARMED)
		return;
	wake_up_all(&dm->pause_wq);
	wait_event_timeout(dm->pause_wq,
			   atomic_read(&dm->pause) == DMIRROR_PAUSE_GO,
			   10 * HZ);
	atomic_set(&dm->pause, DMIRROR_PAUSE_OFF);
}

/**
 * dmirror_count_busy() - count an -EBUSY answer to a fault or snapshot
 * @dm: the mirror
 *
 * Read with HMM_DMIRROR_HB_BUSY.
 */
void dmirror_count_busy(struct dmirror *dm)
{
	atomic64_inc(&dm->busy);
}

/**
 * dmirror_fails_blockable() - should the invalidation callback fail?
 * @dm: the mirror
 * @blockable: the invalidation may sleep
 *
 * For a glue's interval-notifier callback, after it did its work: true
 * (return false, a bug) if HMM_DMIRROR_HB_MISBEHAVE asked for it and the
 * invalidation is blockable; counted.
 *
 * Return: true to fail the invalidation.
 */
bool dmirror_fails_blockable(struct dmirror *dm, bool blockable)
{
	if (!blockable || !READ_ONCE(dm->misbehave))
		return false;
	atomic64_inc(&dm->misbehaved);
	return true;
}

/**
 * dmirror_note_event() - record why an invalidation came
 * @dm: the mirror
 * @event: its enum mmu_notifier_event
 *
 * Read (and cleared) with HMM_DMIRROR_HB_EVENTS.
 */
void dmirror_note_event(struct dmirror *dm, unsigned int event)
{
	if (event < BITS_PER_LONG)
		set_bit(event, &dm->events);
}

/**
 * dmirror_dma_device() - the device a glue DMA-maps mirrored pages for
 * @dm: the mirror
 *
 * The device node's struct device, with a 64-bit DMA mask and no DMA ops
 * of its own, so mapping goes through the kernel's direct mapping: real
 * dma_map_page() calls, as a device driver makes them.
 *
 * Return: the device.
 */
struct device *dmirror_dma_device(struct dmirror *dm)
{
	return &dm->mdev->dev;
}

/* ---- mirror operations -------------------------------------------------- */

/*
 * Copy [*addr, end) between the device page table and @buf (the data of
 * *addr), one page at a time, moving *addr past each page copied.  Returns
 * -ENOENT when the page at *addr is not mirrored (or not writable, for a
 * write) so the caller faults it in and tries again from there.
 */
static int dmirror_copy(struct dmirror *dm, unsigned long *addr,
			unsigned long end, char *buf, bool write)
{
	lockdep_assert_held(&dm->mutex);
	for (; *addr < end; *addr += PAGE_SIZE, buf += PAGE_SIZE) {
		bool writable;
		struct page *page = dmirror_pt_load(dm, *addr >> PAGE_SHIFT,
						    &writable);

		if (!page)
			return -ENOENT;
		if (write && !writable)
			return -ENOENT;
#ifdef HB_HAVE_MEMCPY_TO_PAGE
		if (write)
			memcpy_to_page(page, 0, buf, PAGE_SIZE);
		else
			memcpy_from_page(buf, page, 0, PAGE_SIZE);
#else
		/*
		 * Before v5.13: no memcpy_to/from_page().  The driver is for
		 * 64-bit kernels, where every page has a kernel address.
		 */
		BUILD_BUG_ON(IS_ENABLED(CONFIG_HIGHMEM));
		if (write)
			memcpy(page_address(page), buf, PAGE_SIZE);
		else
			memcpy(buf, page_address(page), PAGE_SIZE);
#endif
	}
	return 0;
}

/* Fault [start, end) into the device page table, a glue-sized piece at a time. */
static int dmirror_fault(struct dmirror *dm, unsigned long start,
			 unsigned long end, bool write)
{
	unsigned long addr, next;
	int ret;

	for (addr = start; addr < end; addr = next) {
		next = min(end, addr + DMIRROR_CHUNK_PAGES * PAGE_SIZE);
		ret = dmirror_glue_fault(dm, addr, next, write);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The device reads (or writes) @cmd's range as lib/test_hmm.c does: the
 * caller's data in a bounce buffer of the whole request first (a write),
 * then the device copy of everything that is mirrored, under the mutex in
 * one go; at the first page that is not, one device fault from there to
 * the end of the request and the copy again from that page; the bounce
 * buffer out to the caller last (a read).  No user copy between a device
 * fault and the device copy: a user copy into a page the CPU had not
 * written yet is an invalidation of that page, and where the driver's
 * notifier covers it as well, the next device copy would have to fault
 * again (lib/test_hmm.c and upstream hmm-tests count the faults).
 */
static int dmirror_rw(struct dmirror *dm, struct hmm_dmirror_cmd *cmd,
		      bool write)
{
	unsigned long start = cmd->addr;
	unsigned long end = start + (cmd->npages << PAGE_SHIFT);
	unsigned long size = end - start, addr = start;
	char __user *uptr = u64_to_user_ptr(cmd->ptr);
	char *bounce;
	int ret;

	/* Quietly: a request larger than memory is the caller's -ENOMEM. */
	bounce = kvmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!bounce)
		return -ENOMEM;
	if (write && copy_from_user(bounce, uptr, size)) {
		ret = -EFAULT;
		goto out;
	}
	for (;;) {
		mutex_lock(&dm->mutex);
		ret = dmirror_copy(dm, &addr, end, bounce + (addr - start),
				   write);
		mutex_unlock(&dm->mutex);
		if (ret != -ENOENT)
			break;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		/*
		 * One device fault brings in everything from here to the end
		 * of the request, as lib/test_hmm.c counts it.
		 */
		ret = dmirror_fault(dm, addr, end, write);
		if (ret)
			break;
		cmd->faults++;
	}
	if (!ret && !write && copy_to_user(uptr, bounce, size))
		ret = -EFAULT;
	if (!ret)
		cmd->cpages = cmd->npages;
out:
	kvfree(bounce);
	return ret;
}

static int dmirror_snapshot(struct dmirror *dm, struct hmm_dmirror_cmd *cmd)
{
	unsigned long start = cmd->addr;
	unsigned long end = start + (cmd->npages << PAGE_SHIFT);
	u8 __user *uptr = u64_to_user_ptr(cmd->ptr);
	u8 perm[DMIRROR_CHUNK_PAGES];
	unsigned long addr, next;
	int ret = 0;

	for (addr = start; addr < end; addr = next) {
		unsigned long n;

		next = min(end, addr + DMIRROR_CHUNK_PAGES * PAGE_SIZE);
		n = (next - addr) >> PAGE_SHIFT;
		ret = dmirror_glue_snapshot(dm, addr, next, perm);
		if (ret)
			break;
		if (copy_to_user(uptr, perm, n)) {
			ret = -EFAULT;
			break;
		}
		cmd->cpages += n;
		uptr += n;
		cond_resched();
	}
	return ret;
}

/* Map the ioctl numbers of the older UAPI onto today's. */
static unsigned int dmirror_ioctl_cmd(unsigned int command)
{
	if (uapi != 1)
		return command;
	switch (command) {
	case HMM_DMIRROR_V1_MIGRATE:
		return HMM_DMIRROR_MIGRATE_TO_DEV;
	case HMM_DMIRROR_V1_SNAPSHOT:
		return HMM_DMIRROR_SNAPSHOT;
	case HMM_DMIRROR_V1_EXCLUSIVE:
		return HMM_DMIRROR_EXCLUSIVE;
	case HMM_DMIRROR_V1_CHECK_EXCLUSIVE:
		return HMM_DMIRROR_CHECK_EXCLUSIVE;
	case HMM_DMIRROR_READ:
	case HMM_DMIRROR_WRITE:
	case HMM_DMIRROR_HB_FOREIGN_NB_FAIL:
	case HMM_DMIRROR_HB_NB_FAILS:
	case HMM_DMIRROR_HB_HOLD_MS:
	case HMM_DMIRROR_HB_PAUSE_ARM:
	case HMM_DMIRROR_HB_PAUSE_WAIT:
	case HMM_DMIRROR_HB_PAUSE_GO:
	case HMM_DMIRROR_HB_BUSY:
	case HMM_DMIRROR_HB_MISBEHAVE:
	case HMM_DMIRROR_HB_EVENTS:
	case HMM_DMIRROR_HB_CHURN:
		return command;
	}
	return 0;
}

/* ---- another driver on the same mm (the OOM scenario) ------------------ */

/**
 * struct dmirror_foreign - a plain mmu_notifier that fails non-blocking
 *	invalidations (HMM_DMIRROR_HB_FOREIGN_NB_FAIL)
 * @mn: registered on the mirror's mm until the file is released
 *
 * Registered through the kernel's own mmu_notifier API, never the shim's:
 * it is the other driver a mirror shares the mm with.
 */
struct dmirror_foreign {
#ifdef CONFIG_MMU_NOTIFIER
	struct mmu_notifier mn;
#endif
};

static atomic64_t dmirror_nb_fails = ATOMIC64_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(dmirror_nb_wq);

#if defined(CONFIG_MMU_NOTIFIER) && \
	(defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE) || \
	 defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE))
static int dmirror_foreign_fail(bool blockable)
{
	if (blockable)
		return 0;
	atomic64_inc(&dmirror_nb_fails);
	wake_up_all(&dmirror_nb_wq);
	return -EAGAIN;
}

#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE)
static int dmirror_foreign_start(struct mmu_notifier *mn,
				 const struct mmu_notifier_range *range)
{
	return dmirror_foreign_fail(mmu_notifier_range_blockable(range));
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
static int dmirror_foreign_start(struct mmu_notifier *mn, struct mm_struct *mm,
				 unsigned long start, unsigned long end,
				 bool blockable)
{
	return dmirror_foreign_fail(blockable);
}
#endif

static const struct mmu_notifier_ops dmirror_foreign_ops = {
	.invalidate_range_start = dmirror_foreign_start,
};

static int dmirror_foreign_register(struct dmirror *dm)
{
	struct dmirror_foreign *f;
	int ret;

	if (dm->foreign)
		return -EBUSY;
	if (current->mm != dm->mm)
		return -EINVAL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->mn.ops = &dmirror_foreign_ops;
	ret = mmu_notifier_register(&f->mn, dm->mm);
	if (ret) {
		kfree(f);
		return ret;
	}
	dm->foreign = f;
	return 0;
}
#else
/*
 * The v4.18 callback cannot fail: such a kernel never asks it not to block
 * (and without CONFIG_MMU_NOTIFIER there is no notifier at all).
 */
static int dmirror_foreign_register(struct dmirror *dm)
{
	return -EOPNOTSUPP;
}
#endif

static void dmirror_foreign_release(struct dmirror *dm)
{
#ifdef CONFIG_MMU_NOTIFIER
	if (!dm->foreign)
		return;
	/* The registration holds an mmgrab(): fine on a torn-down mm too. */
	mmu_notifier_unregister(&dm->foreign->mn, dm->mm);
	kfree(dm->foreign);
#endif
}

/*
 * The user's command, its range page-aligned and within the address space:
 * an empty, wrapping or impossibly large one is refused up front.
 */
static int dmirror_cmd_get(struct hmm_dmirror_cmd *cmd, void __user *uarg)
{
	if (copy_from_user(cmd, uarg, sizeof(*cmd)))
		return -EFAULT;
	if (cmd->addr & ~PAGE_MASK)
		return -EINVAL;
	if (!cmd->npages || cmd->npages > (TASK_SIZE >> PAGE_SHIFT) ||
	    cmd->addr > TASK_SIZE - (cmd->npages << PAGE_SHIFT))
		return -EINVAL;
	return 0;
}

/* ---- interval notifier churn (make bench) ------------------------------ */

#ifdef CONFIG_MMU_NOTIFIER
/* One fault window's notifier, as nouveau's struct svm_notifier. */
struct dmirror_churn_window {
	struct mmu_interval_notifier notifier;
	struct dmirror *dm;
};

static bool dmirror_churn_invalidate(struct mmu_interval_notifier *mni,
				     const struct mmu_notifier_range *range,
				     unsigned long cur_seq)
{
	struct dmirror_churn_window *w =
		container_of(mni, struct dmirror_churn_window, notifier);

	if (mmu_notifier_range_blockable(range))
		mutex_lock(&w->dm->mutex);
	else if (!mutex_trylock(&w->dm->mutex))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	mutex_unlock(&w->dm->mutex);
	return true;
}

static const struct mmu_interval_notifier_ops dmirror_churn_ops = {
	.invalidate = dmirror_churn_invalidate,
};

/*
 * HMM_DMIRROR_HB_CHURN: @cmd->ptr cycles of what nouveau_range_fault()
 * does around its fault: insert a notifier over the window, read its
 * sequence, check it under the driver lock, remove it.
 */
static int dmirror_churn(struct dmirror *dm, struct hmm_dmirror_cmd *cmd)
{
	struct dmirror_churn_window w = { .dm = dm };
	unsigned long seq;
	int ret = 0;

	if (!mmget_not_zero(dm->mm))
		return -EINVAL;
	for (cmd->cpages = 0; cmd->cpages < cmd->ptr; cmd->cpages++) {
		ret = mmu_interval_notifier_insert(&w.notifier, dm->mm,
						   cmd->addr,
						   cmd->npages << PAGE_SHIFT,
						   &dmirror_churn_ops);
		if (ret)
			break;
		seq = mmu_interval_read_begin(&w.notifier);
		mutex_lock(&dm->mutex);
		/* Nothing to retry here: no fault ran in between. */
		(void)mmu_interval_read_retry(&w.notifier, seq);
		mutex_unlock(&dm->mutex);
		mmu_interval_notifier_remove(&w.notifier);
		/* Any signal: @ptr may ask for more cycles than anyone waits. */
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	mmput(dm->mm);
#ifdef HB_EMUL_MMU_INTERVAL_NOTIFIER
	cmd->faults = 1;
#else
	cmd->faults = 0;
#endif
	return ret;
}
#else
static int dmirror_churn(struct dmirror *dm, struct hmm_dmirror_cmd *cmd)
{
	return -EOPNOTSUPP;
}
#endif

static long dmirror_hb_churn_ioctl(struct dmirror *dm, void __user *uarg)
{
	struct hmm_dmirror_cmd cmd;
	int ret;

	ret = dmirror_cmd_get(&cmd, uarg);
	if (ret)
		return ret;
	ret = dmirror_churn(dm, &cmd);
	if (copy_to_user(uarg, &cmd, sizeof(cmd)))
		return -EFAULT;
	return ret;
}

static long dmirror_hb_ioctl(struct dmirror *dm, unsigned int command,
			     void __user *uarg)
{
	u64 fails;
	long left;
	u32 ms;

	switch (command) {
	case HMM_DMIRROR_HB_CHURN:
		return dmirror_hb_churn_ioctl(dm, uarg);
	case HMM_DMIRROR_HB_FOREIGN_NB_FAIL:
		return dmirror_foreign_register(dm);
	case HMM_DMIRROR_HB_NB_FAILS:
		fails = atomic64_read(&dmirror_nb_fails);
		return copy_to_user(uarg, &fails, sizeof(fails)) ? -EFAULT : 0;
	case HMM_DMIRROR_HB_PAUSE_ARM:
		atomic_set(&dm->pause, DMIRROR_PAUSE_ARMED);
		return 0;
	case HMM_DMIRROR_HB_PAUSE_WAIT:
		left = wait_event_timeout(dm->pause_wq,
					  atomic_read(&dm->pause) >=
					  DMIRROR_PAUSE_STOPPED, 10 * HZ);
		if (!left)
			return -ETIMEDOUT;
		if (atomic_cmpxchg(&dm->pause, DMIRROR_PAUSE_MISSED,
				   DMIRROR_PAUSE_OFF) == DMIRROR_PAUSE_MISSED)
			return -ENOENT;
		return 0;
	case HMM_DMIRROR_HB_PAUSE_GO:
		atomic_set(&dm->pause, DMIRROR_PAUSE_GO);
		wake_up_all(&dm->pause_wq);
		return 0;
	case HMM_DMIRROR_HB_BARE_MM:
		atomic_set(&dm->bare_mm, 1);
		return 0;
	case HMM_DMIRROR_HB_BUSY:
		fails = atomic64_read(&dm->busy);
		return copy_to_user(uarg, &fails, sizeof(fails)) ? -EFAULT : 0;
	case HMM_DMIRROR_HB_EVENTS:
		fails = xchg(&dm->events, 0);
		return copy_to_user(uarg, &fails, sizeof(fails)) ? -EFAULT : 0;
	case HMM_DMIRROR_HB_MISBEHAVE:
		if (copy_from_user(&fails, uarg, sizeof(fails)))
			return -EFAULT;
		if (fails > 1)
			return -EINVAL;
		WRITE_ONCE(dm->misbehave, fails);
		fails = atomic64_read(&dm->misbehaved);
		return copy_to_user(uarg, &fails, sizeof(fails)) ? -EFAULT : 0;
	case HMM_DMIRROR_HB_HOLD_MS:
		if (copy_from_user(&ms, uarg, sizeof(ms)))
			return -EFAULT;
		if (ms > 60000)
			return -EINVAL;
		fails = atomic64_read(&dmirror_nb_fails);
		left = wait_event_timeout(dmirror_nb_wq,
					  atomic64_read(&dmirror_nb_fails) != fails,
					  msecs_to_jiffies(ms));
		return left ? 0 : -ETIMEDOUT;
	}
	return -EINVAL;
}

static long dmirror_fops_unlocked_ioctl(struct file *filp,
					unsigned int command,
					unsigned long arg)
{
	struct dmirror *dm = filp->private_data;
	void __user *uarg = (void __user *)arg;
	struct hmm_dmirror_cmd cmd;
	int ret;

	command = dmirror_ioctl_cmd(command);
	switch (command) {
	case HMM_DMIRROR_READ:
	case HMM_DMIRROR_WRITE:
	case HMM_DMIRROR_SNAPSHOT:
		break;
	case HMM_DMIRROR_MIGRATE_TO_DEV:
	case HMM_DMIRROR_MIGRATE_TO_SYS:
	case HMM_DMIRROR_EXCLUSIVE:
	case HMM_DMIRROR_CHECK_EXCLUSIVE:
		/* These need device memory, which this driver does not have. */
		return -EOPNOTSUPP;
	case HMM_DMIRROR_RELEASE:
		/* Nothing to release: no device memory was ever handed out. */
		return 0;
	default:
		/* The project's own commands; -EINVAL for any other. */
		return dmirror_hb_ioctl(dm, command, uarg);
	}

	ret = dmirror_cmd_get(&cmd, uarg);
	if (ret)
		return ret;
	cmd.cpages = 0;
	cmd.faults = 0;

	/*
	 * The mirrored process may have exited: the mm is then empty, and so
	 * must the device page table be, or the device still maps pages the
	 * kernel freed (an invalidation of the teardown was lost).  Said with
	 * its own error, so the suite sees it (t_exit_forked_holder).
	 */
	if (!mmget_not_zero(dm->mm)) {
		bool stale;

		mutex_lock(&dm->mutex);
		stale = !dmirror_pt_empty(dm);
		mutex_unlock(&dm->mutex);
		if (stale) {
			pr_err("dmirror (%s): the device page table still maps pages of an mm that was torn down\n",
			       dmirror_glue_name);
			return -EIO;
		}
		return -EINVAL;
	}
	if (command == HMM_DMIRROR_SNAPSHOT)
		ret = dmirror_snapshot(dm, &cmd);
	else
		ret = dmirror_rw(dm, &cmd, command == HMM_DMIRROR_WRITE);
	/* Unless this command's pause point dropped it (HB_BARE_MM). */
	if (READ_ONCE(dm->bare_task) == current)
		WRITE_ONCE(dm->bare_task, NULL);
	else
		mmput(dm->mm);
	/* Armed, but this command's faults never reached a pause point. */
	if (atomic_cmpxchg(&dm->pause, DMIRROR_PAUSE_ARMED,
			   DMIRROR_PAUSE_MISSED) == DMIRROR_PAUSE_ARMED)
		wake_up_all(&dm->pause_wq);
	if (ret)
		return ret;

	if (copy_to_user(uarg, &cmd, sizeof(cmd)))
		return -EFAULT;
	return 0;
}

/* ---- file operations ---------------------------------------------------- */

static int dmirror_fops_open(struct inode *inode, struct file *filp)
{
	struct dmirror *dm;
	int ret;

	/* A mirror mirrors the opener; a kernel thread has nothing to mirror. */
	if (!current->mm)
		return -EINVAL;

	dm = kzalloc(sizeof(*dm), GFP_KERNEL);
	if (!dm)
		return -ENOMEM;
	dm->mdev = container_of(inode->i_cdev, struct dmirror_device, cdev);
	mutex_init(&dm->mutex);
	init_waitqueue_head(&dm->pause_wq);
	dmirror_pt_init(dm);
	dm->mm = current->mm;
	mmgrab(dm->mm);

	ret = dmirror_glue_open(dm);
	if (ret) {
		mmdrop(dm->mm);
		kfree(dm);
		return ret;
	}
	filp->private_data = dm;
	return 0;
}

static int dmirror_fops_release(struct inode *inode, struct file *filp)
{
	struct dmirror *dm = filp->private_data;

	dmirror_glue_release(dm);
	dmirror_foreign_release(dm);
	dmirror_pt_destroy(dm);
	mmdrop(dm->mm);
	kfree(dm);
	return 0;
}

/*
 * Mapping the device file gives ordinary zeroed kernel pages, which hmm-tests'
 * "mixedmap" test then snapshots through the mirror.
 */
static int dmirror_fops_mmap(struct file *filp, struct vm_area_struct *vma)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		int ret;

		if (!page)
			return -ENOMEM;
		ret = vm_insert_page(vma, addr, page);
		/* The mapping holds its own reference now, or failed. */
		put_page(page);
		if (ret)
			return ret;
	}
	return 0;
}

static const struct file_operations dmirror_fops = {
	.owner		= THIS_MODULE,
	.open		= dmirror_fops_open,
	.release	= dmirror_fops_release,
	.mmap		= dmirror_fops_mmap,
	.unlocked_ioctl	= dmirror_fops_unlocked_ioctl,
	.llseek		= default_llseek,
};

/* ---- module ------------------------------------------------------------- */

static void dmirror_device_release(struct device *dev)
{
	kfree(container_of(dev, struct dmirror_device, dev));
}

static int dmirror_device_add(unsigned int id)
{
	struct dmirror_device *mdev;
	int ret;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;
	device_initialize(&mdev->dev);
	mdev->dev.release = dmirror_device_release;
	mdev->dev.devt = MKDEV(MAJOR(dmirror_devt), id);
	ret = dev_set_name(&mdev->dev, "hmm_dmirror%u", devbase + id);
	/*
	 * A cache-coherent device, as the PCIe devices HMM drivers drive are
	 * on arm64 servers (their firmware says so; this device has none):
	 * hmm_dma_map_alloc() refuses a device whose mappings need syncs.
	 * Before the mask is set, which is when the kernel looks.
	 */
#if defined(HB_HAVE_DEV_SET_DMA_COHERENT)
	dev_set_dma_coherent(&mdev->dev);
#elif defined(HB_HAVE_DEVICE_DMA_COHERENT)
	mdev->dev.dma_coherent = true;
#endif
	if (!ret)
		ret = dma_coerce_mask_and_coherent(&mdev->dev, DMA_BIT_MASK(64));
	if (!ret) {
		cdev_init(&mdev->cdev, &dmirror_fops);
		mdev->cdev.owner = THIS_MODULE;
		ret = cdev_device_add(&mdev->cdev, &mdev->dev);
	}
	if (ret) {
		put_device(&mdev->dev);
		return ret;
	}
	dmirror_devices[id] = mdev;
	return 0;
}

static void dmirror_devices_remove(void)
{
	unsigned int id;

	for (id = 0; id < DMIRROR_NDEVICES; id++) {
		struct dmirror_device *mdev = dmirror_devices[id];

		if (!mdev)
			continue;
		cdev_device_del(&mdev->cdev, &mdev->dev);
		put_device(&mdev->dev);
		dmirror_devices[id] = NULL;
	}
}

static int __init dmirror_init(void)
{
	unsigned int id;
	int ret;

	if (uapi > 1 || devbase > DMIRROR_DEVBASE_MAX)
		return -EINVAL;
	ret = alloc_chrdev_region(&dmirror_devt, 0, DMIRROR_NDEVICES,
				  "hmm_dmirror");
	if (ret)
		return ret;
	for (id = 0; id < DMIRROR_NDEVICES; id++) {
		ret = dmirror_device_add(id);
		if (ret) {
			dmirror_devices_remove();
			unregister_chrdev_region(dmirror_devt, DMIRROR_NDEVICES);
			return ret;
		}
	}
	pr_info("%s glue, %u devices\n", dmirror_glue_name, DMIRROR_NDEVICES);
	return 0;
}

static void __exit dmirror_exit(void)
{
	dmirror_devices_remove();
	unregister_chrdev_region(dmirror_devt, DMIRROR_NDEVICES);
#ifdef CONFIG_MMU_NOTIFIER
	/*
	 * A glue that drops its notifier with mmu_notifier_put() (nouveau-
	 * style) must not have its .free_notifier run after the unload.
	 */
	mmu_notifier_synchronize();
#endif
}

module_init(dmirror_init);
module_exit(dmirror_exit);
MODULE_DESCRIPTION("hmm-backports mirror test driver");
MODULE_LICENSE("GPL");
