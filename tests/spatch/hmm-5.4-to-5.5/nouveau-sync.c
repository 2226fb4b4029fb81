// SPDX-License-Identifier: GPL-2.0
/*
 * nouveau_svm.c of 5.4, reduced: a blockable check before the lock, an
 * empty release callback, registration under mmap_sem.
 */
struct nouveau_svmm {
	struct mm_struct *mm;
	struct hmm_mirror mirror;
	struct mutex mutex;
};

static int
nouveau_svmm_sync_cpu_device_pagetables(struct hmm_mirror *mirror,
					const struct mmu_notifier_range *update)
{
	struct nouveau_svmm *svmm = container_of(mirror, typeof(*svmm), mirror);

	if (!mmu_notifier_range_blockable(update))
		return -EAGAIN;
	mutex_lock(&svmm->mutex);
	nouveau_svmm_invalidate(svmm, update->start, update->end);
	mutex_unlock(&svmm->mutex);
	return 0;
}

static void
nouveau_svmm_release(struct hmm_mirror *mirror)
{
}

static const struct hmm_mirror_ops
nouveau_svmm = {
	.sync_cpu_device_pagetables = nouveau_svmm_sync_cpu_device_pagetables,
	.release = nouveau_svmm_release,
};

int nouveau_svmm_init(struct nouveau_svmm *svmm)
{
	int ret;

	svmm->mirror.ops = &nouveau_svmm;
	down_write(&svmm->mm->mmap_sem);
	ret = hmm_mirror_register(&svmm->mirror, svmm->mm);
	up_write(&svmm->mm->mmap_sem);
	return ret;
}

void nouveau_svmm_fini(struct nouveau_svmm *svmm)
{
	hmm_mirror_unregister(&svmm->mirror);
}

static int
nouveau_range_fault(struct nouveau_svmm *svmm, struct hmm_range *range)
{
	long ret;

	ret = hmm_range_register(range, &svmm->mirror);
	if (ret) {
		up_read(&svmm->mm->mmap_sem);
		return (int)ret;
	}
	if (!hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT)) {
		up_read(&svmm->mm->mmap_sem);
		return -EBUSY;
	}
	ret = hmm_range_fault(range, 0);
	if (ret <= 0) {
		up_read(&svmm->mm->mmap_sem);
		hmm_range_unregister(range);
		return ret;
	}
	return 0;
}

static bool
nouveau_range_done(struct hmm_range *range)
{
	bool ret = hmm_range_valid(range);

	hmm_range_unregister(range);
	return ret;
}
