/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mm_flags.h - mm_flags_test() (v6.18) where the kernel lacks it:
 * before, mm->flags is an unsigned long of MMF_* bits.  MMF_* themselves
 * are in <linux/sched/coredump.h> (v4.11 .. v6.17, included by
 * <linux/oom.h>) or <linux/mm_types.h> (v6.18+).
 */
#ifndef _COMPAT_MM_FLAGS_H
#define _COMPAT_MM_FLAGS_H

#include <hb_probes.h>
#include <linux/bitops.h>
#include <linux/mm_types.h>
#include <linux/oom.h>

#ifndef HB_HAVE_MM_FLAGS_TEST
static inline bool mm_flags_test(int flag, const struct mm_struct *mm)
{
	return test_bit(flag, &mm->flags);
}
#endif

#endif /* _COMPAT_MM_FLAGS_H */
