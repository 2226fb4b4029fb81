// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_MIRROR: the kernel has struct hmm_mirror and
 * hmm_mirror_register() (v4.14 .. v5.4).  Removed in v5.5 by a22dd506400d
 * "mm/hmm: remove hmm_mirror and related".
 */
#include <linux/hmm.h>

int hb_probe(struct mm_struct *mm);
int hb_probe(struct mm_struct *mm)
{
	static struct hmm_mirror mirror;

	return hmm_mirror_register(&mirror, mm);
}
