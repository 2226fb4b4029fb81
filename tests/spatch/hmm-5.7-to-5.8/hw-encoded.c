// SPDX-License-Identifier: GPL-2.0
/*
 * A GPU driver whose fault path hands the range the very array it then
 * sends to the hardware: requests and results in the hardware's page-table
 * format (the driver's flags/values arrays translate), a u64 array that
 * comes in as a parameter.  5.8 has no driver encoding: the check must
 * report the array (and the lock forms the step cannot rename).
 */
#include <linux/hmm.h>
#include <linux/mmu_notifier.h>

#define GPU_PTE_VALID	(1ULL << 0)
#define GPU_PTE_WRITE	(1ULL << 1)
#define GPU_PTE_SHIFT	12

static const u64 gpu_pte_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = GPU_PTE_VALID,
	[HMM_PFN_WRITE] = GPU_PTE_WRITE,
};

static const u64 gpu_pte_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = 0,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = 0,
};

struct gpu_vm {
	struct mutex lock;
	struct mm_struct *mm;
};

int gpu_push_ptes(struct gpu_vm *vm, u64 *ptes, unsigned long n);

static int gpu_fault_window(struct gpu_vm *vm, struct mmu_interval_notifier *mni,
			    u64 *ptes, unsigned long start, unsigned long n)
{
	struct hmm_range range = {
		.notifier = mni,
		.start = start,
		.end = start + (n << PAGE_SHIFT),
		.pfns = ptes,
		.flags = gpu_pte_flags,
		.values = gpu_pte_values,
		.pfn_shift = GPU_PTE_SHIFT,
	};
	long ret;

	do {
		range.notifier_seq = mmu_interval_read_begin(mni);
		down_read(&vm->mm->mmap_sem);
		ret = hmm_range_fault(&range);
		up_read(&vm->mm->mmap_sem);
		if (ret == -EBUSY)
			continue;
		if (ret < 0)
			return ret;
		mutex_lock(&vm->lock);
		if (!mmu_interval_read_retry(mni, range.notifier_seq))
			break;
		mutex_unlock(&vm->lock);
	} while (1);
	ret = gpu_push_ptes(vm, ptes, n);
	mutex_unlock(&vm->lock);
	return ret;
}

int gpu_fault(struct gpu_vm *vm, struct mmu_interval_notifier *mni,
	      unsigned long addr, bool write)
{
	u64 ptes[16];
	unsigned long i;

	lockdep_assert_held(&vm->mm->mmap_sem);
	for (i = 0; i < 16; i++)
		ptes[i] = GPU_PTE_VALID | (write ? GPU_PTE_WRITE : 0);
	return gpu_fault_window(vm, mni, ptes, addr, 16);
}
