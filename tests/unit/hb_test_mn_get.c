// SPDX-License-Identifier: GPL-2.0
/*
 * hb_test_mn_get.c - unit tests of v5.4's refcounted mmu_notifier
 * registration (mmu_notifier_get()/_put(), .alloc_notifier/.free_notifier,
 * mmu_notifier_synchronize()), run at load time on the loading process's
 * mm: the kernel's own where it has them (v5.4+, RHEL 8.4+), the shim's on
 * v4.19 .. v5.3 and RHEL 8.1 (compat/mmu_notifier_get.c).  The uses tested
 * are the real drivers': one notifier per (ops, mm) shared by every get
 * (radeon_mn and umem_odp of v5.4, sgi-gru), a notifier registered with
 * __mmu_notifier_register() and dropped with mmu_notifier_put() (nouveau
 * since v5.5, amdkfd), and a plain registration beside them (kvm).  Not
 * tested here: a put from the notifier's own .release (amdkfd), which needs
 * the mm torn down while the module is loaded.
 *
 * Results are TAP lines in the kernel log ("hb_test_mn_get: TAP: ..."), as
 * hb_test_pfn's; the module always loads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <hb_probes.h>
/* First: on v4.19 .. v5.3 it reads the kernel's <linux/mmu_notifier.h>. */
#include <compat/mmu_notifier_get.h>
#include <compat/mmap_lock.h>
#include <compat/mmu_notifier_range.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmu_notifier.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "hb_tap.h"

#ifndef CONFIG_MMU_NOTIFIER
#error "hb_test_mn_get tests mmu_notifier_get(): needs CONFIG_MMU_NOTIFIER"
#endif

/* The notifiers: of ops A, B (get), C (register + put), D (failing alloc). */
enum { T_A, T_B, T_C, T_D, T_PLAIN, T_NR };

struct t_mn {
	struct mmu_notifier mn;
	unsigned int id;
};

static atomic_t allocs[T_NR], frees[T_NR], seen[T_NR];
/* The page being unmapped, for the callbacks to recognise. */
static unsigned long want_start, want_end;

static void t_seen(struct mmu_notifier *mn, unsigned long start,
		   unsigned long end)
{
	struct t_mn *t = container_of(mn, struct t_mn, mn);

	if (start <= want_start && end >= want_end)
		atomic_inc(&seen[t->id]);
}

/* invalidate_range_start() in this kernel's form (as the nouveau glue). */
#if defined(HB_HAVE_MMU_NOTIFIER_OPS_RANGE)
static int t_start(struct mmu_notifier *mn,
		   const struct mmu_notifier_range *range)
{
	t_seen(mn, range->start, range->end);
	return 0;
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_BLOCKABLE)
static int t_start(struct mmu_notifier *mn, struct mm_struct *mm,
		   unsigned long start, unsigned long end, bool blockable)
{
	t_seen(mn, start, end);
	return 0;
}
#elif defined(HB_HAVE_MMU_NOTIFIER_OPS_VOID)
static void t_start(struct mmu_notifier *mn, struct mm_struct *mm,
		    unsigned long start, unsigned long end)
{
	t_seen(mn, start, end);
}
#else
#error "unknown mmu_notifier_ops.invalidate_range_start (compat/probes/mmu_notifier_ops_*.c)"
#endif

static struct mmu_notifier *t_alloc(struct mm_struct *mm, unsigned int id)
{
	struct t_mn *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->id = id;
	atomic_inc(&allocs[id]);
	return &t->mn;
}

static struct mmu_notifier *t_alloc_a(struct mm_struct *mm)
{
	return t_alloc(mm, T_A);
}

static struct mmu_notifier *t_alloc_b(struct mm_struct *mm)
{
	return t_alloc(mm, T_B);
}

static struct mmu_notifier *t_alloc_d(struct mm_struct *mm)
{
	atomic_inc(&allocs[T_D]);
	return ERR_PTR(-ENOMEM);
}

static void t_free(struct mmu_notifier *mn)
{
	struct t_mn *t = container_of(mn, struct t_mn, mn);

	atomic_inc(&frees[t->id]);
	kfree(t);
}

static const struct mmu_notifier_ops ops_a = {
	.invalidate_range_start = t_start,
	.alloc_notifier = t_alloc_a,
	.free_notifier = t_free,
};

static const struct mmu_notifier_ops ops_b = {
	.invalidate_range_start = t_start,
	.alloc_notifier = t_alloc_b,
	.free_notifier = t_free,
};

/* nouveau's: no .alloc_notifier, registered by hand, dropped by a put. */
static const struct mmu_notifier_ops ops_c = {
	.invalidate_range_start = t_start,
	.free_notifier = t_free,
};

static const struct mmu_notifier_ops ops_d = {
	.invalidate_range_start = t_start,
	.alloc_notifier = t_alloc_d,
	.free_notifier = t_free,
};

/* kvm's: neither, registered and unregistered. */
static const struct mmu_notifier_ops ops_plain = {
	.invalidate_range_start = t_start,
};

/* An anonymous page mapped and unmapped: one invalidation covering it. */
static bool t_unmap_one(void)
{
	unsigned long addr;
	unsigned int i;

	for (i = 0; i < T_NR; i++)
		atomic_set(&seen[i], 0);
	addr = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr))
		return false;
	want_start = addr;
	want_end = addr + PAGE_SIZE;
	return vm_munmap(addr, PAGE_SIZE) == 0;
}

static bool t_seen_by(unsigned int id)
{
	return atomic_read(&seen[id]) > 0;
}

static void t_get_put(struct mm_struct *mm)
{
	struct mmu_notifier *a1, *a2, *b;

	a1 = mmu_notifier_get(&ops_a, mm);
	a2 = mmu_notifier_get(&ops_a, mm);
	b = mmu_notifier_get(&ops_b, mm);
	tap(!IS_ERR(a1) && a1 == a2 && atomic_read(&allocs[T_A]) == 1,
	    "get_shares", "two gets of one ops on one mm: not one notifier, allocated once");
	tap(!IS_ERR(b) && b != a1 && atomic_read(&allocs[T_B]) == 1,
	    "get_per_ops", "a get of other ops did not allocate a notifier of its own");
	if (IS_ERR(a1) || IS_ERR(a2) || IS_ERR(b))
		return;

	tap(t_unmap_one() && t_seen_by(T_A) && t_seen_by(T_B), "invalidate",
	    "an munmap did not reach both notifiers");

	mmu_notifier_put(a1);
	mmu_notifier_synchronize();
	tap(atomic_read(&frees[T_A]) == 0 && t_unmap_one() && t_seen_by(T_A),
	    "put_keeps", "a put with a reference left freed or unhooked the notifier");

	mmu_notifier_put(a2);
	mmu_notifier_synchronize();
	tap(atomic_read(&frees[T_A]) == 1, "put_frees",
	    "the last put had not freed through .free_notifier once mmu_notifier_synchronize() returned");
	tap(t_unmap_one() && !t_seen_by(T_A) && t_seen_by(T_B), "put_unhooks",
	    "after the last put the notifier was still called (or the other ops' no longer)");

	mmu_notifier_put(b);
	mmu_notifier_synchronize();
	tap(atomic_read(&frees[T_B]) == 1 && atomic_read(&allocs[T_A]) == 1,
	    "put_each", "the other ops' notifier was not freed once by its put");
}

static void t_register_put(struct mm_struct *mm)
{
	struct t_mn *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct mmu_notifier *c2;
	int ret;

	if (!c) {
		tap(false, "register_put", "no memory");
		return;
	}
	c->id = T_C;
	c->mn.ops = &ops_c;
	mmap_write_lock(mm);
	ret = __mmu_notifier_register(&c->mn, mm);
	mmap_write_unlock(mm);
	if (ret) {
		kfree(c);
		tap(false, "register_put", "__mmu_notifier_register() failed");
		return;
	}
	/* The registration is a reference; a get of its ops finds it. */
	c2 = mmu_notifier_get(&ops_c, mm);
	tap(c2 == &c->mn, "register_then_get",
	    "a get did not find the notifier registered with the same ops");
	if (c2 == &c->mn)
		mmu_notifier_put(c2);
	tap(t_unmap_one() && t_seen_by(T_C), "register_invalidate",
	    "an munmap did not reach the registered notifier");
	mmu_notifier_put(&c->mn);
	mmu_notifier_synchronize();
	tap(atomic_read(&frees[T_C]) == 1 && t_unmap_one() && !t_seen_by(T_C),
	    "register_put", "the put of a registered notifier did not unhook and free it once");
}

static void t_alloc_error(struct mm_struct *mm)
{
	struct mmu_notifier *d = mmu_notifier_get(&ops_d, mm);

	tap(IS_ERR(d) && PTR_ERR(d) == -ENOMEM &&
	    atomic_read(&allocs[T_D]) == 1 && atomic_read(&frees[T_D]) == 0,
	    "alloc_error", ".alloc_notifier's error was not returned as it was");
}

static void t_plain(struct mm_struct *mm)
{
	struct t_mn *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p) {
		tap(false, "plain_register", "no memory");
		return;
	}
	p->id = T_PLAIN;
	p->mn.ops = &ops_plain;
	if (mmu_notifier_register(&p->mn, mm)) {
		kfree(p);
		tap(false, "plain_register", "mmu_notifier_register() failed");
		return;
	}
	tap(t_unmap_one() && t_seen_by(T_PLAIN), "plain_register",
	    "an munmap did not reach a plain registered notifier");
	mmu_notifier_unregister(&p->mn, mm);
	tap(t_unmap_one() && !t_seen_by(T_PLAIN), "plain_unregister",
	    "a plain notifier was still called after mmu_notifier_unregister()");
	kfree(p);
}

static int __init hb_test_mn_get_init(void)
{
	struct mm_struct *mm = current->mm;

	pr_info("TAP: TAP version 13\n");
	pr_info("TAP: 1..13\n");
	if (!mm) {
		pr_info("TAP: Bail out! loaded without an mm\n");
		return 0;
	}
	t_get_put(mm);
	t_register_put(mm);
	t_alloc_error(mm);
	t_plain(mm);
	pr_info("TAP: # hb_test_mn_get: %u passed, %u failed\n",
		tap_n - tap_failed, tap_failed);
	return 0;
}

static void __exit hb_test_mn_get_exit(void)
{
	/* Every notifier was put before the load returned. */
	mmu_notifier_synchronize();
}

module_init(hb_test_mn_get_init);
module_exit(hb_test_mn_get_exit);
MODULE_DESCRIPTION("hmm-backports: mmu_notifier_get()/_put() unit tests");
MODULE_LICENSE("GPL");
