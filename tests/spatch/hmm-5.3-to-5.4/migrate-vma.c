// SPDX-License-Identifier: GPL-2.0
/*
 * Device memory moved with 5.3's migrate_vma() and its callback table:
 * 5.4 replaced them with migrate_vma_setup()/pages()/finalize() on a
 * struct migrate_vma, which the step does not write; the check names each
 * place (this file has no HMM mirror call for the step to convert).
 */
#include <linux/hmm.h>
#include <linux/migrate.h>

static void vram_alloc_and_copy(struct vm_area_struct *vma,
				const unsigned long *src, unsigned long *dst,
				unsigned long start, unsigned long end,
				void *private)
{
	unsigned long i, n = (end - start) >> PAGE_SHIFT;

	for (i = 0; i < n; i++) {
		if (src[i] & MIGRATE_PFN_DEVICE)
			dst[i] = MIGRATE_PFN_ERROR;
	}
}

static void vram_finalize_and_map(struct vm_area_struct *vma,
				  const unsigned long *src,
				  const unsigned long *dst,
				  unsigned long start, unsigned long end,
				  void *private)
{
}

static const struct migrate_vma_ops vram_migrate_ops = {
	.alloc_and_copy = vram_alloc_and_copy,
	.finalize_and_map = vram_finalize_and_map,
};

int vram_migrate(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end, unsigned long *src, unsigned long *dst)
{
	return migrate_vma(&vram_migrate_ops, vma, start, end, src, dst, NULL);
}
