/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_pfn_rename.h - the 4.17 .. 5.6 names of the pfn encoding
 * indices, mapped onto the neutral ones of compat/hmm_pfn_convert.h.
 * Included by compat/hmm.h for a 5.2, 5.3 or 5.4 driver, after the kernel's
 * own <linux/hmm.h> (whose HMM_PFN_* these names then shadow).  No include
 * guard: it only #defines.
 */
#define hmm_pfn_flag_e			hmm_compat_pfn_flag_e
#define HMM_PFN_VALID			HMM_COMPAT_PFN_VALID
#define HMM_PFN_WRITE			HMM_COMPAT_PFN_WRITE
#define HMM_PFN_DEVICE_PRIVATE		HMM_COMPAT_PFN_DEVICE_PRIVATE
#define HMM_PFN_FLAG_MAX		HMM_COMPAT_PFN_FLAG_MAX
#define hmm_pfn_value_e			hmm_compat_pfn_value_e
#define HMM_PFN_ERROR			HMM_COMPAT_PFN_ERROR
#define HMM_PFN_NONE			HMM_COMPAT_PFN_NONE
#define HMM_PFN_SPECIAL			HMM_COMPAT_PFN_SPECIAL
#define HMM_PFN_VALUE_MAX		HMM_COMPAT_PFN_VALUE_MAX
