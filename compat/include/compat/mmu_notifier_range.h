/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_notifier_range.h - what a driver's invalidate callback is
 * handed, on every kernel: struct mmu_notifier_range, enum
 * mmu_notifier_event, MMU_NOTIFY_RELEASE/MIGRATE/EXCLUSIVE and
 * mmu_notifier_range_blockable(), each defined only where its own probe
 * says the kernel lacks it; the range's owner by today's name where the
 * kernel has it by either (compat/mmu_notifier_owner.h).
 *
 * Upstream added them in steps (struct v5.0, flags + event + helper v5.2,
 * RELEASE v5.5); RHEL 8 backported them piecemeal onto its 4.18 callbacks
 * (8.3: struct, flags, event and RELEASE but no helper; 8.6: the helper), so
 * none of them is inferred from another.
 *
 * Where the kernel has no struct mmu_notifier_range at all (v4.18, v4.19,
 * RHEL 8.1), only the shim's emulated interval notifier builds one (compat/
 * mmu_interval_notifier.c); the definition below is then the driver's.
 */
#ifndef _COMPAT_MMU_NOTIFIER_RANGE_H
#define _COMPAT_MMU_NOTIFIER_RANGE_H

#include <hb_probes.h>
#include <compat/mmu_notifier_owner.h>
/* Before the kernel's header (see there). */
#include <compat/mmu_notifier_rename.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/mmu_notifier.h>
#include <linux/types.h>

#ifndef HB_HAVE_MMU_NOTIFIER_EVENT
/*
 * v5.2's events (and v5.5's RELEASE).  This kernel never sends an event:
 * only the shim's emulated interval notifier fills one in (CLEAR for every
 * invalidation, since the kernel's callback does not say why; RELEASE for
 * the teardown).
 */
enum mmu_notifier_event {
	MMU_NOTIFY_UNMAP = 0,
	MMU_NOTIFY_CLEAR,
	MMU_NOTIFY_PROTECTION_VMA,
	MMU_NOTIFY_PROTECTION_PAGE,
	MMU_NOTIFY_SOFT_DIRTY,
	MMU_NOTIFY_RELEASE,
};
#elif !defined(HB_HAVE_MMU_NOTIFY_RELEASE)
/*
 * v5.2 .. v5.4: the kernel's enum has no MMU_NOTIFY_RELEASE (v5.5 added it
 * with the interval notifier).  The kernel never sends this value, one past
 * its last; the shim's emulated interval notifier reports the mm's
 * teardown with it, so that a driver written for v5.5+ builds and tests it
 * unchanged.
 */
#define MMU_NOTIFY_RELEASE	(MMU_NOTIFY_SOFT_DIRTY + 1)
#endif

/*
 * MMU_NOTIFY_MIGRATE (v5.9, migrate_vma_setup()) and MMU_NOTIFY_EXCLUSIVE
 * (v5.14, make_device_exclusive()), for drivers that filter their own
 * migrations and exclusive accesses: where the kernel lacks one, no such
 * invalidation happens there, and the value given to the name (past the
 * kernel's last event) never arrives; the driver's test of it is false.
 */
#if !defined(HB_HAVE_MMU_NOTIFY_MIGRATE) && \
	!defined(HB_HAVE_MMU_NOTIFY_EXCLUSIVE)
#define MMU_NOTIFY_MIGRATE	(MMU_NOTIFY_RELEASE + 1)
#define MMU_NOTIFY_EXCLUSIVE	(MMU_NOTIFY_RELEASE + 2)
#elif !defined(HB_HAVE_MMU_NOTIFY_MIGRATE)
#define MMU_NOTIFY_MIGRATE	(MMU_NOTIFY_EXCLUSIVE + 1)
#elif !defined(HB_HAVE_MMU_NOTIFY_EXCLUSIVE)
#define MMU_NOTIFY_EXCLUSIVE	(MMU_NOTIFY_MIGRATE + 1)
#endif

#ifndef HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT
#ifndef MMU_NOTIFIER_RANGE_BLOCKABLE
#define MMU_NOTIFIER_RANGE_BLOCKABLE	BIT(0)
#endif

/**
 * struct mmu_notifier_range - an invalidation, as v5.2+ describes it
 * @mm: the mm being changed
 * @start: first address of the range
 * @end: address after the range
 * @flags: MMU_NOTIFIER_RANGE_BLOCKABLE if the callback may sleep
 * @event: why (MMU_NOTIFY_RELEASE when the mm is torn down)
 * @owner: always NULL: this kernel sends no MMU_NOTIFY_MIGRATE or
 *	MMU_NOTIFY_EXCLUSIVE (compat/mmu_notifier_owner.h)
 */
struct mmu_notifier_range {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	unsigned int flags;
	enum mmu_notifier_event event;
	void *owner;
};
#endif /* !HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT */

#ifndef HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE
/**
 * mmu_notifier_range_blockable() - may the invalidate callback sleep?
 * @range: the invalidation
 *
 * Return: true if the callback may block (take a mutex, wait).
 */
static inline bool
mmu_notifier_range_blockable(const struct mmu_notifier_range *range)
{
#if !defined(HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT)
	/* The shim's own structure: its emulation sets the flag. */
	return range->flags & MMU_NOTIFIER_RANGE_BLOCKABLE;
#elif defined(HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE_MEMBER)
	return range->blockable;			/* v5.0, v5.1 */
#elif !defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE) && \
	!defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
	/*
	 * RHEL 8.3 .. 8.5: the kernel's structure, whose flags it does not
	 * maintain (8.5 zeroes them), on callbacks of the 4.18 form, which
	 * cannot fail: every invalidation may block there (the OOM reaper
	 * skips an mm with such a notifier), as RHEL's own drm backport
	 * helper answers.
	 */
	return true;
#elif defined(HB_HAVE_MMU_NOTIFIER_RANGE_FLAGS)
	return range->flags & MMU_NOTIFIER_RANGE_BLOCKABLE;
#else
/*
 * Callbacks that may be non-blocking, but a range that says neither how
 * (flags) nor has the helper: no known kernel.  Report it with the
 * kernel's include/linux/mmu_notifier.h.
 */
#error "hmm-backports: mmu_notifier_range has no flags, no blockable, no helper"
#endif
}
#endif /* !HB_HAVE_MMU_NOTIFIER_RANGE_BLOCKABLE */

/**
 * hb_mmu_notifier_range_is_release() - whether an interval notifier's
 *	invalidation is the teardown of the mm
 * @range: what the invalidate callback was given
 *
 * Every teardown spans the whole address space: the kernel's
 * mn_itree_release() (v5.5+ with MMU_NOTIFY_RELEASE; RHEL 8.3 .. 8.10
 * with event 0, never MMU_NOTIFY_RELEASE although their enum has it), and
 * the shim's emulated one.  So the range says it, not the event, which
 * v5.0/v5.1 do not have and RHEL 8 does not set.  exit_mmap()'s
 * unmap_vmas() that follows (v5.0+: MMU_NOTIFY_UNMAP over [0, ULONG_MAX))
 * is recognised too: the mm is gone just the same (mm_users is 0), and
 * no other invalidation covers the whole address space.
 *
 * Return: true for the teardown.
 */
static inline bool
hb_mmu_notifier_range_is_release(const struct mmu_notifier_range *range)
{
	return range->start == 0 && range->end == ULONG_MAX;
}

#endif /* _COMPAT_MMU_NOTIFIER_RANGE_H */
