// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMAP_READ_TRYLOCK: the rest of v5.8's mmap locking API beside
 * mmap_read_lock() (probe mmap_read_lock.c): mmap_read_trylock(),
 * mmap_read_lock_killable(), mmap_write_lock_killable(),
 * mmap_write_downgrade(), same commit upstream, probed apart in case a
 * backport took only the common ones.
 * Distros: the probe says it.
 */
#include <linux/mm.h>

int hb_probe(struct mm_struct *mm);
int hb_probe(struct mm_struct *mm)
{
	if (!mmap_read_trylock(mm))
		return mmap_read_lock_killable(mm);
	mmap_read_unlock(mm);
	if (mmap_write_lock_killable(mm))
		return -1;
	mmap_write_downgrade(mm);
	mmap_read_unlock(mm);
	return 0;
}
