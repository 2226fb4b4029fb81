/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm.h - the HMM mirror API a driver is written against, on the
 * kernel it is built for.
 *
 * A driver includes this header instead of <linux/hmm.h>.  On a kernel whose
 * native API is the one the driver is written for, this is a passthrough
 * that adds no code.
 */
#ifndef _COMPAT_HMM_H
#define _COMPAT_HMM_H

/*
 * The compile probes' answers for the kernel being built (compat/probe.sh,
 * `make probes`): HB_HAVE_* for every feature the shim keys on.
 */
#include <hb_probes.h>
/* Before the kernel's <linux/mmu_notifier.h> is first read: see there. */
#include <compat/mmu_notifier_owner.h>
#include <compat/mmu_notifier_rename.h>

/*
 * A driver says which API generation it is written against by defining
 * HMM_COMPAT_API (a KERNEL_VERSION-style number) before including this
 * header.  Undefined, or 0x050800 and later: the kernel's own API (the
 * newest kernel's, 0x061000, where undefined: compat/hmm_range_fault.h).
 */
#if !defined(HMM_COMPAT_API) || HMM_COMPAT_API >= 0x050800

/* 6.6 and later hmm.h only forward-declare the interval notifier. */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

/*
 * Where the kernel lacks them (or HB_FORCE_EMUL is defined before this
 * header), the interval notifier and hmm_range_fault() of v5.8+ are the
 * compat layer's (compat/mmu_interval_notifier.c, compat/hmm_range_fault.c,
 * which the module must link); elsewhere these add nothing.
 */
#include <compat/mmu_interval.h>
#include <compat/hmm_range_fault.h>
/*
 * <linux/hmm-dma.h> (v6.16): the kernel's, or compat/hmm_dma.c's, for a
 * driver of the newest API; it needs that API's encoding (the sticky bits),
 * which a driver written for 0x050800/0x050900 does not get.
 */
#if !defined(HMM_COMPAT_API) || HMM_COMPAT_API >= 0x061000
#include <compat/hmm_dma.h>
#endif

#elif HMM_COMPAT_API == 0x050700 || HMM_COMPAT_API == 0x050500

#include <compat/hmm_emul.h>
#if (HMM_COMPAT_API == 0x050700 && !defined(HB_EMUL_HMM_API_G57)) || \
	(HMM_COMPAT_API == 0x050500 && !defined(HB_EMUL_HMM_API_G55))
/* The kernel has this generation's API itself. */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#else
/*
 * The 5.5/5.6 (0x050500) and 5.7 (0x050700) API: the interval notifier
 * (the kernel's, or compat/mmu_interval.h's) and struct hmm_range with the
 * driver-encoded pfns/flags/values, on today's hmm_range_fault()
 * (compat/hmm_encoded.c).  Same name mapping scheme as 5.4 below.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <compat/hmm55_types.h>

#include <compat/hmm_names_reset.h>
#define hmm_range			hmm_compat55_range
#define hmm_device_entry_to_page	hmm_compat55_device_entry_to_page
#include <compat/hmm_pfn_rename.h>
#if HMM_COMPAT_API == 0x050500
#define hmm_range_fault			hmm_compat55_range_fault
#define HMM_FAULT_ALLOW_RETRY		HMM_COMPAT55_FAULT_ALLOW_RETRY
#define HMM_FAULT_SNAPSHOT		HMM_COMPAT55_FAULT_SNAPSHOT
#else
#define hmm_range_fault			hmm_compat57_range_fault
#endif
#ifndef HMM_RANGE_DEFAULT_TIMEOUT
#define HMM_RANGE_DEFAULT_TIMEOUT	1000
#endif
#endif /* HB_EMUL_HMM_API_G55/G57 */

#elif HMM_COMPAT_API == 0x050400

#include <compat/hmm_emul.h>
#ifndef HB_EMUL_HMM_API_G54
/* The kernel has the 5.4 API (struct hmm_mirror) itself. */
#include <linux/hmm.h>
#else
/*
 * The 5.4 mirror API (struct hmm_mirror, hmm_range_register(), uint64_t
 * pfns in a driver-defined encoding), emulated by compat/hmm_mirror.c on
 * the kernel's mmu_interval_notifier and hmm_range_fault(range) (or the
 * compat layer's, where the kernel lacks them: v4.19 .. v5.7).
 *
 * Name clash: 5.4 and the kernel both have struct hmm_range,
 * hmm_range_fault() and the enumerators HMM_PFN_VALID, HMM_PFN_WRITE and
 * HMM_PFN_ERROR, with different meanings (5.4: indices into the driver's
 * flags[]/values[] tables; today: bits of an unsigned long); on a kernel
 * with a native hmm_mirror of another generation, struct hmm_mirror too.
 * C has one namespace for each, so the two cannot both be declared under
 * those names.  Renaming the kernel's declarations out of the way (#define
 * before including <linux/hmm.h>) does not work: it would also rename the
 * symbols the module links against, and would have to be undone for any
 * later kernel header using them.  Instead:
 *  1. the kernel's <linux/hmm.h> is included first, so its declarations are
 *     parsed under their own names, and its include guard keeps it from
 *     being parsed again later;
 *  2. the emulation is declared under names the kernel never uses
 *     (hmm_compat54_*, HMM_COMPAT54_*, compat/hmm54_types.h), which
 *     compat/hmm_mirror.c includes next to the kernel's own names;
 *  3. only then are the 5.4 names #defined to the hmm_compat54_* ones
 *     (after compat/hmm_names_reset.h drops any earlier macro on them), so
 *     from here on the driver's `struct hmm_range`, `hmm_range_fault(r, 0)`
 *     and `flags[HMM_PFN_VALID]` are the emulation's.
 * Consequence: a driver written against 5.4 must not include a kernel
 * header that uses the kernel's struct hmm_range (none did in 5.4, e.g.
 * <drm/drm_gpusvm.h> is 6.12+) after this one, and cannot use the kernel's
 * own hmm_range_fault() in the same file.  A 5.4 driver's use of `struct
 * hmm` is not provided (5.4 drivers did not look inside it).
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <compat/hmm54_types.h>

#include <compat/hmm_names_reset.h>
#undef hmm_mirror
#undef hmm_mirror_ops
#define hmm_mirror			hmm_compat54_mirror
#define hmm_mirror_ops			hmm_compat54_mirror_ops
#define hmm_mirror_register		hmm_compat54_mirror_register
#define hmm_mirror_unregister		hmm_compat54_mirror_unregister
#define hmm_range			hmm_compat54_range
#define hmm_range_register		hmm_compat54_range_register
#define hmm_range_unregister		hmm_compat54_range_unregister
#define hmm_range_wait_until_valid	hmm_compat54_range_wait_until_valid
#define hmm_range_valid			hmm_compat54_range_valid
#define hmm_range_fault			hmm_compat54_range_fault
#define hmm_range_dma_map		hmm_compat54_range_dma_map
#define hmm_range_dma_unmap		hmm_compat54_range_dma_unmap
#define hmm_device_entry_to_page	hmm_compat54_device_entry_to_page
#define hmm_device_entry_to_pfn		hmm_compat54_device_entry_to_pfn
#define hmm_device_entry_from_page	hmm_compat54_device_entry_from_page
#define hmm_device_entry_from_pfn	hmm_compat54_device_entry_from_pfn

#include <compat/hmm_pfn_rename.h>

#define HMM_FAULT_ALLOW_RETRY		HMM_COMPAT54_FAULT_ALLOW_RETRY
#define HMM_FAULT_SNAPSHOT		HMM_COMPAT54_FAULT_SNAPSHOT
#ifndef HMM_RANGE_DEFAULT_TIMEOUT
#define HMM_RANGE_DEFAULT_TIMEOUT	HMM_COMPAT54_RANGE_DEFAULT_TIMEOUT
#endif
#endif /* HB_EMUL_HMM_API_G54 */

#elif HMM_COMPAT_API == 0x050300

#include <compat/hmm_emul.h>
#ifndef HB_EMUL_HMM_API_G53
/* The kernel has the 5.3 API itself. */
#include <linux/hmm.h>
#else
/*
 * The 5.3 mirror API (struct hmm_update callback, hmm_range_register()
 * by mirror with start/end/page_shift, hmm_range_snapshot() and
 * hmm_range_fault(range, block)), emulated by compat/hmm_mirror.c +
 * compat/hmm_mirror53.c.  The name clash with the kernel's API is resolved
 * as for 5.4 above: kernel header first, emulation under hmm_compat53_*
 * names, then the 5.3 names #defined onto them.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <compat/hmm53_types.h>

#include <compat/hmm53_names.h>
#endif /* HB_EMUL_HMM_API_G53 */

#elif HMM_COMPAT_API == 0x050200

#include <compat/hmm_emul.h>
#ifndef HB_EMUL_HMM_API_G52
/* The kernel has the 5.2 API itself. */
#include <linux/hmm.h>
#else
/*
 * The 5.2 mirror API: 5.3's (above) with hmm_range_register() by mm, the
 * transitional hmm_vma_fault()/hmm_vma_range_done() and
 * hmm_mirror_mm_is_alive() (compat/hmm52_types.h, compat/hmm_mirror52.c).
 * Same name mapping scheme as 5.3 and 5.4.
 */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>
#include <compat/hmm52_types.h>

#include <compat/hmm53_names.h>
#undef hmm_range_register
#undef hmm_mirror_mm_is_alive
#undef hmm_vma_fault
#undef hmm_vma_range_done
#define hmm_range_register		hmm_compat52_range_register
#define hmm_mirror_mm_is_alive		hmm_compat52_mirror_mm_is_alive
#define hmm_vma_fault			hmm_compat52_vma_fault
#define hmm_vma_range_done		hmm_compat52_vma_range_done
#endif /* HB_EMUL_HMM_API_G52 */

#else
/*
 * Supported: 0x050200, 0x050300, 0x050400, 0x050500, 0x050700; undefined
 * or >= 0x050800 for the kernel's own API.
 */
#error "compat/hmm.h: unsupported HMM_COMPAT_API"
#endif /* HMM_COMPAT_API */

/*
 * The mmap locking API of v5.8 (mmap_read_lock() ...), which the callers of
 * every generation's hmm_range_fault() need, where the kernel lacks it.
 */
#include <compat/mmap_lock.h>

/* The HMM Kconfig symbols as drivers of every generation test them. */
#include <compat/hmm_kconfig.h>

#endif /* _COMPAT_HMM_H */
