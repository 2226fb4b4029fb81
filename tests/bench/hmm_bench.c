// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_bench.c - run-time cost of the mirror driver's HMM path, in the guest.
 *
 * Usage: hmm_bench -m MODULE [-n PAGES] [-r REPEATS] [-c CYCLES]
 *
 * Measures, against /dev/hmm_dmirror0 of the loaded module MODULE:
 *
 *   fault_pps   pages faulted per second: a device READ of PAGES fresh pages
 *               (populated by the CPU, never mirrored), so that the time is
 *               hmm_range_fault() and the device page table fill, not the
 *               CPU's own page allocation;
 *   inval_ps    invalidations per second: PAGES mirrored pages dropped one
 *               at a time with madvise(MADV_DONTNEED), each one a call of
 *               the driver's invalidation callback through whatever path
 *               (native interval notifier, emulated one, emulated mirror);
 *   fai_us      latency of one fault-after-invalidate cycle: a mirrored page
 *               invalidated (MADV_DONTNEED) and READ again, the median of
 *               CYCLES cycles, in microseconds;
 *   inval2_ps, inval16_ps  inval_ps with 2 and 16 notifiers on the mm: as
 *               many files of the device open in this process, each one a
 *               mirror of the mm (its own interval notifier, or hmm_mirror),
 *               every one called for every invalidation;
 *   churn_ps    interval notifier insert+remove cycles per second: CYCLES
 *               cycles of HMM_DMIRROR_HB_CHURN over a window of 64 pages
 *               (one fault chunk of the driver), what nouveau does around
 *               each fault (one notifier per fault window); the notifier is
 *               the one the module's core uses (the kernel's or the compat
 *               layer's: said on a "# BENCHPATH" line);
 *   faultinv_pps  fault_pps while another thread of the process keeps
 *               invalidating a disjoint part of the mm (touch a page, then
 *               MADV_DONTNEED it, in a loop): pages faulted per second of
 *               the faulting thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so
 *               that it counts the faults' own work and retries, not the
 *               other thread's share of the CPU.  8 READs of PAGES fresh
 *               pages per repetition, more (up to 64) until invalidations
 *               ran while one was in flight (on a one-CPU guest: the
 *               faulting thread was preempted inside it); the metric fails
 *               if none did.
 *
 * Timing is CLOCK_MONOTONIC (CLOCK_THREAD_CPUTIME_ID for faultinv_pps):
 * under QEMU's -icount shift=0 (make bench's deterministic clock) both count
 * guest instructions, one nanosecond each.
 *
 * Each metric is first run once unreported (QEMU TCG translates a freshly
 * loaded module's code on its first runs: that is not the module's speed),
 * then measured REPEATS times.  Output is TAP (one test per
 * metric; a test fails if a call fails or if the mirror did not fault where
 * it must, so a figure is never reported for a path that did not run) plus
 * one machine-readable line per repetition:
 *
 *	# BENCH <module> <metric> <value>
 *
 * Speed is not asserted here: make bench (tests/bench/bench.sh) compares
 * the figures of each module with dmirror_modern's of the same boot.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "hmm_dmirror_uapi.h"

static const char *module = "unknown";
static size_t page_size;
static int fd = -1;
static char why[256];
static int quiet;	/* a warm-up run: measured, not reported */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int failf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

/* One READ through the mirror; returns the device faults it took, or -1. */
static long dm_read(void *addr, void *buf, size_t npages)
{
	struct hmm_dmirror_cmd cmd;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	cmd.addr = (uintptr_t)addr;
	cmd.ptr = (uintptr_t)buf;
	cmd.npages = npages;
	do {
		ret = ioctl(fd, HMM_DMIRROR_READ, &cmd);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return failf("READ of %zu pages: %s", npages, strerror(errno));
	if (cmd.cpages != npages)
		return failf("READ copied %llu of %zu pages",
			     (unsigned long long)cmd.cpages, npages);
	return (long)cmd.faults;
}

static void *map_populated(size_t npages)
{
	void *p = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		failf("mmap of %zu pages: %s", npages, strerror(errno));
		return NULL;
	}
	/* Populated by the CPU so the device fault maps existing pages. */
	memset(p, 0x5a, npages * page_size);
	return p;
}

static void bench_line(const char *metric, double value)
{
	if (quiet)
		return;
	printf("# BENCH %s %s %.6g\n", module, metric, value);
	fflush(stdout);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int fault_rate(size_t npages, char *buf)
{
	void *p = map_populated(npages);
	double t;
	long f;

	if (!p)
		return -1;
	t = now_s();
	f = dm_read(p, buf, npages);
	t = now_s() - t;
	munmap(p, npages * page_size);
	if (f < 0)
		return -1;
	if (f == 0)
		return failf("READ of fresh pages took no device fault");
	bench_line("fault_pps", npages / t);
	return 0;
}

static int inval_rate(size_t npages, char *buf, const char *metric)
{
	char *p = map_populated(npages);
	double t;
	size_t i;
	int ret = 0;

	if (!p)
		return -1;
	if (dm_read(p, buf, npages) < 0) {
		munmap(p, npages * page_size);
		return -1;
	}
	t = now_s();
	for (i = 0; i < npages; i++) {
		if (madvise(p + i * page_size, page_size, MADV_DONTNEED)) {
			ret = failf("madvise(MADV_DONTNEED): %s",
				    strerror(errno));
			break;
		}
	}
	t = now_s() - t;
	/* Proof that the invalidations reached the device: it faults again. */
	if (!ret) {
		long f = dm_read(p, buf, npages);

		if (f < 0)
			ret = -1;
		else if (f == 0)
			ret = failf("the device did not fault after the pages were invalidated");
	}
	munmap(p, npages * page_size);
	if (!ret)
		bench_line(metric, npages / t);
	return ret;
}

static int fault_after_invalidate(size_t cycles, char *buf)
{
	double *lat = calloc(cycles, sizeof(*lat));
	char *p = map_populated(1);
	size_t i;
	int ret = 0;

	if (!lat || !p) {
		free(lat);
		if (p)
			munmap(p, page_size);
		return failf("out of memory");
	}
	if (dm_read(p, buf, 1) < 0)
		ret = -1;
	for (i = 0; !ret && i < cycles; i++) {
		double t = now_s();
		long f;

		if (madvise(p, page_size, MADV_DONTNEED)) {
			ret = failf("madvise(MADV_DONTNEED): %s",
				    strerror(errno));
			break;
		}
		f = dm_read(p, buf, 1);
		lat[i] = (now_s() - t) * 1e6;
		if (f < 0)
			ret = -1;
		else if (f == 0)
			ret = failf("cycle %zu: READ after invalidation took no device fault",
				    i);
	}
	if (!ret) {
		qsort(lat, cycles, sizeof(*lat), cmp_double);
		bench_line("fai_us", lat[cycles / 2]);
	}
	munmap(p, page_size);
	free(lat);
	return ret;
}

/* inval_rate with @nmirrors mirrors of the mm: @nmirrors - 1 more files. */
static int inval_rate_n(size_t npages, char *buf, int nmirrors,
			const char *metric)
{
	int extra[16];
	int i, n = 0, ret = 0;

	if (nmirrors < 1 || nmirrors > 17)
		return failf("%d mirrors: 1 to 17", nmirrors);
	for (i = 0; i < nmirrors - 1; i++) {
		extra[i] = open("/dev/hmm_dmirror0", O_RDWR | O_CLOEXEC);
		if (extra[i] < 0) {
			ret = failf("open of mirror %d: %s", i + 2,
				    strerror(errno));
			break;
		}
		n++;
	}
	if (!ret)
		ret = inval_rate(npages, buf, metric);
	for (i = 0; i < n; i++)
		close(extra[i]);
	return ret;
}

/* The window of one fault, as the driver faults: DMIRROR_CHUNK_PAGES. */
#define DMIRROR_WINDOW_PAGES	64

static int notifier_churn(size_t npages, size_t cycles, char *buf)
{
	struct hmm_dmirror_cmd cmd;
	char *p = map_populated(npages);
	double t;
	int ret = 0;

	(void)buf;
	if (!p)
		return -1;
	memset(&cmd, 0, sizeof(cmd));
	cmd.addr = (uintptr_t)p;
	cmd.npages = npages;
	cmd.ptr = cycles;
	t = now_s();
	if (ioctl(fd, HMM_DMIRROR_HB_CHURN, &cmd) < 0)
		ret = failf("HB_CHURN: %s", strerror(errno));
	t = now_s() - t;
	munmap(p, npages * page_size);
	if (ret)
		return ret;
	if (cmd.cpages != cycles)
		return failf("HB_CHURN did %llu of %zu cycles",
			     (unsigned long long)cmd.cpages, cycles);
	if (!quiet)
		printf("# BENCHPATH %s churn_ps %s\n", module,
		       cmd.faults ? "emulated" : "native");
	bench_line("churn_ps", cycles / t);
	return 0;
}

/* The other thread of faultinv_pps: invalidates its own pages, in a loop. */
struct invalidator {
	char *p;
	size_t npages;
	volatile int stop;
	volatile unsigned long count;	/* invalidations done */
	int err;
};

static void *invalidator_run(void *arg)
{
	struct invalidator *inv = arg;
	size_t i = 0;

	while (!inv->stop) {
		char *q = inv->p + (i++ % inv->npages) * page_size;

		*(volatile char *)q = 1;
		if (madvise(q, page_size, MADV_DONTNEED)) {
			inv->err = errno;
			break;
		}
		inv->count++;
	}
	return NULL;
}

#define FAULTINV_READS		8	/* READs per repetition, at least */
#define FAULTINV_READS_MAX	64	/* until one ran beside invalidations */

static int fault_rate_contended(size_t npages, char *buf)
{
	struct invalidator inv = { .npages = 16 };
	size_t len = FAULTINV_READS * npages * page_size;
	unsigned long during = 0, c0;
	char *p = NULL;
	double t = 0, t0;
	pthread_t thr;
	int i, ret;

	inv.p = map_populated(inv.npages);
	if (!inv.p)
		return -1;
	ret = pthread_create(&thr, NULL, invalidator_run, &inv);
	if (ret) {
		munmap(inv.p, inv.npages * page_size);
		return failf("pthread_create: %s", strerror(ret));
	}
	/* On one CPU the new thread may not have run yet: let it start. */
	while (!inv.count && !inv.err)
		sched_yield();
	/*
	 * FAULTINV_READS READs of fresh pages (populated beforehand, in
	 * batches, so that the time between READs is short and a preemption
	 * falls in one), more until one had invalidations run beside it.
	 */
	for (i = 0; !ret && (i < FAULTINV_READS || (!during && !quiet)); i++) {
		long f;

		if (i == FAULTINV_READS_MAX) {
			ret = failf("no invalidation ran while %d READs were in flight (%lu in all)",
				    i, inv.count);
			break;
		}
		if (i % FAULTINV_READS == 0) {
			if (p)
				munmap(p, len);
			p = map_populated(FAULTINV_READS * npages);
			if (!p) {
				ret = -1;
				break;
			}
		}
		c0 = inv.count;
		t0 = cpu_s();
		f = dm_read(p + (i % FAULTINV_READS) * npages * page_size,
			    buf, npages);
		t += cpu_s() - t0;
		during += inv.count - c0;
		if (f < 0)
			ret = -1;
		else if (f == 0)
			ret = failf("READ of fresh pages took no device fault");
	}
	inv.stop = 1;
	pthread_join(thr, NULL);
	if (p)
		munmap(p, len);
	munmap(inv.p, inv.npages * page_size);
	if (ret)
		return ret;
	if (inv.err)
		return failf("the invalidating thread's madvise: %s",
			     strerror(inv.err));
	bench_line("faultinv_pps", i * npages / t);
	return 0;
}

/*
 * Where the module's code is, for tests/bench/guest-profile.sh (which maps
 * the guest's instruction counts to functions): "# BENCHTEXT <module>
 * <address of .text>", when the guest lets root read it.
 */
static void print_text_address(void)
{
	char path[256], addr[64];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/sections/.text", module);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(addr, sizeof(addr), f))
		printf("# BENCHTEXT %s %s", module, addr);
	fclose(f);
}

/*
 * The bounds of each metric's measured part (its warm-up included), for
 * guest-profile.sh's instruction counts: two functions at fixed addresses
 * (a static binary, norandmaps), each pair preceded by a "# BENCHSEG N
 * metric" line naming the segment.
 */
__attribute__((noinline)) void hb_profile_mark_begin(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void hb_profile_mark_end(void)
{
	__asm__ volatile("" ::: "memory");
}

static void print_usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s -m MODULE [-n PAGES] [-r REPEATS] [-c CYCLES]\n"
		"  -m NAME  the loaded module providing /dev/hmm_dmirror0 (named in the output)\n"
		"  -n N     pages per fault and invalidation run (default 512)\n"
		"  -r N     repetitions of each metric (default 3)\n"
		"  -c N     fault-after-invalidate and notifier churn cycles per repetition (default 200)\n",
		argv0);
	exit(2);
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"fault_rate", "invalidate_rate", "fault_after_invalidate",
		"invalidate_rate_2_notifiers", "invalidate_rate_16_notifiers",
		"notifier_churn", "fault_rate_contended",
	};
	static const char *const metrics[] = {
		"fault_pps", "inval_ps", "fai_us", "inval2_ps", "inval16_ps",
		"churn_ps", "faultinv_pps",
	};
	const int ntests = sizeof(names) / sizeof(names[0]);
	_Static_assert(sizeof(names) == sizeof(metrics), "one metric per test");
	size_t npages = 512, cycles = 200, repeats = 3, r;
	int opt, t, failed = 0;
	char *buf;

	while ((opt = getopt(argc, argv, "m:n:r:c:h")) != -1) {
		switch (opt) {
		case 'm':
			module = optarg;
			break;
		case 'n':
			npages = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			repeats = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			cycles = strtoul(optarg, NULL, 0);
			break;
		default:
			print_usage(argv[0]);
		}
	}
	if (!npages || !cycles || !repeats)
		print_usage(argv[0]);
	page_size = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", ntests);

	print_text_address();
	fd = open("/dev/hmm_dmirror0", O_RDWR | O_CLOEXEC);
	buf = malloc(npages * page_size);
	if (fd < 0 || !buf) {
		for (t = 0; t < ntests; t++)
			printf("not ok %d %s # cannot open /dev/hmm_dmirror0 of %s: %s\n",
			       t + 1, names[t], module, strerror(errno));
		return 1;
	}
	for (t = 0; t < ntests; t++) {
		int ret = 0;

		why[0] = 0;
		printf("# BENCHSEG %d %s\n", t + 1, metrics[t]);
		hb_profile_mark_begin();
		for (r = 0; !ret && r <= repeats; r++) {
			quiet = r == 0;
			switch (t) {
			case 0:
				ret = fault_rate(npages, buf);
				break;
			case 1:
				ret = inval_rate(npages, buf, "inval_ps");
				break;
			case 2:
				ret = fault_after_invalidate(cycles, buf);
				break;
			case 3:
				ret = inval_rate_n(npages, buf, 2, "inval2_ps");
				break;
			case 4:
				ret = inval_rate_n(npages, buf, 16, "inval16_ps");
				break;
			case 5:
				ret = notifier_churn(DMIRROR_WINDOW_PAGES, cycles,
						     buf);
				break;
			default:
				ret = fault_rate_contended(npages, buf);
				break;
			}
		}
		hb_profile_mark_end();
		if (ret) {
			printf("not ok %d %s # %s\n", t + 1, names[t], why);
			failed++;
		} else {
			printf("ok %d %s\n", t + 1, names[t]);
		}
	}
	printf("# hmm_bench: %d passed, %d failed, 0 skipped\n",
	       ntests - failed, failed);
	free(buf);
	close(fd);
	return failed ? 1 : 0;
}
