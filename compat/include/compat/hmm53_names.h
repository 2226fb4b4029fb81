/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm53_names.h - the 5.3 HMM mirror API's names mapped onto the
 * emulation's hmm_compat53_* ones.  Included by compat/hmm.h for a 5.3
 * driver, and for a 5.2 one (whose API is 5.3's plus a few names, which
 * compat/hmm.h maps after this).  Internal: do not include it directly.
 */
#ifndef _COMPAT_HMM53_NAMES_H
#define _COMPAT_HMM53_NAMES_H

#include <compat/hmm_names_reset.h>
#undef hmm_update
#undef hmm_mirror
#undef hmm_mirror_ops
#define hmm_update_event		hmm_compat53_update_event
#define HMM_UPDATE_INVALIDATE		HMM_COMPAT53_UPDATE_INVALIDATE
#define hmm_update			hmm_compat53_update
#define hmm_mirror			hmm_compat53_mirror
#define hmm_mirror_ops			hmm_compat53_mirror_ops
#define hmm_mirror_register		hmm_compat53_mirror_register
#define hmm_mirror_unregister		hmm_compat53_mirror_unregister
#define hmm_range			hmm_compat53_range
#define hmm_range_register		hmm_compat53_range_register
#define hmm_range_unregister		hmm_compat53_range_unregister
#define hmm_range_wait_until_valid	hmm_compat53_range_wait_until_valid
#define hmm_range_valid			hmm_compat53_range_valid
#define hmm_range_snapshot		hmm_compat53_range_snapshot
#define hmm_range_fault			hmm_compat53_range_fault
#define hmm_range_dma_map		hmm_compat53_range_dma_map
#define hmm_range_dma_unmap		hmm_compat53_range_dma_unmap
#define hmm_range_page_shift		hmm_compat53_range_page_shift
#define hmm_range_page_size		hmm_compat53_range_page_size
#define hmm_device_entry_to_page	hmm_compat53_device_entry_to_page
#define hmm_device_entry_to_pfn		hmm_compat53_device_entry_to_pfn
#define hmm_device_entry_from_page	hmm_compat53_device_entry_from_page
#define hmm_device_entry_from_pfn	hmm_compat53_device_entry_from_pfn
/* 5.2 .. 5.3 kept the 4.17 names as aliases. */
#undef hmm_pfn_to_pfn
#undef hmm_pfn_from_page
#undef hmm_pfn_from_pfn
#define hmm_pfn_to_page			hmm_compat53_device_entry_to_page
#define hmm_pfn_to_pfn			hmm_compat53_device_entry_to_pfn
#define hmm_pfn_from_page		hmm_compat53_device_entry_from_page
#define hmm_pfn_from_pfn		hmm_compat53_device_entry_from_pfn
#include <compat/hmm_pfn_rename.h>
#ifndef HMM_RANGE_DEFAULT_TIMEOUT
#define HMM_RANGE_DEFAULT_TIMEOUT	HMM_COMPAT53_RANGE_DEFAULT_TIMEOUT
#endif

#endif /* _COMPAT_HMM53_NAMES_H */
