/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_emul.h - which of the older HMM API generations the compat
 * layer emulates on the kernel being built: every one the kernel does not
 * have exactly (the hmm_api_g5x probes), the 5.2 .. 5.4 mirror APIs also
 * where it does unless HB_NATIVE_HMM_MIRROR (below), or all of them with
 * HB_FORCE_EMUL (so that the emulation can be tested where the native API
 * exists).
 *
 *   HB_EMUL_HMM_API_G52  5.2's hmm_mirror API     (HMM_COMPAT_API 0x050200)
 *   HB_EMUL_HMM_API_G53  5.3's                    (0x050300)
 *   HB_EMUL_HMM_API_G54  5.4's                    (0x050400)
 *   HB_EMUL_HMM_API_G55  5.5/5.6's range API      (0x050500)
 *   HB_EMUL_HMM_API_G57  5.7's range API          (0x050700)
 *   HB_EMUL_HMM_MIRROR_CORE  compat/hmm_mirror.c is needed (G52 .. G54)
 *   HB_EMUL_HMM_ENCODED      the driver-encoded pfn fault is needed (G52 .. G57)
 *
 * HB_GLUE_API, if defined (tests/driver/Kbuild passes a glue's generation
 * to the compat objects linked into its module), limits all of these to
 * that generation (its 5.2 glue links hmm_mirror53.c, which must then not
 * build the 5.3 entry points), and where the kernel has that generation
 * natively defines HB_GLUE_NATIVE, which also leaves out the emulated
 * interval notifier and hmm_range_fault(): a module whose generation is
 * native links no emulation code at all.
 */
#ifndef _COMPAT_HMM_EMUL_H
#define _COMPAT_HMM_EMUL_H

#include <hb_probes.h>

/*
 * Safe by default: the kernels' own 5.2 .. 5.4 mirror is not passed
 * through unless the build asks for it with HB_NATIVE_HMM_MIRROR.  Booted
 * with the project's suite and upstream hmm-tests, vanilla 5.2.1's oopses
 * on a hole between VMAs, and 5.4.286's fails on untouched pages, blesses
 * a range invalidated after the fault (stale pages: data corruption) and
 * livelocked in hmm_vma_walk_pmd(); the emulation of the same API on the
 * same kernels passes all of it.  Distro kernels that carry one of these
 * APIs (RHEL 8.3/8.4: 5.3's; Ubuntu 20.04: 5.4's) get the emulation too.
 * The 5.5+ APIs are passed through wherever the kernel has them.
 */
#if defined(HB_NATIVE_HMM_MIRROR) && !defined(HB_FORCE_EMUL) && \
	(defined(HB_HAVE_HMM_API_G52) || defined(HB_HAVE_HMM_API_G53) || \
	 defined(HB_HAVE_HMM_API_G54))
#pragma message("hmm-backports: HB_NATIVE_HMM_MIRROR: the kernel's own hmm_mirror " \
	"is used; vanilla 5.2/5.4's corrupt data and hang (README.md)")
#endif
#if !defined(HB_HAVE_HMM_API_G52) || defined(HB_FORCE_EMUL) || \
	!defined(HB_NATIVE_HMM_MIRROR)
#define HB_EMUL_HMM_API_G52 1
#endif
#if !defined(HB_HAVE_HMM_API_G53) || defined(HB_FORCE_EMUL) || \
	!defined(HB_NATIVE_HMM_MIRROR)
#define HB_EMUL_HMM_API_G53 1
#endif
#if !defined(HB_HAVE_HMM_API_G54) || defined(HB_FORCE_EMUL) || \
	!defined(HB_NATIVE_HMM_MIRROR)
#define HB_EMUL_HMM_API_G54 1
#endif
#if !defined(HB_HAVE_HMM_API_G55) || defined(HB_FORCE_EMUL)
#define HB_EMUL_HMM_API_G55 1
#endif
#if !defined(HB_HAVE_HMM_API_G57) || defined(HB_FORCE_EMUL)
#define HB_EMUL_HMM_API_G57 1
#endif

#ifdef HB_GLUE_API
/* Only the module's own generation, if the kernel lacks it. */
#if HB_GLUE_API == 0x050200 && defined(HB_EMUL_HMM_API_G52)
#define HB_GLUE_EMUL 1
#elif HB_GLUE_API == 0x050300 && defined(HB_EMUL_HMM_API_G53)
#define HB_GLUE_EMUL 1
#elif HB_GLUE_API == 0x050400 && defined(HB_EMUL_HMM_API_G54)
#define HB_GLUE_EMUL 1
#elif HB_GLUE_API == 0x050500 && defined(HB_EMUL_HMM_API_G55)
#define HB_GLUE_EMUL 1
#elif HB_GLUE_API == 0x050700 && defined(HB_EMUL_HMM_API_G57)
#define HB_GLUE_EMUL 1
#else
#define HB_GLUE_NATIVE 1
#endif
#if HB_GLUE_API != 0x050200 || !defined(HB_GLUE_EMUL)
#undef HB_EMUL_HMM_API_G52
#endif
#if HB_GLUE_API != 0x050300 || !defined(HB_GLUE_EMUL)
#undef HB_EMUL_HMM_API_G53
#endif
#if HB_GLUE_API != 0x050400 || !defined(HB_GLUE_EMUL)
#undef HB_EMUL_HMM_API_G54
#endif
#if HB_GLUE_API != 0x050500 || !defined(HB_GLUE_EMUL)
#undef HB_EMUL_HMM_API_G55
#endif
#if HB_GLUE_API != 0x050700 || !defined(HB_GLUE_EMUL)
#undef HB_EMUL_HMM_API_G57
#endif
#endif /* HB_GLUE_API */

#if defined(HB_EMUL_HMM_API_G52) || defined(HB_EMUL_HMM_API_G53) || \
	defined(HB_EMUL_HMM_API_G54)
#define HB_EMUL_HMM_MIRROR_CORE 1
#endif
#if defined(HB_EMUL_HMM_MIRROR_CORE) || defined(HB_EMUL_HMM_API_G55) || \
	defined(HB_EMUL_HMM_API_G57)
#define HB_EMUL_HMM_ENCODED 1
#endif

#endif /* _COMPAT_HMM_EMUL_H */
