// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_INTERVAL_NOTIFIER_FINISH: two-pass interval notifiers,
 * mmu_interval_notifier_ops.invalidate_start/.invalidate_finish and
 * struct mmu_interval_notifier_finish.  Upstream v7.1, "mm/mmu_notifier:
 * Allow two-pass struct mmu_interval_notifiers" (in-tree user: xe).
 * The shim does not provide them (a header cannot add members to the
 * kernel's ops structure): a driver keeps its one-pass .invalidate under
 * #ifndef of this macro, as Intel's xe backports guard it.
 * Distros: the probe says it.
 */
#include <linux/mmu_notifier.h>

bool hb_probe(struct mmu_interval_notifier_finish *finish);
bool hb_probe(struct mmu_interval_notifier_finish *finish)
{
	static const struct mmu_interval_notifier_ops ops = {
		.invalidate_finish = NULL,
	};

	return ops.invalidate_start || finish->notifier;
}
