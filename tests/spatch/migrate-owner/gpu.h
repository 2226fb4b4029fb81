/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A 5.5/5.6 driver split like nouveau: its VRAM in vram.c (no hmm_ call
 * there), the GPU fault path in fault.c; spatch/migrate's owner test
 * (migrate-tests.sh).
 */
#ifndef GPU_H
#define GPU_H
#include <linux/hmm.h>
#include <linux/memremap.h>
#include <linux/mmu_notifier.h>

struct gpu_vram {
	struct dev_pagemap pagemap;
	struct resource *res;
};

struct gpu_device {
	struct gpu_vram vram;
	struct mutex lock;
};

struct gpu_window {
	struct mmu_interval_notifier notifier;
	struct gpu_device *gdev;
};

int gpu_vram_init(struct gpu_device *gdev);
#endif
