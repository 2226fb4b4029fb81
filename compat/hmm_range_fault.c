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
 *     NUMA-hinting one, ERROR for a special (non zero-page) pte.  A
 *     device-private entry (pte, or PMD where the kernel has device-private
 *     THPs) whose page's pgmap->owner is the range's dev_private_owner is
 *     reported as mm/hmm.c reports it: the device page's pfn, VALID, +WRITE
 *     if the entry is writable, never faulted whatever the request; any
 *     other device-private or device-exclusive entry is 0;
 *  3. fault: pages whose request is not met (REQ_FAULT and not VALID, or
 *     REQ_WRITE and not WRITE) are faulted with get_user_pages_remote()
 *     (FOLL_WRITE for REQ_WRITE, FOLL_HONOR_NUMA_FAULT where GUP needs it
 *     to fault a NUMA-hinting pte; -EPERM first if the VMA lacks
 *     VM_WRITE) without a pages array, so GUP takes no page reference at
 *     all: none is held after return, exactly as with the kernel's call.
 *     GUP's fault is handle_mm_fault(), as mm/hmm.c's: another owner's
 *     device-private page migrates back to system memory (its pgmap's
 *     migrate_to_ram()), a device-exclusive entry is restored, a migration
 *     entry is waited for;
 *  4. look again; the result is what the page tables say, not what GUP
 *     returned.  -EBUSY as soon as the notifier sequence moved (checked
 *     after every round of faults), as mm/hmm.c; a request still not met
 *     after HB_HRF_TRIES rounds of successful faults with the sequence
 *     unchanged is -EFAULT (mm/hmm.c would fault again for ever; see
 *     hb_hrf_chunk()).
 *
 * The look is lockless, as GUP-fast's, and goes a page table at a time
 * (the pages of one PMD entry, in one VMA), as mm/hmm.c's walk: the upper
 * levels are read once each (READ_ONCE), then the ptes, all with
 * interrupts disabled, which keeps page tables from being freed under the
 * walk (munmap frees them under mmap_lock for read, and v6.5+ khugepaged
 * without it), and the PMD entry is read again after the last pte to catch
 * a table replaced meanwhile.  Each level's entry is
 * found from the real pointer to the level above (pmd_offset(pudp), not
 * from a copy of the pud): where a level is folded (2-level arm64 with 64K
 * pages) the PMD entry is the upper entry itself, and the recheck must read
 * the page table, not the walk's own copy.  The upper levels are stable
 * while mmap_lock is held for read over an address inside a VMA: only
 * free_pgtables() clears them, and it runs on VMAs already detached.
 * pte_offset_map_lock() is not used: v6.5+ made it an out-of-line function
 * modules cannot call.
 *
 * 64-bit kernels only: on 32-bit the lockless read of a PAE PMD can tear
 * (GUP-fast needs pmdp_get_lockless() there) and HIGHPTE page tables are
 * not in the kernel's direct map; neither is handled here, so the build
 * stops with an error saying so.
 * What was read is only as good as the notifier sequence, as with the
 * kernel's call: a change that matters (unmap, write-protect, migration,
 * collapse) invalidates the interval, and the -EBUSY check or the caller's
 * mmu_interval_read_retry() catches it.
 *
 * Locking: the caller holds mmap_lock for read (asserted); nothing else is
 * taken here (GUP takes the page-table locks itself).
 *
 * Differences from the kernel's (v7.x mm/hmm.c): hugetlb pages are reported
 * through their PMD/PUD leaf, not hugetlb's own entry (same result on
 * x86-64 and arm64 block mappings, order 0 for arm64's contiguous-pte
 * hugetlb); a device-private PMD entry of the owner is reported per page
 * with that page's own pfn (v7.x mm/hmm.c numbers the pages from the
 * head's pfn at the range's first address in the PMD: the same where the
 * range starts at the PMD's start, as test_hmm's do); a fault is GUP, so
 * a failed fault's errno is GUP's (-EHWPOISON for a poisoned page, -EINTR
 * on a fatal signal, where mm/hmm.c says -EFAULT); a request that
 * successful faults cannot meet is -EFAULT after HB_HRF_TRIES rounds
 * instead of an endless loop; marker ptes other than uffd-wp are faulted
 * by GUP (-EFAULT for a guard region, as mm/hmm.c).  Device-private pages
 * exist only with CONFIG_DEVICE_PRIVATE, and have an owner a range can name
 * only from v5.7 (struct dev_pagemap's owner): elsewhere none is reported,
 * every one is faulted back where a fault is requested (4.19 .. 5.6 kernels
 * reported them to any mirror with their own HMM_PFN_DEVICE_PRIVATE flag,
 * which today's API has not).
 */
#include <linux/hugetlb.h>
#include <linux/kernel.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <compat/hmm_range_fault.h>
#include <compat/export.h>
#include <compat/hmm_emul.h>

#if defined(HB_EMUL_HMM_RANGE_FAULT) && !defined(HB_GLUE_NATIVE)

#ifndef CONFIG_64BIT
#error "hmm-backports: the emulated hmm_range_fault() (kernels before v5.8, \
or HB_FORCE_EMUL) needs a 64-bit kernel: its lockless page-table walk would \
tear 32-bit PAE entries and cannot reach HIGHPTE page tables"
#endif

#ifdef HB_HAVE_SOFTLEAF_IS_DEVICE_PRIVATE
#include <linux/leafops.h>
#endif

/* Pages looked up and faulted at a time, between sequence checks. */
#define HB_HRF_CHUNK	64
/*
 * Rounds of faults of one chunk, the sequence unchanged after each, before
 * a request still not met is given up with -EFAULT; also how often a PMD
 * replaced under the lockless look is read again.
 */
#define HB_HRF_TRIES	3

/* What a page's request asks (kept per chunk across looks). */
#define HB_HRF_FAULT	1
#define HB_HRF_WRITE	2
/*
 * Set by the last look: the page is a device-private page of the range's
 * dev_private_owner, reported as it is and never faulted, whatever the
 * request (mm/hmm.c's rule).
 */
#define HB_HRF_OWNED	4

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
	/*
	 * A NUMA-hinting (PROT_NONE) pte is not a valid mapping to the look
	 * (nor to mm/hmm.c), so GUP must fault it as handle_mm_fault() does:
	 * from v6.6 GUP follows it without faulting unless told.
	 */
#ifdef HB_HAVE_FOLL_HONOR_NUMA_FAULT
	gup_flags |= FOLL_HONOR_NUMA_FAULT;
#endif
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
	if (!(want & HB_HRF_FAULT) || (want & HB_HRF_OWNED))
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
 * Device-private pages a range can own: DEVICE_PRIVATE, and pgmaps with an
 * owner (v5.7+); before, every device-private entry is faulted back.
 */
#if defined(CONFIG_DEVICE_PRIVATE) && defined(HB_HAVE_DEV_PAGEMAP_OWNER)
#define HB_HRF_DEVPRIV 1
#endif

#ifdef HB_HRF_DEVPRIV
#ifdef HB_HAVE_PAGE_PGMAP
#define hb_page_pgmap(page)	page_pgmap(page)
#else
#define hb_page_pgmap(page)	((page)->pgmap)
#endif

/*
 * The hmm_pfns entry of a device-private page of @owner (the range's
 * dev_private_owner) at the non-present, non-none pte @pte, as mm/hmm.c
 * reports it without faulting: the device page's pfn, VALID, +WRITE if the
 * entry is writable.  0 for any other entry (a swap, migration or
 * device-exclusive entry, a marker, another owner's device page): not
 * valid, faulted if a fault was requested, as mm/hmm.c does.
 */
static unsigned long hb_hrf_devpriv_pte(pte_t pte, void *owner)
{
	unsigned long pfn;
	bool write;
#ifdef HB_HAVE_SOFTLEAF_IS_DEVICE_PRIVATE
	softleaf_t e = softleaf_from_pte(pte);

	if (!owner || !softleaf_is_device_private(e))
		return 0;
	pfn = softleaf_to_pfn(e);
	write = softleaf_is_device_private_write(e);
#else
	swp_entry_t e = pte_to_swp_entry(pte);

	if (!owner || !is_device_private_entry(e))
		return 0;
#ifdef HB_HAVE_SWP_OFFSET_PFN
	pfn = swp_offset_pfn(e);
#else
	pfn = swp_offset(e);
#endif
#ifdef HB_HAVE_IS_WRITABLE_DEVICE_PRIVATE_ENTRY
	write = is_writable_device_private_entry(e);
#else
	write = is_write_device_private_entry(e);
#endif
#endif
	if (hb_page_pgmap(pfn_to_page(pfn))->owner != owner)
		return 0;
	return hb_hrf_leaf(pfn, write, 0);
}

#ifdef HB_HAVE_SOFTLEAF_IS_DEVICE_PRIVATE
/*
 * The same for a non-present PMD (v6.19+: device-private THPs): the entry
 * of the page at @addr, with the PMD's map order, or 0.
 */
static unsigned long hb_hrf_devpriv_pmd(pmd_t pmd, unsigned long addr,
					void *owner)
{
	softleaf_t e = softleaf_from_pmd(pmd);
	unsigned long pfn;

	if (!owner || !softleaf_is_device_private(e))
		return 0;
	pfn = softleaf_to_pfn(e);
	if (hb_page_pgmap(pfn_to_page(pfn))->owner != owner)
		return 0;
	return hb_hrf_leaf(pfn + ((addr & ~PMD_MASK) >> PAGE_SHIFT),
			   softleaf_is_device_private_write(e),
			   PMD_SHIFT - PAGE_SHIFT);
}
#endif
#endif /* HB_HRF_DEVPRIV */

/*
 * Page @k of a batch: its entry, the driver's sticky bits kept.  False,
 * and the entry left as it was, where a fault was requested and none can
 * happen (the call fails -EFAULT): mm/hmm.c never writes HMM_PFN_ERROR over
 * such a request either.  A driver's entry there may still be
 * HMM_PFN_VALID | HMM_PFN_DMA_MAPPED (munmap() detaches the VMA before its
 * invalidation runs, under mmap_lock for read): turned into an ERROR entry
 * that keeps DMA_MAPPED, hmm_dma_unmap_pfn() would no longer unmap it.
 */
static bool hb_hrf_set(u8 *want, unsigned long *pfns, unsigned long k,
		       unsigned long entry, bool owned)
{
	if ((entry & HMM_PFN_ERROR) && (want[k] & HB_HRF_FAULT))
		return false;
	want[k] = owned ? want[k] | HB_HRF_OWNED : want[k] & ~HB_HRF_OWNED;
	/* The driver's sticky bits stay, as mm/hmm.c keeps them. */
	pfns[k] = (pfns[k] & HB_HMM_PFN_INOUT_FLAGS) | entry;
	return true;
}

/*
 * @n pages of a batch, all the same (an entry above the page table).
 * Return: @n, or -EFAULT (hb_hrf_set()).
 */
static long hb_hrf_fill(u8 *want, unsigned long *pfns, unsigned long n,
			unsigned long entry)
{
	unsigned long k;

	for (k = 0; k < n; k++)
		if (!hb_hrf_set(want, pfns, k, entry, false))
			return -EFAULT;
	return n;
}

/* @n pages of a PMD or PUD leaf, the first one @pfn, mapped in order @order. */
static long hb_hrf_fill_leaf(u8 *want, unsigned long *pfns, unsigned long n,
			     unsigned long pfn, bool write, unsigned int order)
{
	unsigned long k;

	for (k = 0; k < n; k++)
		hb_hrf_set(want, pfns, k, hb_hrf_leaf(pfn + k, write, order),
			   false);	/* never an ERROR entry */
	return n;
}

/* The hmm_pfns entry of the present or non-present pte @pte. */
static unsigned long hb_hrf_pte(pte_t pte, void *owner, bool *owned)
{
	*owned = false;
	if (pte_none(pte))
		return 0;
	if (!pte_present(pte)) {
#ifdef HB_HRF_DEVPRIV
		unsigned long entry = hb_hrf_devpriv_pte(pte, owner);

		*owned = entry != 0;
		return entry;
#else
		return 0;
#endif
	}
	if (pte_protnone(pte))
		return 0;
	if (pte_special(pte) && !is_zero_pfn(pte_pfn(pte)))
		return HMM_PFN_ERROR;
	return hb_hrf_leaf(pte_pfn(pte), pte_write(pte), 0);
}

/*
 * The hmm_pfns entries for @n pages from @addr of @mm, all under one PMD
 * entry (one page table), from the page tables, without faulting, into
 * @pfns; HB_HRF_OWNED set in @want for a device-private page of @owner
 * (reported, never faulted), cleared for any other.  The upper levels are
 * walked once for the batch and its ptes read with interrupts disabled
 * throughout, the PMD entry read again after the last (a page table
 * replaced meanwhile: -EAGAIN, the batch is read again).
 * Return: @n, -EAGAIN, or -EFAULT (hb_hrf_set()).
 */
static long hb_hrf_lookup(struct mm_struct *mm, unsigned long addr,
			  unsigned long n, void *owner, u8 *want,
			  unsigned long *pfns)
{
	unsigned long flags, k, entry;
	long ret = n;
	pgd_t pgd, *pgdp;
	p4d_t p4d, *p4dp;
	pud_t pud, *pudp;
	pmd_t pmd, *pmdp;
	pte_t *ptep;
	bool owned;

	local_irq_save(flags);
	pgdp = pgd_offset(mm, addr);
	pgd = READ_ONCE(*pgdp);
	if (pgd_none(pgd) || pgd_bad(pgd))
		goto none;
	p4dp = p4d_offset(pgdp, addr);
	p4d = READ_ONCE(*p4dp);
	if (p4d_none(p4d) || p4d_bad(p4d))
		goto none;
	pudp = pud_offset(p4dp, addr);
	pud = READ_ONCE(*pudp);
	if (pud_none(pud) || !pud_present(pud))
		goto none;
	if (hb_pud_leaf(pud)) {
		hb_hrf_fill_leaf(want, pfns, n, pud_pfn(pud) +
				 ((addr & ~PUD_MASK) >> PAGE_SHIFT),
				 pud_write(pud), PUD_SHIFT - PAGE_SHIFT);
		goto out;
	}
	if (pud_bad(pud)) {
		ret = hb_hrf_fill(want, pfns, n, HMM_PFN_ERROR);
		goto out;
	}
	/* The page table's own entry, even where the PMD level is folded. */
	pmdp = pmd_offset(pudp, addr);
	pmd = READ_ONCE(*pmdp);
	if (pmd_none(pmd))
		goto none;
	if (!pmd_present(pmd)) {
#if defined(HB_HRF_DEVPRIV) && defined(HB_HAVE_SOFTLEAF_IS_DEVICE_PRIVATE)
		for (k = 0; k < n; k++) {
			entry = hb_hrf_devpriv_pmd(pmd, addr + k * PAGE_SIZE,
						   owner);
			hb_hrf_set(want, pfns, k, entry, entry != 0);
		}
		goto out;
#else
		goto none;
#endif
	}
	if (pmd_protnone(pmd))
		goto none;
	if (hb_pmd_leaf(pmd)) {
		hb_hrf_fill_leaf(want, pfns, n, pmd_pfn(pmd) +
				 ((addr & ~PMD_MASK) >> PAGE_SHIFT),
				 pmd_write(pmd), PMD_SHIFT - PAGE_SHIFT);
		goto out;
	}
	if (pmd_bad(pmd)) {
		ret = hb_hrf_fill(want, pfns, n, HMM_PFN_ERROR);
		goto out;
	}
	ptep = pte_offset_kernel(&pmd, addr);
	for (k = 0; k < n; k++) {
		entry = hb_hrf_pte(hb_ptep_get(ptep + k), owner, &owned);
		if (!hb_hrf_set(want, pfns, k, entry, owned)) {
			ret = -EFAULT;
			break;
		}
	}
	/* What was read, -EFAULT included, only counts if the PMD held. */
	if (pmd_val(pmd) != pmd_val(READ_ONCE(*pmdp)))
		ret = -EAGAIN;
	goto out;
none:
	hb_hrf_fill(want, pfns, n, 0);
out:
	local_irq_restore(flags);
	return ret;
}

/*
 * Step 2: fill @pfns for [start, end) from the VMAs and page tables, a
 * page table at a time.  -EFAULT if a fault was requested where none can
 * happen.
 */
static int hb_hrf_look(struct mm_struct *mm, void *owner, unsigned long start,
		       unsigned long end, u8 *want, unsigned long *pfns)
{
	struct vm_area_struct *vma = NULL;
	unsigned long addr, next, i, n;
	int tries;
	long got;

	for (addr = start, i = 0; addr < end; addr = next, i += n) {
		if (!vma || addr >= vma->vm_end)
			vma = find_vma(mm, addr);
		if (!vma || addr < vma->vm_start ||
		    (vma->vm_flags & (VM_IO | VM_PFNMAP)) ||
		    !(vma->vm_flags & VM_READ)) {
			/* Up to the next VMA's start, or this one's end. */
			if (!vma)
				next = end;
			else
				next = min(addr < vma->vm_start ?
					   vma->vm_start : vma->vm_end, end);
			n = (next - addr) >> PAGE_SHIFT;
			got = hb_hrf_fill(want + i, pfns + i, n,
					  HMM_PFN_ERROR);
		} else {
			next = min(pmd_addr_end(addr, end), vma->vm_end);
			n = (next - addr) >> PAGE_SHIFT;
			/* A PMD replaced thrice: the sequence has moved. */
			got = -EAGAIN;
			for (tries = 0; tries < HB_HRF_TRIES && got == -EAGAIN;
			     tries++)
				got = hb_hrf_lookup(mm, addr, n, owner,
						    want + i, pfns + i);
			if (got == -EAGAIN)
				got = hb_hrf_fill(want + i, pfns + i, n, 0);
		}
		if (got < 0)
			return got;
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
		ret = hb_hrf_look(mm, range->dev_private_owner, start, end,
				  want, pfns);
		if (ret)
			return ret;
		faulted = false;
		for (i = 0; i < n; i = j) {
			unmet = hb_hrf_unmet(want[i], pfns[i]);
			j = i + 1;
			if (!unmet)
				continue;
			/*
			 * Faulted HB_HRF_TRIES times, each fault successful
			 * and the sequence unchanged after it (below), and
			 * still not mapped as asked.  mm/hmm.c returns -EBUSY
			 * only when the sequence moved, and faults again as
			 * long as handle_mm_fault() succeeds; GUP succeeding
			 * without the page tables changing would make that a
			 * livelock here, so the request is given up as
			 * mm/hmm.c gives up a page it cannot make valid:
			 * -EFAULT.  (-EBUSY would send the caller to retry
			 * with a new sequence, into the same loop.)
			 */
			if (tries == HB_HRF_TRIES)
				return -EFAULT;
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
 * and no fault was requested, or HMM_PFN_ERROR where nothing can be mapped;
 * a device-private page of range->dev_private_owner is the device page's
 * pfn with HMM_PFN_VALID (+HMM_PFN_WRITE), never faulted.  No page
 * reference is held: the result may only be used under the driver's lock
 * after mmu_interval_read_retry() said false.
 *
 * Return: 0; -EBUSY if the interval was invalidated meanwhile (begin
 * again); -EFAULT if a fault was requested where there is no VMA, no read
 * access or no struct page, or the fault failed or, repeated, could not
 * make the page valid; -EPERM for a write fault
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
