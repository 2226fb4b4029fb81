// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_HMM_API_G54: the kernel's mirror API is exactly 5.4's:
 * hmm_range_register(range, mirror), hmm_range_fault(range, flags) with
 * HMM_FAULT_SNAPSHOT, callbacks taking struct mmu_notifier_range (v5.4
 * only; hmm_mirror was removed in v5.5 by a22dd506400d).  Where it holds,
 * HMM_COMPAT_API 0x050400 is a passthrough.
 * Distros: Ubuntu 20.04 (5.4.0-*) carries exactly this API.
 */
#include <linux/bug.h>
#include <linux/hmm.h>

int hb_probe(struct hmm_mirror_ops *ops);
int hb_probe(struct hmm_mirror_ops *ops)
{
	int (*reg)(struct hmm_range *range, struct hmm_mirror *mirror) = NULL;
	long (*fault)(struct hmm_range *range, unsigned int flags) = NULL;
	int (*sync)(struct hmm_mirror *mirror,
		    const struct mmu_notifier_range *update) = NULL;

	BUILD_BUG_ON(!__same_type(reg, &hmm_range_register));
	BUILD_BUG_ON(!__same_type(fault, &hmm_range_fault));
	BUILD_BUG_ON(!__same_type(sync, ops->sync_cpu_device_pagetables));
	return HMM_FAULT_SNAPSHOT;
}
