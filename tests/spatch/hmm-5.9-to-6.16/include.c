// SPDX-License-Identifier: GPL-2.0
/* 6.6+ <linux/hmm.h> no longer includes <linux/mmu_notifier.h>. */
#include <linux/hmm.h>

unsigned long f(struct mmu_interval_notifier *mni)
{
	return mmu_interval_read_begin(mni);
}
