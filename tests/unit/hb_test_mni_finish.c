// SPDX-License-Identifier: GPL-2.0
/*
 * hb_test_mni_finish.c - unit tests of v7.1's two-pass interval notifiers
 * (.invalidate_start, .invalidate_finish, struct
 * mmu_interval_notifier_finish), written the way xe's userptr notifier
 * uses them (the first pass records the sequence under the driver's lock
 * and hands back a finish embedded in the driver's structure), run at load
 * time on the loading process's mm: the kernel's own on v7.1+, the shim's
 * over the kernel's one-pass notifier on v5.5 .. v7.0
 * (compat/mmu_interval_finish.c), the emulated interval notifier's on
 * v4.19 .. v5.4 and in hb_test_mni_finishemul (HB_FORCE_EMUL).
 *
 * Results are TAP lines in the kernel log, as hb_test_pfn's; the module
 * always loads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <hb_probes.h>
/* First: the kernel's <linux/mmu_notifier.h> is read through it. */
#include <compat/mmu_notifier_rename.h>
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
/* After <linux/module.h>: the emulation's module_exit() (see there). */
#include <compat/mmu_interval.h>

#include "hb_tap.h"

#ifndef CONFIG_MMU_NOTIFIER
#error "hb_test_mni_finish tests interval notifiers: needs CONFIG_MMU_NOTIFIER"
#endif

#ifndef HB_TEST_NAME
#define HB_TEST_NAME "hb_test_mni_finish"
#endif

/* What a notifier's first pass does with its finish. */
enum t_mode { T_ONE_PASS, T_TWO_PASS, T_START_ONLY };

struct t_mni {
	struct mmu_interval_notifier mni;
	struct mmu_interval_notifier_finish finish;
	enum t_mode mode;
	/* The order of the calls, on one clock for every notifier. */
	int started, finished, invalidated;
	bool finish_ok;
};

static DEFINE_MUTEX(t_lock);		/* the driver's lock */
static int t_clock;

static bool t_invalidate(struct mmu_interval_notifier *mni,
			 const struct mmu_notifier_range *range,
			 unsigned long cur_seq)
{
	struct t_mni *t = container_of(mni, struct t_mni, mni);

	if (!mmu_notifier_range_blockable(range))
		return false;
	mutex_lock(&t_lock);
	mmu_interval_set_seq(mni, cur_seq);
	t->invalidated = ++t_clock;
	mutex_unlock(&t_lock);
	return true;
}

/* xe's vma_userptr_invalidate_start(): the sequence, then a finish. */
static bool t_start(struct mmu_interval_notifier *mni,
		    const struct mmu_notifier_range *range,
		    unsigned long cur_seq,
		    struct mmu_interval_notifier_finish **finish)
{
	struct t_mni *t = container_of(mni, struct t_mni, mni);

	if (!mmu_notifier_range_blockable(range))
		return false;
	mutex_lock(&t_lock);
	mmu_interval_set_seq(mni, cur_seq);
	t->started = ++t_clock;
	if (t->mode == T_TWO_PASS && !*finish)
		*finish = &t->finish;
	mutex_unlock(&t_lock);
	return true;
}

static void t_finish(struct mmu_interval_notifier_finish *finish)
{
	struct t_mni *t = container_of(finish, struct t_mni, finish);

	mutex_lock(&t_lock);
	t->finished = ++t_clock;
	t->finish_ok = finish->notifier == &t->mni;
	mutex_unlock(&t_lock);
}

static const struct mmu_interval_notifier_ops t_one_pass_ops = {
	.invalidate = t_invalidate,
};

static const struct mmu_interval_notifier_ops t_two_pass_ops = {
	.invalidate_start = t_start,
	.invalidate_finish = t_finish,
};

static struct t_mni t_subs[3] = {
	{ .mode = T_ONE_PASS }, { .mode = T_TWO_PASS }, { .mode = T_START_ONLY },
};

static void t_reset(void)
{
	unsigned int i;

	mutex_lock(&t_lock);
	for (i = 0; i < ARRAY_SIZE(t_subs); i++) {
		t_subs[i].started = 0;
		t_subs[i].finished = 0;
		t_subs[i].invalidated = 0;
		t_subs[i].finish_ok = false;
	}
	mutex_unlock(&t_lock);
}

static int __init hb_test_mni_finish_init(void)
{
	struct t_mni *one = &t_subs[0], *two = &t_subs[1], *so = &t_subs[2];
	struct mm_struct *mm = current->mm;
	unsigned long addr, seq;
	unsigned int i, n = 0;
	int ret = 0;

	pr_info("TAP: TAP version 13\n");
	pr_info("TAP: 1..6\n");
	addr = vm_mmap(NULL, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (!mm || IS_ERR_VALUE(addr)) {
		pr_info("TAP: Bail out! no mm to map in\n");
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(t_subs); i++, n++) {
		ret = mmu_interval_notifier_insert(&t_subs[i].mni, mm, addr,
						   2 * PAGE_SIZE,
						   t_subs[i].mode == T_ONE_PASS ?
						   &t_one_pass_ops :
						   &t_two_pass_ops);
		if (ret)
			break;
	}
	tap(!ret, "insert", "mmu_interval_notifier_insert() failed");
	if (ret)
		goto out;

	seq = mmu_interval_read_begin(&two->mni);
	t_reset();
	vm_munmap(addr, PAGE_SIZE);
	tap(one->invalidated && !one->started, "one_pass",
	    "ops with .invalidate only: not called, or as two-pass");
	tap(two->started && two->finished > two->started && two->finish_ok,
	    "two_pass", "the finish pass did not follow the start pass with its notifier");
	tap(so->started && !so->finished, "start_only",
	    "a first pass that returned no finish had one run");
	mutex_lock(&t_lock);
	tap(mmu_interval_read_retry(&two->mni, seq), "seq",
	    "the sequence the first pass set did not make read_retry() true");
	mutex_unlock(&t_lock);

out:
	for (i = 0; i < n; i++)
		mmu_interval_notifier_remove(&t_subs[i].mni);
	t_reset();
	vm_munmap(addr, 2 * PAGE_SIZE);
	tap(!one->invalidated && !two->started && !so->started, "removed",
	    "a removed notifier was still called");
	pr_info("TAP: # %s: %u passed, %u failed\n", HB_TEST_NAME,
		tap_n - tap_failed, tap_failed);
	return 0;
}

static void __exit hb_test_mni_finish_exit(void)
{
}

module_init(hb_test_mni_finish_init);
module_exit(hb_test_mni_finish_exit);
MODULE_DESCRIPTION("hmm-backports: two-pass interval notifier unit tests");
MODULE_LICENSE("GPL");
