/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_notifier_owner.h - mmu_notifier_range.owner, by either name.
 *
 * The device that caused an MMU_NOTIFY_MIGRATE (or MMU_NOTIFY_EXCLUSIVE)
 * invalidation, which that device's own notifier may ignore: v5.9 .. v5.13
 * (and RHEL 8.6 .. 8.10) call the member migrate_pgmap_owner, v5.14 renamed
 * it owner.  test_hmm, nouveau, amdkfd, xe and uvm read one or the other.
 *
 * Where the kernel says migrate_pgmap_owner, the preprocessor gives the
 * kernel's own member today's name as its <linux/mmu_notifier.h> is read:
 * the same member at the same offset, and those kernels' headers use the
 * name nowhere else, so kernel and driver agree on the structure, and the
 * old spelling (defined to the new) reaches it too.  That works only if
 * this header comes before the kernel's is first read: <compat/hmm.h>
 * includes it first thing, and gentree's backport-include/linux/
 * mmu_notifier.h catches every include.  A driver that includes
 * <rdma/ib_verbs.h>, <linux/kvm_host.h>, <linux/hmm.h> (which read the
 * kernel's header) before <compat/hmm.h> keeps the kernel's name only.
 *
 * HB_MMU_NOTIFIER_RANGE_OWNER is defined where range->owner compiles: the
 * kernel's member by either name, or the shim's own structure where the
 * kernel has none (v4.19, RHEL 8.1: no migration invalidations there,
 * owner always NULL).  Undefined on v5.0 .. v5.8, RHEL 8.3 .. 8.5 and
 * Ubuntu 20.04: their structure has no such member and cannot be given
 * one, but they never send MMU_NOTIFY_MIGRATE or MMU_NOTIFY_EXCLUSIVE
 * either, so a driver skips the test there:
 *
 *	#ifdef HB_MMU_NOTIFIER_RANGE_OWNER
 *		if (range->event == MMU_NOTIFY_MIGRATE && range->owner == me)
 *			return true;
 *	#endif
 */
#ifndef _COMPAT_MMU_NOTIFIER_OWNER_H
#define _COMPAT_MMU_NOTIFIER_OWNER_H

#include <hb_probes.h>

/*
 * The kernel's member is owner (the old name is then a driver's of v5.9 ..
 * v5.13), or migrate_pgmap_owner and its header is still to be read.
 */
#if defined(HB_HAVE_MMU_NOTIFIER_RANGE_OWNER) || \
	(defined(HB_HAVE_MMU_NOTIFIER_RANGE_MIGRATE_PGMAP_OWNER) && \
	 !defined(_LINUX_MMU_NOTIFIER_H))
#define migrate_pgmap_owner	owner
#define HB_MMU_NOTIFIER_RANGE_OWNER	1
#elif !defined(HB_HAVE_MMU_NOTIFIER_RANGE_STRUCT)
#define HB_MMU_NOTIFIER_RANGE_OWNER	1
#endif

#endif /* _COMPAT_MMU_NOTIFIER_OWNER_H */
