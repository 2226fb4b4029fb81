// SPDX-License-Identifier: GPL-2.0
/*
 * A mirror per (mm, kind) found in a hash, its callbacks taking the
 * driver's lock through a helper that fails when it may not block, and
 * one release callback for every kind, in an array of tables; the mirror
 * is registered with mmap_sem held for write.  The set_seq goes after the
 * helper's check, the release is called on MMU_NOTIFY_RELEASE before it.
 */
#include <linux/hmm.h>
#include <linux/workqueue.h>

enum bo_kind { BO_GFX, BO_KFD };

struct bo_notifier {
	struct rw_semaphore lock;
	struct work_struct work;
	struct hmm_mirror mirror;
};

static int bo_read_lock(struct bo_notifier *bn, bool blockable)
{
	if (blockable)
		down_read(&bn->lock);
	else if (!down_read_trylock(&bn->lock))
		return -EAGAIN;
	return 0;
}

static void bo_release(struct hmm_mirror *mirror)
{
	struct bo_notifier *bn = container_of(mirror, struct bo_notifier, mirror);

	schedule_work(&bn->work);
}

static int bo_sync(struct hmm_mirror *mirror,
		   const struct mmu_notifier_range *update)
{
	struct bo_notifier *bn = container_of(mirror, struct bo_notifier, mirror);
	bool blockable = mmu_notifier_range_blockable(update);

	if (bo_read_lock(bn, blockable))
		return -EAGAIN;
	up_read(&bn->lock);
	return 0;
}

static struct hmm_mirror_ops bo_mirror_ops[] = {
	[BO_GFX] = {
		.sync_cpu_device_pagetables = bo_sync,
		.release = bo_release
	},
	[BO_KFD] = {
		.sync_cpu_device_pagetables = bo_sync,
		.release = bo_release
	},
};

int bo_notifier_init(struct bo_notifier *bn, struct mm_struct *mm,
		     enum bo_kind kind)
{
	int r;

	down_write(&mm->mmap_sem);
	bn->mirror.ops = &bo_mirror_ops[kind];
	r = hmm_mirror_register(&bn->mirror, mm);
	up_write(&mm->mmap_sem);
	return r;
}
