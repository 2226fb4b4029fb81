/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backport-include/linux/mmu_notifier.h - in a tree written by
 * backports/gentree, every include of <linux/mmu_notifier.h> (the
 * driver's own, or one made for it by <linux/hmm.h>, <rdma/ib_verbs.h>,
 * <linux/kvm_host.h>) lands here first, so that the shim can give the
 * range's owner today's name before the kernel's header is read
 * (compat/mmu_notifier_owner.h: v5.9 .. v5.13 call it
 * migrate_pgmap_owner); then the kernel's header.
 */
#include <compat/mmu_notifier_owner.h>
#include_next <linux/mmu_notifier.h>
