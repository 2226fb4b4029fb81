// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_INTERVAL_NOTIFIER_FINISH: two-pass interval notifiers,
 * mmu_interval_notifier_ops.invalidate_start/.invalidate_finish and
 * struct mmu_interval_notifier_finish.  Upstream v7.1, "mm/mmu_notifier:
 * Allow two-pass struct mmu_interval_notifiers" (in-tree user: xe).
 * Where the kernel has the interval notifier without them, the shim
 * declares the ops structure again with them and runs both passes from a
 * one-pass callback of its own (compat/mmu_interval_finish.h).
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
