// SPDX-License-Identifier: GPL-2.0
/* struct hmm_range lost vma in 5.4. */
int copied(struct nouveau_svmm *svmm, unsigned long start)
{
	struct vm_area_struct *vma;
	struct hmm_range range;

	vma = find_vma(svmm->mm, start);
	range.vma = vma;
	range.start = start;
	return nouveau_range_fault(svmm, &range);
}

int kept(struct mm_struct *mm, unsigned long start)
{
	struct hmm_range range;

	range.vma = find_vma(mm, start);
	if (!range.vma || range.vma->vm_start > start)
		return -EFAULT;
	return helper(range.vma->vm_mm, &range);
}
