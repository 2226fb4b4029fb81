// SPDX-License-Identifier: GPL-2.0
/// The Linux 5.9 -> 6.16 step (generations G8a -> G8b in `versions`).
/// The HMM calls are unchanged (6.16 added <linux/hmm-dma.h> and the sticky
/// bits of hmm_pfns[], which drivers reach through the same names), but
/// from 6.6 on <linux/hmm.h> includes only <linux/mm.h> and forward-declares
/// struct mmu_interval_notifier: a driver using the interval notifier API
/// must include <linux/mmu_notifier.h> itself.  This step adds that include
/// after <linux/hmm.h> where it is missing.
//
// Confidence: High
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports).

virtual patch
virtual context
virtual report

@has_mn@
@@
#include <linux/mmu_notifier.h>

@uses_mni@
identifier f =~ "^mmu_interval_";
@@
f(...)

@depends on patch && uses_mni && !has_mn@
@@
#include <linux/hmm.h>
+#include <linux/mmu_notifier.h>

@r depends on report && uses_mni && !has_mn@
position p;
@@
#include <linux/hmm.h>@p

@script:python depends on r@
p << r.p;
@@
print("%s:%s: uses mmu_interval_* but relies on <linux/hmm.h> for <linux/mmu_notifier.h>, which 6.6+ no longer includes" % (p[0].file, p[0].line))
