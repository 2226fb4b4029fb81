// SPDX-License-Identifier: GPL-2.0
/*
 * int hmm_range_fault(range) with unsigned long hmm_pfns (v5.8+) on kernels
 * without it, or with HB_FORCE_EMUL on any kernel: see
 * compat/hmm_range_fault.h.  Compiles to nothing where the module uses the
 * kernel's own.
 *
 * How (per chunk of HB_HRF_CHUNK pages, checking the notifier sequence
 * before each chunk and at the end, -EBUSY if it moved):
 *  1. the request of every page is read from hmm_pfns[] (masked by
 *     pfn_flags_mask, or'ed with default_flags) and kept;
 *  2. look: each page's VMA is checked as the kernel's walk does (no VMA,
 *     or VM_IO/VM_PFNMAP, or no VM_READ: HMM_PFN_ERROR, or -EFAULT if a
 *     fault was requested there; VM_MIXEDMAP is walked, as from v6.0),
 *     then its page table entry is
 *     read without faulting: VALID (+WRITE, + the map order of a PMD/PUD
 *     leaf) for a present entry, 0 for none, a swap/migration entry or a
 *     NUMA-hinting one, ERROR for a special (non zero-page) pte;
 *  3. fault: pages whose request is not met (REQ_FAULT and not VALID, or
 *     REQ_WRITE and not WRITE) are faulted with get_user_pages_remote()
 *     (FOLL_WRITE for REQ_WRITE; -EPERM first if the VMA lacks VM_WRITE)
 *     without a pages array, so GUP takes no page reference at all: none
 *     is held after return, exactly as with the kernel's call;
 *  4. look again; the result is what the page tables say, not what GUP
 *     returned.  A request still not met after HB_HRF_TRIES faults gives
 *     -EBUSY (the caller retries with a new sequence).
 *
 * The look is lockless, as GUP-fast's: the page-table levels are read
 * once each (READ_ONCE) with interrupts disabled, which keeps page tables
 * from being freed under the walk (munmap frees them under mmap_lock for
 * read, and v6.5+ khugepaged without it), and the PMD is read again after
 * the pte to catch a table replaced meanwhile.  pte_offset_map_lock() is
 * not used: v6.5+ made it an out-of-line function modules cannot call.
 * What was read is only as good as the notifier sequence, as with the
 * kernel's call: a change that matters (unmap, write-protect, migration,
 * collapse) invalidates the interval, and the -EBUSY check or the caller's
 * mmu_interval_read_retry() catches it.
 *
 * Locking: the caller holds mmap_lock for read (asserted); nothing else is
 * taken here (GUP takes the page-table locks itself).
 *
 * Differences from the kernel's: device-private pages are never reported
 * to their owner (dev_private_owner is ignored: they are faulted back to
 * system memory when a fault is requested, and reported as 0 otherwise);
 * device-exclusive entries likewise; hugetlb pages are reported through
 * their PMD/PUD leaf, not hugetlb's own entry (same result on x86-64 and
 * arm64 block mappings, order 0 for arm64's contiguous-pte hugetlb).
 */
#include <linux/hugetlb.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <compat/hmm_range_fault.h>
#include <compat/export.h>
#include <compat/hmm_emul.h>

#if defined(HB_EMUL_HMM_RANGE_FAULT) && !defined(HB_GLUE_NATIVE)

/* Pages looked up and faulted at a time, between sequence checks. */
#define HB_HRF_CHUNK	64
/* Faults of one chunk before giving up with -EBUSY. */
#define HB_HRF_TRIES	3

/* What a page's request asks (kept per chunk across looks). */
#define HB_HRF_FAULT	1
#define HB_HRF_WRITE	2

#ifdef pmd_leaf
#define hb_pmd_leaf(pmd)	pmd_leaf(pmd)
#define hb_pud_leaf(pud)	pud_leaf(pud)
#elif defined(CONFIG_X86)
#define hb_pmd_leaf(pmd)	pmd_large(pmd)	/* before v5.6 */
#define hb_pud_leaf(pud)	pud_large(pud)
#elif defined(CONFIG_ARM64)
#define hb_pmd_leaf(pmd)	pmd_sect(pmd)	/* before v5.6 */
#define hb_pud_leaf(pud)	pud_sect(pud)
#else
#error "hmm_range_fault emulation: no pmd_leaf() on this kernel"
#endif

#ifdef HB_HAVE_PTEP_GET
#define hb_ptep_get(ptep)	ptep_get(ptep)
#else
#define hb_ptep_get(ptep)	READ_ONCE(*(ptep))
#endif

static long hb_hrf_gup(struct mm_struct *mm, unsigned long addr,
		       unsigned long npages, unsigned int gup_flags,
		       struct page **pages)
{
#if defined(HB_HAVE_GET_USER_PAGES_REMOTE_TASK)
	return get_user_pages_remote(NULL, mm, addr, npages, gup_flags, pages,
				     NULL, NULL);
#elif defined(HB_HAVE_GET_USER_PAGES_REMOTE_VMAS)
	return get_user_pages_remote(mm, addr, npages, gup_flags, pages, NULL,
				     NULL);
#else
	return get_user_pages_remote(mm, addr, npages, gup_flags, pages, NULL);
#endif
}

/* Which of @want's requests the entry @cpu does not meet. */
static unsigned int hb_hrf_unmet(unsigned int want, unsigned long cpu)
{
	if (!(want & HB_HRF_FAULT))
		return 0;
	if ((want & HB_HRF_WRITE) && !(cpu & HMM_PFN_WRITE))
		return HB_HRF_FAULT | HB_HRF_WRITE;
	if (!(cpu & HMM_PFN_VALID))
		return HB_HRF_FAULT;
	return 0;
}

static unsigned long hb_hrf_leaf(unsigned long pfn, bool write,
				 unsigned int order)
{
	return pfn | HMM_PFN_VALID | (write ? HMM_PFN_WRITE : 0) |
		((unsigned long)order << HMM_PFN_ORDER_SHIFT);
}

/*
 * The hmm_pfns entry for the page at @addr of @mm, from the page tables,
 * without faulting, in @entry; false if the PMD changed under the walk.
 */
static bool hb_hrf_lookup(struct mm_struct *mm, unsigned long addr,
			  unsigned long *entry)
{
	unsigned long flags, idx, ret = 0;
	bool stable = true;
	pgd_t pgd;
	p4d_t p4d;
	pud_t pud;
	pmd_t pmd, *pmdp;
	pte_t pte;

	local_irq_save(flags);
	pgd = READ_ONCE(*pgd_offset(mm, addr));
	if (pgd_none(pgd) || pgd_bad(pgd))
		goto out;
	p4d = READ_ONCE(*p4d_offset(&pgd, addr));
	if (p4d_none(p4d) || p4d_bad(p4d))
		goto out;
	pud = READ_ONCE(*pud_offset(&p4d, addr));
	if (pud_none(pud) || !pud_present(pud))
		goto out;
	if (hb_pud_leaf(pud)) {
		idx = (addr & ~PUD_MASK) >> PAGE_SHIFT;
		ret = hb_hrf_leaf(pud_pfn(pud) + idx, pud_write(pud),
				  PUD_SHIFT - PAGE_SHIFT);
		goto out;
	}
	if (pud_bad(pud)) {
		ret = HMM_PFN_ERROR;
		goto out;
	}
	pmdp = pmd_offset(&pud, addr);
	pmd = READ_ONCE(*pmdp);
	if (pmd_none(pmd) || !pmd_present(pmd) || pmd_protnone(pmd))
		goto out;
	if (hb_pmd_leaf(pmd)) {
		idx = (addr & ~PMD_MASK) >> PAGE_SHIFT;
		ret = hb_hrf_leaf(pmd_pfn(pmd) + idx, pmd_write(pmd),
				  PMD_SHIFT - PAGE_SHIFT);
		goto out;
	}
	if (pmd_bad(pmd)) {
		ret = HMM_PFN_ERROR;
		goto out;
	}
	pte = hb_ptep_get(pte_offset_kernel(&pmd, addr));
	if (pmd_val(pmd) != pmd_val(READ_ONCE(*pmdp))) {
		stable = false;
		goto out;
	}
	if (pte_none(pte) || !pte_present(pte) || pte_protnone(pte))
		goto out;
	if (pte_special(pte) && !is_zero_pfn(pte_pfn(pte)))
		ret = HMM_PFN_ERROR;
	else
		ret = hb_hrf_leaf(pte_pfn(pte), pte_write(pte), 0);
out:
	local_irq_restore(flags);
	*entry = ret;
	return stable;
}

/*
 * Step 2: fill @pfns for [start, end) from the VMAs and page tables.
 * -EFAULT if a fault was requested where none can happen.
 */
static int hb_hrf_look(struct mm_struct *mm, unsigned long start,
		       unsigned long end, const u8 *want, unsigned long *pfns)
{
	struct vm_area_struct *vma = NULL;
	unsigned long addr, i, entry;
	int tries;

	for (addr = start, i = 0; addr < end; addr += PAGE_SIZE, i++) {
		if (!vma || addr >= vma->vm_end)
			vma = find_vma(mm, addr);
		if (!vma || addr < vma->vm_start ||
		    (vma->vm_flags & (VM_IO | VM_PFNMAP)) ||
		    !(vma->vm_flags & VM_READ)) {
			entry = HMM_PFN_ERROR;
		} else {
			/* A PMD replaced thrice: the sequence has moved. */
			for (tries = 0; tries < HB_HRF_TRIES; tries++)
				if (hb_hrf_lookup(mm, addr, &entry))
					break;
		}
		if ((entry & HMM_PFN_ERROR) && (want[i] & HB_HRF_FAULT))
			return -EFAULT;
		pfns[i] = entry;
	}
	return 0;
}

/*
 * Step 3: fault @npages pages at @addr (for write if @write).  No pages
 * array is passed, so GUP takes no reference to drop and, on kernels that
 * break COW for any GUP taking a reference on a private mapping (v5.4.y and
 * others after the 2020 "gup: document and work around 'COW can break
 * either way'" backports), a read fault still maps the zero page, as the
 * kernel's hmm_range_fault() does.
 */
static int hb_hrf_fault(struct mm_struct *mm, unsigned long addr,
			unsigned long npages, bool write)
{
	unsigned long end = addr + (npages << PAGE_SHIFT), a;
	struct vm_area_struct *vma;
	long n;

	for (a = addr; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (!vma || a < vma->vm_start)
			return -EFAULT;
		if (write && !(vma->vm_flags & VM_WRITE))
			return -EPERM;
	}
	while (npages) {
		n = hb_hrf_gup(mm, addr, npages, write ? FOLL_WRITE : 0, NULL);
		if (n <= 0)
			return n ? n : -EFAULT;
		addr += n << PAGE_SHIFT;
		npages -= n;
	}
	return 0;
}

/* Steps 1-4 for [start, end), at most HB_HRF_CHUNK pages. */
static int hb_hrf_chunk(struct hb_hmm_range *range, unsigned long start,
			unsigned long end)
{
	struct mm_struct *mm = range->notifier->mm;
	unsigned long *pfns = range->hmm_pfns +
			      ((start - range->start) >> PAGE_SHIFT);
	unsigned long i, j, n = (end - start) >> PAGE_SHIFT;
	u8 want[HB_HRF_CHUNK];
	unsigned int unmet;
	int tries, ret;
	bool faulted;

	for (i = 0; i < n; i++) {
		unsigned long req = (pfns[i] & range->pfn_flags_mask) |
				    range->default_flags;

		want[i] = 0;
		if (req & HMM_PFN_REQ_FAULT)
			want[i] = HB_HRF_FAULT |
				  (req & HMM_PFN_REQ_WRITE ? HB_HRF_WRITE : 0);
	}
	for (tries = 0; ; tries++) {
		ret = hb_hrf_look(mm, start, end, want, pfns);
		if (ret)
			return ret;
		faulted = false;
		for (i = 0; i < n; i = j) {
			unmet = hb_hrf_unmet(want[i], pfns[i]);
			j = i + 1;
			if (!unmet)
				continue;
			if (tries == HB_HRF_TRIES)
				return -EBUSY;
			while (j < n && hb_hrf_unmet(want[j], pfns[j]) == unmet)
				j++;
			ret = hb_hrf_fault(mm, start + (i << PAGE_SHIFT), j - i,
					   unmet & HB_HRF_WRITE);
			if (ret)
				return ret;
			faulted = true;
		}
		if (!faulted)
			return 0;
		if (mmu_interval_check_retry(range->notifier,
					     range->notifier_seq))
			return -EBUSY;
	}
}

/**
 * hb_hmm_range_fault() - fault in and/or snapshot a range of an mm
 *	(hmm_range_fault() of v5.8+)
 * @range: the range; range->notifier is inserted on the mm, and
 *	range->notifier_seq came from mmu_interval_read_begin() on it
 *
 * The caller holds the mm's mmap_lock for read.  For every page of
 * [start, end), hmm_pfns[] (with pfn_flags_mask and default_flags) says
 * whether to fault it in (HMM_PFN_REQ_FAULT) and for write
 * (HMM_PFN_REQ_WRITE); on return each entry is the page's pfn with
 * HMM_PFN_VALID (+HMM_PFN_WRITE, + the map order), 0 if it is not mapped
 * and no fault was requested, or HMM_PFN_ERROR where nothing can be mapped.
 * No page reference is held: the result may only be used under the
 * driver's lock after mmu_interval_read_retry() said false.
 *
 * Return: 0; -EBUSY if the interval was invalidated meanwhile (begin
 * again); -EFAULT if a fault was requested where there is no VMA, no read
 * access or no struct page, or the fault failed; -EPERM for a write fault
 * requested in a VMA without write permission; -EINVAL for a misaligned or
 * empty range; another -errno from get_user_pages_remote().
 */
int hb_hmm_range_fault(struct hb_hmm_range *range)
{
	struct mm_struct *mm = range->notifier->mm;
	unsigned long addr = range->start, next;
	int ret;

	if (!PAGE_ALIGNED(range->start) || !PAGE_ALIGNED(range->end) ||
	    range->start >= range->end)
		return -EINVAL;
	mmap_assert_locked(mm);
	do {
		if (mmu_interval_check_retry(range->notifier,
					     range->notifier_seq))
			return -EBUSY;
		next = range->end - addr > HB_HRF_CHUNK * PAGE_SIZE ?
		       addr + HB_HRF_CHUNK * PAGE_SIZE : range->end;
		ret = hb_hrf_chunk(range, addr, next);
		if (ret)
			return ret;
		addr = next;
		cond_resched();
	} while (addr < range->end);
	if (mmu_interval_check_retry(range->notifier, range->notifier_seq))
		return -EBUSY;
	return 0;
}
EXPORT_SYMBOL_HB_HMM(hb_hmm_range_fault);

#endif /* HB_EMUL_HMM_RANGE_FAULT && !HB_GLUE_NATIVE */
