/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A 5.5/5.6 driver split like nouveau: device memory in vram.c, the GPU
 * fault path in fault.c; spatch/migrate's owner test (migrate-tests.sh).
 */
#ifndef ACC_H
#define ACC_H
#include <linux/hmm.h>
#include <linux/memremap.h>
#include <linux/mmu_notifier.h>

struct acc_dev {
	struct dev_pagemap pagemap;
	struct mmu_interval_notifier notifier;
};

int acc_vram_init(struct acc_dev *acc, struct resource *res);
long acc_fault(struct acc_dev *acc, u64 *pfns, unsigned long start,
	       unsigned long end);
#endif
