// SPDX-License-Identifier: GPL-2.0
/*
 * Device memory and the fault path in one file: the pgmap set up field
 * by field, a migrate_to_ram that moves the device's pages back, a range
 * built in an initializer, and the 5.6 test for device-private entries,
 * whose flag value (ACC_VRAM, the flags array's entry) 5.7 no longer sets.
 */
#include <linux/hmm.h>
#include <linux/memremap.h>
#include <linux/migrate.h>
#include <linux/mmu_notifier.h>

#define ACC_VALID	(1 << 0)
#define ACC_WRITE	(1 << 1)
#define ACC_VRAM	(1 << 2)

struct acc_dev {
	struct dev_pagemap pagemap;
	struct mmu_interval_notifier notifier;
};

static const u64 acc_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = ACC_VALID,
	[HMM_PFN_WRITE] = ACC_WRITE,
	[HMM_PFN_DEVICE_PRIVATE] = ACC_VRAM,
};

static const u64 acc_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 1 << 3,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 1 << 4,
};

static struct acc_dev *page_to_acc(struct page *page)
{
	return container_of(page->pgmap, struct acc_dev, pagemap);
}

static vm_fault_t acc_migrate_to_ram(struct vm_fault *vmf)
{
	struct acc_dev *acc = page_to_acc(vmf->page);
	unsigned long src = 0, dst = 0;
	struct migrate_vma args = {
		.vma = vmf->vma,
		.start = vmf->address,
		.end = vmf->address + PAGE_SIZE,
		.src = &src,
		.dst = &dst,
	};

	if (migrate_vma_setup(&args) < 0)
		return VM_FAULT_SIGBUS;
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	return 0;
}

static const struct dev_pagemap_ops acc_pagemap_ops = {
	.migrate_to_ram = acc_migrate_to_ram,
};

int acc_init(struct acc_dev *acc, struct resource *res)
{
	acc->pagemap.type = MEMORY_DEVICE_PRIVATE;
	acc->pagemap.res = *res;
	acc->pagemap.ops = &acc_pagemap_ops;
	return PTR_ERR_OR_ZERO(memremap_pages(&acc->pagemap, NUMA_NO_NODE));
}

static void acc_convert(struct hmm_range *range, unsigned long npages)
{
	unsigned long i;

	for (i = 0; i < npages; i++) {
		struct page *page;

		page = hmm_device_entry_to_page(range, range->pfns[i]);
		if (page == NULL)
			continue;
		if (!(range->pfns[i] & range->flags[HMM_PFN_DEVICE_PRIVATE]))
			continue;
		range->pfns[i] &= (1UL << range->pfn_shift) - 1;
	}
}

long acc_fault(struct mmu_interval_notifier *mni, u64 *pfns)
{
	struct acc_dev *acc = container_of(mni, struct acc_dev, notifier);
	unsigned long npages;
	struct hmm_range range = {
		.notifier = mni,
		.flags = acc_flags,
		.values = acc_values,
		.pfns = pfns,
		.pfn_shift = 12,
		.start = mni->interval_tree.start,
		.end = mni->interval_tree.last + 1,
	};
	long ret;

	npages = (range.end - range.start) >> PAGE_SHIFT;
	range.notifier_seq = mmu_interval_read_begin(mni);
	ret = hmm_range_fault(&range, 0);
	if (ret > 0 && acc->pagemap.type == MEMORY_DEVICE_PRIVATE)
		acc_convert(&range, npages);
	return ret;
}
