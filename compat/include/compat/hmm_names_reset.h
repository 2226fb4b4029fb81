/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_names_reset.h - forget every macro an earlier header may have
 * put on the HMM API's names, before compat/hmm.h maps them onto one older
 * generation's emulation: the kernel's own (5.4's HMM_FAULT_SNAPSHOT ...)
 * and those of compat/hmm_range_fault.h (where today's hmm_range_fault() is
 * itself emulated, as on v4.19 .. v5.7).  The kernel's declarations have
 * been parsed by then and keep their own names.  No include guard: it only
 * #undefs.
 */
#undef hmm_range
#undef hmm_range_fault
#undef hmm_pfn_flags
#undef hmm_pfn_to_page
#undef hmm_pfn_to_map_order
#undef hmm_pfn_to_phys
#undef HMM_PFN_VALID
#undef HMM_PFN_WRITE
#undef HMM_PFN_ERROR
#undef HMM_PFN_DMA_MAPPED
#undef HMM_PFN_P2PDMA
#undef HMM_PFN_P2PDMA_BUS
#undef HMM_PFN_NONE
#undef HMM_PFN_SPECIAL
#undef HMM_PFN_DEVICE_PRIVATE
#undef HMM_PFN_FLAG_MAX
#undef HMM_PFN_VALUE_MAX
#undef HMM_PFN_ORDER_SHIFT
#undef HMM_PFN_REQ_FAULT
#undef HMM_PFN_REQ_WRITE
#undef HMM_PFN_FLAGS
#undef HMM_FAULT_ALLOW_RETRY
#undef HMM_FAULT_SNAPSHOT
