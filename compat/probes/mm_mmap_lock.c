// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MM_MMAP_LOCK: struct mm_struct's lock is named mmap_lock.  v5.8,
 * da1c55f1b272 "mmap locking API: rename mmap_sem to mmap_lock" (before:
 * mmap_sem).
 * Distros: RHEL 8 keeps mmap_sem under its backported mmap_read_lock()
 * wrappers (8.3+); Ubuntu 20.04's 5.4 likewise.
 */
#include <linux/mm_types.h>
#include <linux/rwsem.h>

int hb_probe(struct mm_struct *mm);
int hb_probe(struct mm_struct *mm)
{
	return rwsem_is_locked(&mm->mmap_lock);
}
