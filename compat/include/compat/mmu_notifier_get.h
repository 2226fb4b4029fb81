/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/mmu_notifier_get.h - v5.4's refcounted registration where the
 * kernel lacks it (v4.19 .. v5.3, RHEL 8.1): mmu_notifier_get(),
 * mmu_notifier_get_locked(), mmu_notifier_put(), mmu_notifier_synchronize()
 * and mmu_notifier_ops.alloc_notifier/.free_notifier, as nouveau
 * (__mmu_notifier_register() + put), amdkfd (register, put from its
 * .release), umem_odp and radeon (v5.4: get) use them.  The code is
 * compat/mmu_notifier_get.c; on a kernel that has get/put this header adds
 * nothing.
 *
 * The driver's ops initialiser names .alloc_notifier and .free_notifier,
 * which the kernel's structure lacks, and assigns its ops to the
 * notifier's ->ops.  So, as the kernel's <linux/mmu_notifier.h> is read,
 * its two structures are renamed (struct hb_kernel_mmu_notifier{,_ops}:
 * compat/mmu_notifier_rename.h),
 * and then declared again under their own names: every member of the
 * kernel's, of this kernel's form (probes mmu_notifier_ops_flags, _blockable,
 * _void, _range, _mm_end, _range_end), at the kernel's offsets (checked at
 * build time in compat/mmu_notifier_get.c), overlaid on the kernel's own
 * structure so that every reserved member (RHEL's KABI padding) and the
 * notifier's size are kept (<linux/kvm_host.h> and <rdma/ib_verbs.h> embed
 * one); then .alloc_notifier and .free_notifier after them, which the
 * kernel never reads.  The kernel calls the driver's callbacks with its own
 * pointer to the same object.  The calls that take a notifier
 * (mmu_notifier_register(), __mmu_notifier_register(),
 * mmu_notifier_unregister(), _unregister_no_release()) become the shim's,
 * which pass the kernel's view of it on.
 *
 * That works only if compat/mmu_notifier_rename.h, which reads the
 * kernel's header so, comes before the kernel's header is first read
 * (<compat/hmm.h> includes it first thing, and gentree's backport-include/
 * linux/mmu_notifier.h catches every include).  Read too late, this header
 * says so at the driver's first mmu_notifier_get() or _put().
 *
 * Differences from upstream: a notifier's users count and mm live in a
 * table of the shim's (keyed by the notifier), since the kernel's structure
 * has no room for them; only notifiers whose ops have .alloc_notifier or
 * .free_notifier are entered there (an ops without them cannot be put
 * upstream either).  On v5.0 .. v5.3, which have no
 * mmu_notifier_synchronize(), the shim's waits for the frees its own
 * mmu_notifier_put() deferred (upstream's waits for an SRCU grace period).
 */
#ifndef _COMPAT_MMU_NOTIFIER_GET_H
#define _COMPAT_MMU_NOTIFIER_GET_H

/* The kernel's header, read with the two structures renamed. */
#include <compat/mmu_notifier_rename.h>

#if defined(CONFIG_MMU_NOTIFIER) && !defined(HB_HAVE_MMU_NOTIFIER_GET)

#ifdef HB_MMU_NOTIFIER_GET_EMUL

#include <linux/err.h>
#include <compat/mmap_lock.h>

struct mmu_notifier;

/**
 * struct mmu_notifier_ops - the kernel's callbacks, then v5.4's two
 * @flags: the kernel's (v4.19, RHEL 8)
 * @release: the kernel's
 * @clear_flush_young: the kernel's
 * @clear_young: the kernel's
 * @test_young: the kernel's
 * @change_pte: the kernel's
 * @invalidate_range_start: the kernel's, in this kernel's form
 * @invalidate_range_end: the kernel's, in this kernel's form
 * @invalidate_range: the kernel's
 * @hb_kernel: the kernel's structure itself (its size, its reserves)
 * @alloc_notifier: allocate the notifier mmu_notifier_get() registers
 * @free_notifier: free it, after the last mmu_notifier_put()
 */
struct mmu_notifier_ops {
	union {
		struct {
#ifdef HB_HAVE_MMU_NOTIFIER_OPS_FLAGS
			int flags;
#endif
			void (*release)(struct mmu_notifier *mn,
					struct mm_struct *mm);
			int (*clear_flush_young)(struct mmu_notifier *mn,
						 struct mm_struct *mm,
						 unsigned long start,
						 unsigned long end);
			int (*clear_young)(struct mmu_notifier *mn,
					   struct mm_struct *mm,
					   unsigned long start,
					   unsigned long end);
			int (*test_young)(struct mmu_notifier *mn,
					  struct mm_struct *mm,
					  unsigned long address);
			void (*change_pte)(struct mmu_notifier *mn,
					   struct mm_struct *mm,
					   unsigned long address, pte_t pte);
#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE)
			int (*invalidate_range_start)(struct mmu_notifier *mn,
						      const struct mmu_notifier_range *range);
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
			int (*invalidate_range_start)(struct mmu_notifier *mn,
						      struct mm_struct *mm,
						      unsigned long start,
						      unsigned long end,
						      bool blockable);
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_VOID)
			void (*invalidate_range_start)(struct mmu_notifier *mn,
						       struct mm_struct *mm,
						       unsigned long start,
						       unsigned long end);
#else
#error "unknown mmu_notifier_ops.invalidate_range_start (compat/probes/mmu_notifier_ops_*.c)"
#endif
#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE_END)
			void (*invalidate_range_end)(struct mmu_notifier *mn,
						     const struct mmu_notifier_range *range);
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_MM_END)
			void (*invalidate_range_end)(struct mmu_notifier *mn,
						     struct mm_struct *mm,
						     unsigned long start,
						     unsigned long end);
#else
#error "unknown mmu_notifier_ops.invalidate_range_end (compat/probes/mmu_notifier_ops_*_end.c)"
#endif
			void (*invalidate_range)(struct mmu_notifier *mn,
						 struct mm_struct *mm,
						 unsigned long start,
						 unsigned long end);
		};
		struct hb_kernel_mmu_notifier_ops hb_kernel;
	};
	struct mmu_notifier *(*alloc_notifier)(struct mm_struct *mm);
	void (*free_notifier)(struct mmu_notifier *mn);
};

/**
 * struct mmu_notifier - the kernel's, whose ops are the structure above
 * @hlist: on the mm's list (the kernel's)
 * @ops: the callbacks
 * @hb_kernel: the kernel's structure itself (its size, its reserves)
 */
struct mmu_notifier {
	union {
		struct {
			struct hlist_node hlist;
			const struct mmu_notifier_ops *ops;
		};
		struct hb_kernel_mmu_notifier hb_kernel;
	};
};

int hb_mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm);
int hb___mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm);
void hb_mmu_notifier_unregister(struct mmu_notifier *mn, struct mm_struct *mm);
void hb_mmu_notifier_unregister_no_release(struct mmu_notifier *mn,
					   struct mm_struct *mm);
struct mmu_notifier *
hb_mmu_notifier_get_locked(const struct mmu_notifier_ops *ops,
			   struct mm_struct *mm);
void hb_mmu_notifier_put(struct mmu_notifier *mn);

/*
 * Function-like, so that the shim's own calls of the kernel's functions,
 * written (mmu_notifier_register)(...), are not renamed.
 */
#define mmu_notifier_register(mn, mm)	hb_mmu_notifier_register(mn, mm)
#define __mmu_notifier_register(mn, mm)	hb___mmu_notifier_register(mn, mm)
#define mmu_notifier_unregister(mn, mm)	hb_mmu_notifier_unregister(mn, mm)
#define mmu_notifier_unregister_no_release(mn, mm) \
	hb_mmu_notifier_unregister_no_release(mn, mm)
#define mmu_notifier_get_locked(ops, mm) hb_mmu_notifier_get_locked(ops, mm)
#define mmu_notifier_put(mn)		hb_mmu_notifier_put(mn)

/**
 * mmu_notifier_get() - the single notifier of @ops on @mm
 * @ops: the driver's callbacks, with .alloc_notifier and .free_notifier
 * @mm: the mm to attach it to
 *
 * As v5.4's: takes the mmap lock for write around mmu_notifier_get_locked().
 *
 * Return: the notifier (another reference to it if there was one), or an
 * ERR_PTR() from .alloc_notifier or the registration.
 */
static inline struct mmu_notifier *
mmu_notifier_get(const struct mmu_notifier_ops *ops, struct mm_struct *mm)
{
	struct mmu_notifier *mn;

	mmap_write_lock(mm);
	mn = mmu_notifier_get_locked(ops, mm);
	mmap_write_unlock(mm);
	return mn;
}

#ifndef HB_HAVE_MMU_NOTIFIER_CALL_SRCU
/* Every kernel without get/put has it; report one that does not. */
#error "hmm-backports: no mmu_notifier_get() and no mmu_notifier_call_srcu() to defer its free with"
#endif

#else /* the kernel's header was read before compat/mmu_notifier_rename.h */

/*
 * Its structures cannot be re-declared now: a driver that calls these gets
 * hb_mmu_notifier_get_too_late()'s error, which names the fix (the
 * initialiser of its ops has already said "unknown field
 * 'alloc_notifier'").
 */
void *hb_mmu_notifier_get_too_late(const void *arg)
	__compiletime_error("hmm-backports: include <compat/hmm.h> first for mmu_notifier_get()");
#define mmu_notifier_get(ops, mm) \
	((void)(mm), hb_mmu_notifier_get_too_late(ops))
#define mmu_notifier_get_locked(ops, mm) \
	((void)(mm), hb_mmu_notifier_get_too_late(ops))
#define mmu_notifier_put(mn)	((void)hb_mmu_notifier_get_too_late(mn))

#endif /* HB_MMU_NOTIFIER_GET_EMUL */

/*
 * Whichever way the kernel's header was read: a module's exit waits for
 * the frees of the shim's mmu_notifier_put() with it (dmirror_core.c does,
 * for its nouveau-style glue).
 */
#ifndef HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE
void hb_mmu_notifier_synchronize(void);
#define mmu_notifier_synchronize()	hb_mmu_notifier_synchronize()
#endif

#endif /* CONFIG_MMU_NOTIFIER && !HB_HAVE_MMU_NOTIFIER_GET */

#endif /* _COMPAT_MMU_NOTIFIER_GET_H */
