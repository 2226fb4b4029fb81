// SPDX-License-Identifier: GPL-2.0
/*
 * Two kinds of mirror (graphics and compute) sharing one struct, with the
 * ops tables as an array indexed by kind.  Each table entry becomes an
 * mmu_interval_notifier_ops entry and the register inserts with the entry
 * the mirror's .ops named; the compute callback takes no lock, so its
 * set_seq is put first and reported.
 */
#include <linux/hmm.h>

enum acc_kind { ACC_GFX, ACC_COMPUTE, ACC_KINDS };

struct acc_mirror {
	struct hmm_mirror mirror;
	struct mutex lock;
	enum acc_kind kind;
};

static int acc_sync_gfx(struct hmm_mirror *mirror,
			const struct mmu_notifier_range *update)
{
	struct acc_mirror *am = container_of(mirror, struct acc_mirror, mirror);

	if (!mmu_notifier_range_blockable(update))
		return -EAGAIN;
	mutex_lock(&am->lock);
	mutex_unlock(&am->lock);
	return 0;
}

static int acc_sync_compute(struct hmm_mirror *mirror,
			    const struct mmu_notifier_range *update)
{
	return 0;
}

static struct hmm_mirror_ops acc_mirror_ops[ACC_KINDS] = {
	[ACC_GFX] = {
		.sync_cpu_device_pagetables = acc_sync_gfx,
	},
	[ACC_COMPUTE] = {
		.sync_cpu_device_pagetables = acc_sync_compute,
	},
};

int acc_mirror_init(struct acc_mirror *am, struct mm_struct *mm,
		    enum acc_kind kind)
{
	am->kind = kind;
	am->mirror.ops = &acc_mirror_ops[kind];
	return hmm_mirror_register(&am->mirror, mm);
}

void acc_mirror_fini(struct acc_mirror *am)
{
	hmm_mirror_unregister(&am->mirror);
}
