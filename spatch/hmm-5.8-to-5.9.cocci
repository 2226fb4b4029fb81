// SPDX-License-Identifier: GPL-2.0
/// The Linux 5.8 -> 5.9 step (generations G8 -> G8a in `versions`): 5.9
/// only added hmm_pfn_to_map_order() (HMM_PFN_ORDER_SHIFT); nothing a 5.8
/// driver calls changed, so this step rewrites nothing (spatch says "No
/// rules apply" in patch and report mode, which spatch/migrate takes as
/// such).  It exists so that spatch/migrate has a semantic patch for every
/// generation boundary.
//
// Confidence: High
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports).

virtual patch
virtual context
virtual report

// Nothing to rewrite; context mode shows the 5.9 addition where used.
@depends on context@
@@
* hmm_pfn_to_map_order(...)

