// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMAP_ASSERT_LOCKED: mmap_assert_locked() and
 * mmap_assert_write_locked() exist.  v5.8, "mmap locking API: add
 * mmap_assert_locked() and mmap_assert_write_locked()" (stable 5.4 kernels
 * got mmap_read_lock() but not these).
 * Distros: RHEL 8.5+.
 */
#include <linux/mm.h>

void hb_probe(struct mm_struct *mm);
void hb_probe(struct mm_struct *mm)
{
	mmap_assert_locked(mm);
	mmap_assert_write_locked(mm);
}
