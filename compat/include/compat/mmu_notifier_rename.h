/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_notifier_rename.h - the kernel's <linux/mmu_notifier.h>, read
 * with the structures the shim declares again renamed, where the kernel
 * lacks members a driver of today's API names in them:
 *
 *  - struct mmu_notifier, struct mmu_notifier_ops (v5.4's .alloc_notifier,
 *    .free_notifier: compat/mmu_notifier_get.h), where the kernel has no
 *    mmu_notifier_get() (v4.19 .. v5.3, RHEL 8.1);
 *  - struct mmu_interval_notifier_ops (v7.1's .invalidate_start,
 *    .invalidate_finish: compat/mmu_interval_finish.h), where the kernel
 *    has the interval notifier but not the two passes (v5.5 .. v7.0, RHEL 8
 *    and 9); where the interval notifier is emulated the emulation's own
 *    structure has them (compat/mmu_interval.h).
 *
 * The kernel's structure becomes struct hb_kernel_<name> in the driver's
 * compilation (the kernel's code is not affected: the same objects, the
 * same layout), and the shim's struct <name> has the kernel's members at
 * the kernel's offsets, then the new ones.  Each piece is keyed on the
 * probe of what it provides; with neither, this reads the kernel's header
 * as it is.  Together with the owner's name (compat/mmu_notifier_owner.h),
 * this must come before the kernel's header is first read: <compat/hmm.h>
 * includes it first thing, and gentree's backport-include/linux/
 * mmu_notifier.h catches every include.
 */
#ifndef _COMPAT_MMU_NOTIFIER_RENAME_H
#define _COMPAT_MMU_NOTIFIER_RENAME_H

#include <hb_probes.h>
#include <compat/mmu_notifier_owner.h>

#if defined(CONFIG_MMU_NOTIFIER) && !defined(_LINUX_MMU_NOTIFIER_H)

#ifndef HB_HAVE_MMU_NOTIFIER_GET
#define HB_MMU_NOTIFIER_GET_EMUL	1
#define mmu_notifier		hb_kernel_mmu_notifier
#define mmu_notifier_ops	hb_kernel_mmu_notifier_ops
#endif

/* HB_FORCE_EMUL: the emulated interval notifier, whose ops have them. */
#if defined(HB_HAVE_MMU_INTERVAL_NOTIFIER) && \
	!defined(HB_HAVE_MMU_INTERVAL_NOTIFIER_FINISH) && \
	!defined(HB_FORCE_EMUL)
#define HB_MMU_INTERVAL_FINISH_EMUL	1
#define mmu_interval_notifier_ops	hb_kernel_mmu_interval_notifier_ops
#endif

/* Read now: a backport-include wrapper includes nothing else meanwhile. */
#define HB_MMU_NOTIFIER_RENAMED	1
#include <linux/mmu_notifier.h>
#undef HB_MMU_NOTIFIER_RENAMED
#undef mmu_notifier
#undef mmu_notifier_ops
#undef mmu_interval_notifier_ops

#endif /* CONFIG_MMU_NOTIFIER && !_LINUX_MMU_NOTIFIER_H */

#include <compat/mmu_notifier_get.h>
#include <compat/mmu_interval_finish.h>

#endif /* _COMPAT_MMU_NOTIFIER_RENAME_H */
