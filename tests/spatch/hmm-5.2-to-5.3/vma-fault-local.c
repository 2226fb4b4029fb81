// SPDX-License-Identifier: GPL-2.0
/* nouveau_svm_fault() of 5.2: hmm_vma_fault() and hmm_vma_range_done(). */
struct nouveau_svmm {
	struct mm_struct *mm;
	struct hmm_mirror mirror;
	struct mutex mutex;
};

static int nouveau_svm_fault(struct nouveau_svm *svm)
{
	struct nouveau_svmm *svmm;
	struct hmm_range range;
	int ret;

	svmm = svm->svmm;
	down_read(&svmm->mm->mmap_sem);
	range.vma = find_vma(svmm->mm, svm->start);
	ret = hmm_vma_fault(&range, true);
	if (ret == 0) {
		mutex_lock(&svmm->mutex);
		if (!hmm_vma_range_done(&range)) {
			mutex_unlock(&svmm->mutex);
			return -EBUSY;
		}
		mutex_unlock(&svmm->mutex);
		up_read(&svmm->mm->mmap_sem);
	}
	return ret;
}
