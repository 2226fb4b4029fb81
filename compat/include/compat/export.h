/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/export.h - EXPORT_SYMBOL_HB(sym): the compat layer's entry points are
 * exported when it is built as a module of its own (hmm_compat.ko, from
 * compat/Kbuild with HB_COMPAT_MODULE), which drivers packaged separately
 * build against through its Module.symvers (KBUILD_EXTRA_SYMBOLS), as
 * OFED's compat package is used.  Linked into a driver's own module
 * instead, nothing is exported: each such module has a private copy.
 *
 * Each is exported as upstream exports what it stands for: the interval
 * notifier GPL-only (mm/mmu_notifier.c), the hmm_* mirror and range calls
 * of every generation plain (mm/hmm.c: EXPORT_SYMBOL from v5.2's
 * hmm_mirror_register() to today's hmm_range_fault()), with
 * EXPORT_SYMBOL_HB_HMM(sym).
 */
#ifndef _COMPAT_EXPORT_H
#define _COMPAT_EXPORT_H

#ifdef HB_COMPAT_MODULE
#include <linux/export.h>
#define EXPORT_SYMBOL_HB(sym)	EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_HB_HMM	EXPORT_SYMBOL
#else
/* Nothing: an empty struct declaration takes the line's semicolon. */
#define EXPORT_SYMBOL_HB(sym)	struct hb_unexported_##sym
#define EXPORT_SYMBOL_HB_HMM	EXPORT_SYMBOL_HB
#endif

#endif /* _COMPAT_EXPORT_H */
