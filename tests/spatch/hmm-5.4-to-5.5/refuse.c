// SPDX-License-Identifier: GPL-2.0
/* What the step must not rewrite. */
struct foo {
	struct hmm_mirror mirror;
};

static int foo_sync(struct hmm_mirror *mirror,
		    const struct mmu_notifier_range *update)
{
	if (foo_busy(mirror))
		return -EBUSY;
	return 0;
}

static const struct hmm_mirror_ops foo_ops = {
	.sync_cpu_device_pagetables = foo_sync,
};

long foo_map(struct hmm_range *range, struct device *dev, dma_addr_t *d)
{
	return hmm_range_dma_map(range, dev, d, 0);
}
