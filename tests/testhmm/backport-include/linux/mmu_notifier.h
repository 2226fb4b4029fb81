/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test module's <linux/mmu_notifier.h> is the kernel's followed by the
 * shim's interval notifier (compat/mmu_interval.h: with HB_FORCE_EMUL, the
 * emulation's names), so that a file including it before <linux/hmm.h> is
 * on the shim too.  The compat objects (HB_GENTREE_COMPAT_OBJ) and the
 * shim's own includes of it get the kernel's header alone.  Before it, as
 * gentree's backport-include/linux/mmu_notifier.h does, the range's owner
 * by today's name (v5.10's test_hmm.c reads migrate_pgmap_owner, which
 * then reaches the kernel's member as owner: compat/mmu_notifier_owner.h)
 * and, where the kernel lacks members a driver of today's API names, the
 * kernel's header read under other structure names
 * (compat/mmu_notifier_rename.h, which includes this file for it: the
 * interval notifier then waits for the way out).
 */
/*
 * Only where the shim's headers are on the include path: kbuild compiles
 * the module's generated *.mod.c with NOSTDINC_FLAGS but not the module's
 * ccflags-y, and on some kernels (RHEL 9.6) its <linux/module.h> reads
 * this header too; it needs neither.
 */
#if defined(__has_include)
#if __has_include("compat/mmu_notifier_rename.h")
#include <compat/mmu_notifier_rename.h>
#endif
#endif
#include_next <linux/mmu_notifier.h>
#if !defined(HB_GENTREE_COMPAT_OBJ) && !defined(_COMPAT_MMU_INTERVAL_H) && \
	!defined(HB_MMU_NOTIFIER_RENAMED)
#include <compat/mmu_interval.h>
#endif
