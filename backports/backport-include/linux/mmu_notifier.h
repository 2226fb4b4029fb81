/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backport-include/linux/mmu_notifier.h - in a tree written by
 * backports/gentree, every include of <linux/mmu_notifier.h> (the
 * driver's own, or one made for it by <linux/hmm.h>, <rdma/ib_verbs.h>,
 * <linux/kvm_host.h>) lands here first, so that the shim can give the
 * range's owner today's name before the kernel's header is read
 * (compat/mmu_notifier_owner.h: v5.9 .. v5.13 call it
 * migrate_pgmap_owner) and, where the kernel lacks members a driver of
 * today's API names (v5.4's get/put, v7.1's two passes), read the
 * kernel's header itself under other structure names
 * (compat/mmu_notifier_rename.h); then the kernel's header.
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
