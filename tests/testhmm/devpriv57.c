// SPDX-License-Identifier: GPL-2.0
/*
 * devpriv57.c - a 5.7-API driver (HMM_COMPAT_API 0x050700, the
 * driver-encoded hmm_range_fault() of compat/hmm_encoded.c) with
 * device-private memory of its own, run at load time in the loading
 * process's mm.  One anonymous page is migrated into the module's
 * device-private memory; hmm_range_fault() with dev_private_owner set to
 * the module's owner must then report that device page (valid, writable,
 * its pfn) without faulting it, as 5.7 and today's kernels do, and with
 * another owner fault it back (here: the fault fails, the module's
 * migrate_to_ram() refuses, so hmm_range_fault() returns -EFAULT).
 *
 * Built twice by tests/harness/build.sh where the kernel has
 * DEVICE_PRIVATE: hb_test_devpriv57 on the kernel's own hmm_range_fault()
 * under the 5.7 encoding, hb_test_devpriv57emul with HB_FORCE_EMUL (on the
 * emulated interval notifier and hmm_range_fault()).  Results are TAP lines
 * in the kernel log ("<module>: TAP: ..."); the module always loads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#define HMM_COMPAT_API 0x050700

#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memremap.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <compat/hmm.h>

/* The device memory: a section-sized chunk, as lib/test_hmm.c's. */
#define HB_DEVMEM_SIZE	(256UL << 20)
/* hmm_range_fault() calls before a test gives up on -EBUSY. */
#define HB_TRIES	100

/* The driver's encoding, as 5.7 drivers wrote it. */
static const u64 hb_flags[HMM_PFN_FLAG_MAX] = {
	[HMM_PFN_VALID] = 1ULL << 0,
	[HMM_PFN_WRITE] = 1ULL << 1,
};

static const u64 hb_values[HMM_PFN_VALUE_MAX] = {
	[HMM_PFN_ERROR] = ~0ULL,
	[HMM_PFN_NONE] = 0,
	[HMM_PFN_SPECIAL] = ~1ULL,
};

static int hb_owner, hb_other_owner;
static struct dev_pagemap hb_pgmap;
static DEFINE_MUTEX(hb_lock);
static unsigned int hb_n, hb_failed;

/*
 * The device-memory API moved (tests/testhmm/Kbuild reads which one the
 * kernel's headers declare): v6.19+ frees folios and initialises a device
 * page with its pgmap and order; before, page_free() and the page alone.
 */
#ifdef HB_TEST_FOLIO_FREE
static void hb_devpriv_free(struct folio *folio)
{
}
#else
static void hb_devpriv_free(struct page *page)
{
}
#endif

static vm_fault_t hb_devpriv_migrate_to_ram(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct dev_pagemap_ops hb_devpriv_ops = {
#ifdef HB_TEST_FOLIO_FREE
	.folio_free = hb_devpriv_free,
#else
	.page_free = hb_devpriv_free,
#endif
	.migrate_to_ram = hb_devpriv_migrate_to_ram,
};

static bool hb_invalidate(struct mmu_interval_notifier *mni,
			  const struct mmu_notifier_range *range,
			  unsigned long cur_seq)
{
	if (mmu_notifier_range_blockable(range))
		mutex_lock(&hb_lock);
	else if (!mutex_trylock(&hb_lock))
		return false;
	mmu_interval_set_seq(mni, cur_seq);
	mutex_unlock(&hb_lock);
	return true;
}

static const struct mmu_interval_notifier_ops hb_mni_ops = {
	.invalidate = hb_invalidate,
};

static void hb_tap(bool ok, const char *name, const char *fmt, long a,
		   long b)
{
	char why[96] = "";

	hb_n++;
	if (!ok) {
		hb_failed++;
		snprintf(why, sizeof(why), fmt, a, b);
	}
	pr_info("TAP: %sok %u %s%s%s\n", ok ? "" : "not ", hb_n, name,
		ok ? "" : " # ", why);
}

/* Migrate the page at @addr of the current mm to the device page @dpage. */
static int hb_migrate_to_device(unsigned long addr, struct page *dpage)
{
	struct mm_struct *mm = current->mm;
	unsigned long src = 0, dst = 0;
	struct migrate_vma args = {
		.src = &src,
		.dst = &dst,
		.start = addr,
		.end = addr + PAGE_SIZE,
		.pgmap_owner = &hb_owner,
		.flags = MIGRATE_VMA_SELECT_SYSTEM,
	};
	int ret;

	mmap_read_lock(mm);
	args.vma = vma_lookup(mm, addr);
	ret = args.vma ? migrate_vma_setup(&args) : -EFAULT;
	if (!ret) {
		if (src & MIGRATE_PFN_MIGRATE) {
#ifdef HB_TEST_ZONE_DEVICE_PAGE_INIT_ORDER
			zone_device_page_init(dpage, &hb_pgmap, 0);
#else
			zone_device_page_init(dpage);
#endif
			dst = migrate_pfn(page_to_pfn(dpage)) |
			      MIGRATE_PFN_WRITE;
		} else {
			ret = -EBUSY;
		}
		migrate_vma_pages(&args);
		migrate_vma_finalize(&args);
		if (!ret && !(src & MIGRATE_PFN_MIGRATE))
			ret = -EBUSY;
	}
	mmap_read_unlock(mm);
	return ret;
}

/* The 5.7 hmm_range_fault() of the page at @addr, faulting it in. */
static long hb_fault(struct mmu_interval_notifier *mni, unsigned long addr,
		     void *owner, u64 *entry)
{
	struct mm_struct *mm = current->mm;
	struct hmm_range range = {
		.notifier = mni,
		.start = addr,
		.end = addr + PAGE_SIZE,
		.pfns = entry,
		.flags = hb_flags,
		.values = hb_values,
		.default_flags = hb_flags[HMM_PFN_VALID],
		.pfn_shift = PAGE_SHIFT,
		.dev_private_owner = owner,
	};
	long ret = -EBUSY;
	int i;

	for (i = 0; i < HB_TRIES && ret == -EBUSY; i++) {
		range.notifier_seq = mmu_interval_read_begin(mni);
		*entry = 0;
		mmap_read_lock(mm);
		ret = hmm_range_fault(&range);
		mmap_read_unlock(mm);
		if (ret < 0)
			continue;
		mutex_lock(&hb_lock);
		if (mmu_interval_read_retry(mni, range.notifier_seq))
			ret = -EBUSY;
		mutex_unlock(&hb_lock);
	}
	return ret;
}

static void hb_run(struct page *dpage)
{
	struct mmu_interval_notifier mni;
	unsigned long addr, dpfn = page_to_pfn(dpage);
	u64 entry;
	long ret;

	addr = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr)) {
		hb_tap(false, "setup", "vm_mmap: %ld, expected %ld", (long)addr,
		       0);
		return;
	}
	ret = put_user(0x5aU, (unsigned int __user *)addr);
	if (!ret)
		ret = hb_migrate_to_device(addr, dpage);
	hb_tap(!ret, "migrate_to_device", "migrate_vma: %ld, expected %ld", ret,
	       0);
	if (ret)
		goto unmap;
	ret = mmu_interval_notifier_insert(&mni, current->mm, addr, PAGE_SIZE,
					   &hb_mni_ops);
	if (ret) {
		hb_tap(false, "setup", "interval notifier insert: %ld, expected %ld",
		       ret, 0);
		goto unmap;
	}

	/* The owner's device page is reported as it is. */
	ret = hb_fault(&mni, addr, &hb_owner, &entry);
	hb_tap(ret == 1, "owner_fault_returns",
	       "hmm_range_fault: %ld, expected %ld (pages)", ret, 1);
	hb_tap(ret == 1 && entry >> PAGE_SHIFT == dpfn, "owner_reported_pfn",
	       "entry pfn 0x%lx, device page pfn 0x%lx",
	       (long)(entry >> PAGE_SHIFT), (long)dpfn);
	hb_tap(ret == 1 && (entry & hb_flags[HMM_PFN_VALID]) &&
	       (entry & hb_flags[HMM_PFN_WRITE]), "owner_reported_valid_write",
	       "entry flags 0x%lx, expected 0x%lx",
	       (long)(entry & ((1UL << PAGE_SHIFT) - 1)),
	       (long)(hb_flags[HMM_PFN_VALID] | hb_flags[HMM_PFN_WRITE]));

	/* Another owner's fault migrates it back, which this device refuses. */
	ret = hb_fault(&mni, addr, &hb_other_owner, &entry);
	hb_tap(ret == -EFAULT, "other_owner_faults_back",
	       "hmm_range_fault: %ld, expected %ld", ret, -EFAULT);

	mmu_interval_notifier_remove(&mni);
unmap:
	vm_munmap(addr, PAGE_SIZE);
}

static int __init hb_test_devpriv57_init(void)
{
	struct resource *res;
	void *ptr;

	pr_info("TAP: TAP version 13\n");
	pr_info("TAP: 1..5\n");
	res = request_free_mem_region(&iomem_resource, HB_DEVMEM_SIZE,
				      KBUILD_MODNAME);
	if (IS_ERR(res)) {
		hb_tap(false, "setup", "request_free_mem_region: %ld, expected %ld",
		       PTR_ERR(res), 0);
		return 0;
	}
	hb_pgmap.type = MEMORY_DEVICE_PRIVATE;
	hb_pgmap.range.start = res->start;
	hb_pgmap.range.end = res->end;
	hb_pgmap.nr_range = 1;
	hb_pgmap.ops = &hb_devpriv_ops;
	hb_pgmap.owner = &hb_owner;
	ptr = memremap_pages(&hb_pgmap, numa_node_id());
	if (IS_ERR(ptr)) {
		hb_tap(false, "setup", "memremap_pages: %ld, expected %ld",
		       PTR_ERR(ptr), 0);
	} else {
		hb_run(pfn_to_page(PHYS_PFN(res->start)));
		memunmap_pages(&hb_pgmap);
	}
	release_mem_region(res->start, resource_size(res));
	pr_info("TAP: # %s: %u passed, %u failed\n", KBUILD_MODNAME,
		hb_n - hb_failed, hb_failed);
	return 0;
}

static void __exit hb_test_devpriv57_exit(void)
{
}

module_init(hb_test_devpriv57_init);
module_exit(hb_test_devpriv57_exit);
MODULE_DESCRIPTION("hmm-backports: 5.7 API dev_private_owner test");
MODULE_LICENSE("GPL");
