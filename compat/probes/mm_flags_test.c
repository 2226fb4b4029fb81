// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MM_FLAGS_TEST: mm->flags is a bitmap read with mm_flags_test()
 * (v6.18, "mm: convert core mm to mm_flags_*() accessors"); before, it is
 * an unsigned long read with test_bit().  No distro kernel of the matrix
 * is known to carry it earlier.
 */
#include <linux/mm_types.h>
#include <linux/oom.h>

bool hb_probe(const struct mm_struct *mm);
bool hb_probe(const struct mm_struct *mm)
{
	return mm_flags_test(MMF_OOM_SKIP, mm);
}
