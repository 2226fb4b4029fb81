// SPDX-License-Identifier: GPL-2.0
/* The device memory of acc.h's driver. */
#include <linux/migrate.h>
#include "acc.h"

static vm_fault_t acc_migrate_to_ram(struct vm_fault *vmf)
{
	struct acc_dev *acc = container_of(vmf->page->pgmap, struct acc_dev,
					   pagemap);
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

int acc_vram_init(struct acc_dev *acc, struct resource *res)
{
	acc->pagemap.type = MEMORY_DEVICE_PRIVATE;
	acc->pagemap.res = *res;
	acc->pagemap.ops = &acc_pagemap_ops;
	return PTR_ERR_OR_ZERO(memremap_pages(&acc->pagemap, NUMA_NO_NODE));
}
