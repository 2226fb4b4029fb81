/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmap_lock.h - the mmap locking API (v5.8, "mmap locking API:
 * initial implementation as rwsem wrappers") where the kernel lacks it
 * (v4.19 .. v5.7 without the 5.4.y/5.7.y backport): a driver of any
 * generation takes mmap_lock around hmm_range_fault() and for write around
 * mirror registration, under one name on every kernel.  Three probes, for
 * the common wrappers, the rest, and the assertions.
 */
#ifndef _COMPAT_MMAP_LOCK_H
#define _COMPAT_MMAP_LOCK_H

#include <hb_probes.h>
#include <linux/lockdep.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/rwsem.h>

/* The lock, under its name on this kernel (mmap_sem before v5.8). */
#ifdef HB_HAVE_MM_MMAP_LOCK
#define hb_mmap_rwsem(mm)	(&(mm)->mmap_lock)
#else
#define hb_mmap_rwsem(mm)	(&(mm)->mmap_sem)
#endif

#ifndef HB_HAVE_MMAP_READ_LOCK
static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(hb_mmap_rwsem(mm));
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(hb_mmap_rwsem(mm));
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(hb_mmap_rwsem(mm));
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(hb_mmap_rwsem(mm));
}
#endif /* !HB_HAVE_MMAP_READ_LOCK */

#ifndef HB_HAVE_MMAP_READ_TRYLOCK
/* The rest of v5.8's wrappers that drivers use (drm_gpusvm, amdkfd). */
static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(hb_mmap_rwsem(mm)) != 0;
}

static inline int mmap_read_lock_killable(struct mm_struct *mm)
{
	return down_read_killable(hb_mmap_rwsem(mm));
}

static inline int mmap_write_lock_killable(struct mm_struct *mm)
{
	return down_write_killable(hb_mmap_rwsem(mm));
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	downgrade_write(hb_mmap_rwsem(mm));
}
#endif /* !HB_HAVE_MMAP_READ_TRYLOCK */

#ifndef HB_HAVE_MMAP_ASSERT_LOCKED
/*
 * v5.8's "mmap locking API: add mmap_assert_locked() and
 * mmap_assert_write_locked()", where the kernel lacks them (v4.19 .. v5.7,
 * RHEL 8.3/8.4, Ubuntu 20.04, 5.4.y with the wrappers backported): the
 * same checks (a warning where upstream's has VM_BUG_ON_MM()), on the lock
 * under its name there.
 */

static inline void mmap_assert_locked(struct mm_struct *mm)
{
	lockdep_assert_held(hb_mmap_rwsem(mm));
	VM_WARN_ON(!rwsem_is_locked(hb_mmap_rwsem(mm)));
}

static inline void mmap_assert_write_locked(struct mm_struct *mm)
{
	lockdep_assert_held(hb_mmap_rwsem(mm));
	VM_WARN_ON(!rwsem_is_locked(hb_mmap_rwsem(mm)));
}
#endif /* !HB_HAVE_MMAP_ASSERT_LOCKED */

#endif /* _COMPAT_MMAP_LOCK_H */
