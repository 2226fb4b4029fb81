// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMAP_READ_LOCK: the mmap locking API exists.  v5.8,
 * "mmap locking API: initial implementation as rwsem wrappers".
 * Distros: in RHEL 8.3+ and Ubuntu 20.04's 5.4 (and 5.4.y/5.7.y stable).
 */
#include <linux/mm.h>

void hb_probe(struct mm_struct *mm);
void hb_probe(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}
