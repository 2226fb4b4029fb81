// SPDX-License-Identifier: GPL-2.0
/* The VRAM of gpu.h's driver, as device-private pages. */
#include <linux/migrate.h>
#include "gpu.h"

static struct gpu_device *gpu_page_dev(struct page *page)
{
	return container_of(page->pgmap, struct gpu_device, vram.pagemap);
}

static vm_fault_t gpu_vram_to_ram(struct vm_fault *vmf)
{
	struct gpu_device *gdev = gpu_page_dev(vmf->page);
	unsigned long spfn = 0, dpfn = 0;
	struct migrate_vma mig = {
		.vma = vmf->vma,
		.src = &spfn,
		.dst = &dpfn,
		.start = vmf->address,
		.end = vmf->address + PAGE_SIZE,
	};
	vm_fault_t ret = 0;

	mutex_lock(&gdev->lock);
	if (migrate_vma_setup(&mig))
		ret = VM_FAULT_SIGBUS;
	else
		migrate_vma_finalize(&mig);
	mutex_unlock(&gdev->lock);
	return ret;
}

static const struct dev_pagemap_ops gpu_vram_ops = {
	.migrate_to_ram = gpu_vram_to_ram,
};

int gpu_vram_init(struct gpu_device *gdev)
{
	void *addr;

	gdev->vram.pagemap.type = MEMORY_DEVICE_PRIVATE;
	gdev->vram.pagemap.res = *gdev->vram.res;
	gdev->vram.pagemap.ops = &gpu_vram_ops;
	addr = memremap_pages(&gdev->vram.pagemap, NUMA_NO_NODE);
	return PTR_ERR_OR_ZERO(addr);
}
