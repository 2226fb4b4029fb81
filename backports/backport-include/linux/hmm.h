/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backport-include/linux/hmm.h - in a tree written by backports/gentree, the
 * driver's own `#include <linux/hmm.h>` lands here instead of on the
 * kernel's header, and is turned into the shim (<compat/hmm.h>), so that a
 * driver builds unchanged against any supported kernel.
 *
 * How it is reached first: the generated Kbuild puts -I backport-include in
 * NOSTDINC_FLAGS, which kbuild places before LINUXINCLUDE (the kernel's
 * include/ directories) on every compiler command line; ccflags-y would come
 * after them, too late.  This is how the Linux backports project does it.
 *
 * Why there is no recursion: <compat/hmm.h> itself includes <linux/hmm.h>
 * for the kernel's declarations, and that include arrives here again.  By
 * then compat/hmm.h's include guard (_COMPAT_HMM_H) is defined, so this file
 * steps aside with #include_next, which resumes the search in the
 * directories after backport-include/ and so reaches the kernel's own
 * header.  The same applies to any later include of <linux/hmm.h>, and to
 * the compat layer's own objects (compat/ *.c), which gentree compiles with
 * HB_GENTREE_COMPAT_OBJ: they include <compat/hmm.h> themselves and must
 * never be redirected to the driver's API generation.
 *
 * Which generation: a driver that defines HMM_COMPAT_API itself keeps it;
 * otherwise gentree passes the generation it detected (or was told) as
 * HB_GENTREE_API; 0 means today's API, which is what an undefined
 * HMM_COMPAT_API selects.
 */
#if defined(_COMPAT_HMM_H) || defined(HB_GENTREE_COMPAT_OBJ)
#include_next <linux/hmm.h>
#else
#if !defined(HMM_COMPAT_API) && defined(HB_GENTREE_API) && HB_GENTREE_API != 0
#define HMM_COMPAT_API HB_GENTREE_API
#endif
#include <compat/hmm.h>
#endif
