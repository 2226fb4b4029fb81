// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_stress.c - concurrency stress of the hmm-backports mirror driver.
 *
 * Reader threads fault, read and snapshot a shared region through the mirror
 * (two device files, /dev/hmm_dmirror0 and 1, so two mirrors of one mm)
 * while mutator threads change the same region under them: munmap and map
 * again, mmap(MAP_FIXED) over it, mprotect it away and back, madvise it away,
 * fork (the child writes its own copy, copy-on-write), and write it through
 * the mirror.  Every byte a READ returns is checked against what the process
 * wrote.
 *
 * The region is cut into slots of SLOT_PAGES pages.  A mutator locks a slot
 * (mutators of different slots run at the same time; readers never lock),
 * announces a new generation g of it in "writing", changes it, fills it with
 * generation g and publishes g in "published".  Every 64-bit word of a page
 * holds (g << 32) | its own index in the region, so data of the wrong
 * generation or the wrong page is seen.  A reader loads "published" (lo)
 * of each slot before its READ and "writing" (hi) after: every word of the
 * slot must be of a generation in [lo, hi], or zero if a generation in
 * (lo, hi] went through fresh zero-filled pages.  A fork child stamps its
 * copy with bit 63 set: seeing it in the parent means the mirror kept a page
 * the parent no longer owns (the copy-on-write bug class).
 *
 * Output is TAP with the counts it drove as comments; exit status 0 iff no
 * test failed.
 *
 * Usage: hmm_stress [-m MODULE] [-t THREADS] [-s SECONDS] [-p PAGES]
 *		     [-S SEED]
 *   -t  threads in all, half readers, half mutators (default 4, at least 2)
 *   -s  seconds of stress (default 3)
 *   -p  pages in the region, a multiple of 8 (default 64)
 *   -S  seed of the random choices (default: from the clock; printed)
 * Long soaks: e.g. -t 16 -s 3600 -p 1024.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "hmm_dmirror_uapi.h"
#include "watchdog.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif

#define SLOT_PAGES	8
#define MAX_THREADS	64
#define CHILD_MARK	(1ULL << 63)
#define MAX_BUSY	1000	/* EBUSY answers in a row before giving up */

enum {
	OP_MUNMAP,	/* munmap, then fresh pages at the address */
	OP_REMAP,	/* mmap(MAP_FIXED) over the slot */
	OP_PROTECT,	/* PROT_NONE, PROT_READ, PROT_READ|PROT_WRITE */
	OP_DONTNEED,	/* madvise(MADV_DONTNEED) */
	OP_FORK,	/* fork; the child writes its copy */
	OP_MWRITE,	/* write the slot through the mirror */
	NR_OPS
};

static const char *const op_names[NR_OPS] = {
	"munmap", "mmap_fixed", "mprotect", "madvise_dontneed", "fork",
	"mirror_write",
};

struct slot {
	pthread_mutex_t lock;	/* serialises the mutators of this slot */
	uint64_t next;		/* last generation handed out (under lock) */
	uint64_t writing;	/* announced before the slot changes */
	uint64_t published;	/* every word holds it */
	uint64_t last_zero;	/* last generation through zero-filled pages */
};

struct worker {
	pthread_t thread;
	int id;
	bool mutator;
	int fd;
	uint64_t rng;
	uint64_t *out;		/* reader: READ destination */
	uint8_t *snap;		/* reader: SNAPSHOT destination */
	uint64_t *src;		/* mutator: WRITE source, one slot */
	/* counts */
	unsigned long reads, read_pages, snapshots, snap_pages;
	unsigned long ops[NR_OPS];
	unsigned long efault, ebusy, refaults, device_faults;
	unsigned long invalidations;
	bool warm;
	char err[512];
};

static size_t page_size, region_pages, nslots, words_per_page;
static uint64_t *region;
static struct slot *slots;
static int stop_flag;
static int failed_flag;
static struct worker workers[MAX_THREADS];
static int nthreads;
static uint64_t seed;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rnd(struct worker *w)
{
	/* xorshift64*: cheap, and reproducible from the printed seed. */
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 2685821657736338717ULL;
}

static void __attribute__((format(printf, 2, 3)))
wfail(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	if (w->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(w->err, sizeof(w->err), fmt, ap);
	va_end(ap);
	__atomic_store_n(&failed_flag, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&stop_flag, 1, __ATOMIC_RELAXED);
}

static bool stopping(void)
{
	return __atomic_load_n(&stop_flag, __ATOMIC_RELAXED);
}

static uint64_t stamp(uint64_t gen, size_t page, size_t word)
{
	return (gen << 32) | (page * words_per_page + word);
}

static void *slot_addr(size_t s)
{
	return (char *)region + s * SLOT_PAGES * page_size;
}

static void fill_slot(size_t s, uint64_t gen, uint64_t *p)
{
	size_t pg, wd;

	for (pg = 0; pg < SLOT_PAGES; pg++)
		for (wd = 0; wd < words_per_page; wd++)
			p[pg * words_per_page + wd] =
				stamp(gen, s * SLOT_PAGES + pg, wd);
}

static int dmirror(int fd, unsigned long req, void *addr, void *ptr,
		   size_t npages, struct hmm_dmirror_cmd *cmd)
{
	int ret;

	memset(cmd, 0, sizeof(*cmd));
	cmd->addr = (uintptr_t)addr;
	cmd->ptr = (uintptr_t)ptr;
	cmd->npages = npages;
	do {
		ret = ioctl(fd, req, cmd);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

/* Count what one successful mirror operation tells about the driver. */
static void count_faults(struct worker *w, const struct hmm_dmirror_cmd *cmd)
{
	w->device_faults += cmd->faults;
	/* More than one device fault in one request: an invalidation
	 * raced the request and the driver faulted again (a retry).
	 */
	if (cmd->faults > 1)
		w->refaults += cmd->faults - 1;
	/* After the first full READ every page was in the device page
	 * table; a fault now means an invalidation removed entries.
	 */
	if (w->warm && cmd->faults)
		w->invalidations++;
}

/* ---- readers ------------------------------------------------------------ */

static void check_read(struct worker *w, size_t first, size_t n,
		       const uint64_t *lo, const uint64_t *hi,
		       const uint64_t *zero)
{
	size_t pg, wd;

	for (pg = 0; pg < n; pg++) {
		size_t p = first + pg, s = p / SLOT_PAGES;

		for (wd = 0; wd < words_per_page; wd++) {
			uint64_t v = w->out[pg * words_per_page + wd];
			uint64_t g = v >> 32;

			if (!v && zero[s] > lo[s])
				continue;
			if ((v & 0xffffffffULL) == p * words_per_page + wd &&
			    !(v & CHILD_MARK) && g >= lo[s] && g <= hi[s])
				continue;
			wfail(w, "reader %d: READ of page %zu word %zu got 0x%016" PRIx64
			      " (generation %" PRIu64 "%s, index %" PRIu64
			      "), expected generation in [%" PRIu64 ", %" PRIu64
			      "] index %zu: stale or misplaced mirror data",
			      w->id, p, wd, v, (g & 0x7fffffff),
			      (v & CHILD_MARK) ? ", a fork child's" : "",
			      (uint64_t)(v & 0xffffffffULL), lo[s], hi[s],
			      p * words_per_page + wd);
			return;
		}
	}
}

static void reader_read(struct worker *w)
{
	uint64_t lo[nslots], hi[nslots], zero[nslots];
	struct hmm_dmirror_cmd cmd;
	size_t first, n, s, s0, s1;
	int ret;

	if (w->warm) {
		first = rnd(w) % region_pages;
		n = 1 + rnd(w) % (region_pages - first);
	} else {
		first = 0;
		n = region_pages;
	}
	s0 = first / SLOT_PAGES;
	s1 = (first + n - 1) / SLOT_PAGES;
	for (s = s0; s <= s1; s++)
		lo[s] = __atomic_load_n(&slots[s].published, __ATOMIC_ACQUIRE);
	ret = dmirror(w->fd, HMM_DMIRROR_READ,
		      (char *)region + first * page_size, w->out, n, &cmd);
	/* Order the kernel's loads of the region before these. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	for (s = s0; s <= s1; s++) {
		hi[s] = __atomic_load_n(&slots[s].writing, __ATOMIC_RELAXED);
		zero[s] = __atomic_load_n(&slots[s].last_zero, __ATOMIC_RELAXED);
	}
	if (ret == -EFAULT) {	/* a slot unmapped or PROT_NONE just now */
		w->efault++;
		return;
	}
	if (ret == -EBUSY) {	/* no stable view for a while: allowed */
		w->ebusy++;
		return;
	}
	if (ret) {
		wfail(w, "reader %d: READ of %zu pages at page %zu failed: %s",
		      w->id, n, first, strerror(-ret));
		return;
	}
	if (cmd.cpages != n) {
		wfail(w, "reader %d: READ of %zu pages returned cpages %llu",
		      w->id, n, (unsigned long long)cmd.cpages);
		return;
	}
	w->reads++;
	w->read_pages += n;
	count_faults(w, &cmd);
	w->warm = true;
	check_read(w, first, n, lo, hi, zero);
}

static void reader_snapshot(struct worker *w)
{
	struct hmm_dmirror_cmd cmd;
	size_t first = rnd(w) % region_pages;
	size_t n = 1 + rnd(w) % (region_pages - first), i;
	int ret;

	ret = dmirror(w->fd, HMM_DMIRROR_SNAPSHOT,
		      (char *)region + first * page_size, w->snap, n, &cmd);
	if (ret == -EBUSY) {
		w->ebusy++;
		return;
	}
	if (ret == -EFAULT) {
		w->efault++;
		return;
	}
	if (ret) {
		wfail(w, "reader %d: SNAPSHOT of %zu pages failed: %s", w->id,
		      n, strerror(-ret));
		return;
	}
	w->snapshots++;
	w->snap_pages += n;
	for (i = 0; i < n; i++) {
		uint8_t v = w->snap[i] &
			    ~(HMM_DMIRROR_PROT_PMD | HMM_DMIRROR_PROT_PUD);

		/* Anything a CPU mapping of anonymous memory can be; ERROR
		 * is what an unmapped or PROT_NONE page gives.
		 */
		if (w->snap[i] == HMM_DMIRROR_PROT_ERROR ||
		    v == HMM_DMIRROR_PROT_NONE || v == HMM_DMIRROR_PROT_READ ||
		    v == HMM_DMIRROR_PROT_WRITE ||
		    v == (HMM_DMIRROR_PROT_ZERO | HMM_DMIRROR_PROT_READ))
			continue;
		wfail(w, "reader %d: SNAPSHOT byte of page %zu is 0x%02x, not a value anonymous memory can have",
		      w->id, first + i, w->snap[i]);
		return;
	}
}

/* ---- mutators ----------------------------------------------------------- */

static bool map_at(struct worker *w, void *addr, size_t npages, int flags)
{
	void *p = mmap(addr, npages * page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (p == addr)
		return true;
	wfail(w, "mutator %d: mmap at %p: %s", w->id, addr,
	      p == MAP_FAILED ? strerror(errno) : "placed elsewhere (the address was taken)");
	if (p != MAP_FAILED)
		munmap(p, npages * page_size);
	return false;
}

/* The fork child: write its copy, check it through a mirror of its own. */
static void __attribute__((noreturn)) fork_child(size_t s, uint64_t gen)
{
	uint64_t *p = slot_addr(s);
	struct hmm_dmirror_cmd cmd;
	size_t i, n = SLOT_PAGES * words_per_page;
	int fd;

	/* Only system calls and plain code: other threads of the parent may
	 * have held libc locks at the fork.
	 */
	fill_slot(s, gen, p);
	for (i = 0; i < n; i++)
		p[i] |= CHILD_MARK;
	fd = open("/dev/hmm_dmirror1", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		_exit(2);
	/* The child's own mirror must see the child's copy: READ it onto
	 * itself, then check that the mark survived.
	 */
	if (dmirror(fd, HMM_DMIRROR_READ, p, p, SLOT_PAGES, &cmd) ||
	    cmd.cpages != SLOT_PAGES)
		_exit(3);
	for (i = 0; i < n; i++)
		if (!(p[i] & CHILD_MARK))
			_exit(4);
	_exit(0);
}

static void mutate(struct worker *w)
{
	size_t s = rnd(w) % nslots, len = SLOT_PAGES * page_size, i;
	int op = rnd(w) % NR_OPS, busy, ret, st;
	struct slot *sl = &slots[s];
	uint64_t *p = slot_addr(s), gen;
	struct hmm_dmirror_cmd cmd;
	pid_t pid;

	pthread_mutex_lock(&sl->lock);
	gen = ++sl->next;
	__atomic_store_n(&sl->writing, gen, __ATOMIC_RELAXED);
	if (op == OP_MUNMAP || op == OP_REMAP || op == OP_DONTNEED)
		__atomic_store_n(&sl->last_zero, gen, __ATOMIC_RELAXED);
	/* Announce @gen before any store of it can reach the slot. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	switch (op) {
	case OP_MUNMAP:
		if (munmap(p, len))
			wfail(w, "munmap: %s", strerror(errno));
		else if (map_at(w, p, SLOT_PAGES, MAP_FIXED_NOREPLACE))
			fill_slot(s, gen, p);
		break;
	case OP_REMAP:
		if (map_at(w, p, SLOT_PAGES, MAP_FIXED))
			fill_slot(s, gen, p);
		break;
	case OP_PROTECT:
		if (mprotect(p, len, PROT_NONE) || mprotect(p, len, PROT_READ) ||
		    mprotect(p, len, PROT_READ | PROT_WRITE))
			wfail(w, "mprotect: %s", strerror(errno));
		else
			fill_slot(s, gen, p);
		break;
	case OP_DONTNEED:
		if (madvise(p, len, MADV_DONTNEED))
			wfail(w, "madvise: %s", strerror(errno));
		fill_slot(s, gen, p);
		break;
	case OP_FORK:
		pid = fork();
		if (pid == 0)
			fork_child(s, gen);
		if (pid < 0) {
			wfail(w, "fork: %s", strerror(errno));
			break;
		}
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			wfail(w, "fork child (slot %zu) failed: %s %d (2: open, 3: READ, 4: its mirror showed the parent's data)",
			      s, WIFEXITED(st) ? "exit" : "signal",
			      WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		/* The parent's write breaks copy-on-write. */
		fill_slot(s, gen, p);
		break;
	case OP_MWRITE:
		fill_slot(s, gen, w->src);
		for (busy = 0;; busy++) {
			ret = dmirror(w->fd, HMM_DMIRROR_WRITE, p, w->src,
				      SLOT_PAGES, &cmd);
			if (ret != -EBUSY || busy == MAX_BUSY)
				break;
			w->ebusy++;
		}
		if (ret || cmd.cpages != SLOT_PAGES) {
			wfail(w, "mutator %d: WRITE of slot %zu through the mirror: %s, cpages %llu",
			      w->id, s, strerror(-ret),
			      (unsigned long long)cmd.cpages);
			break;
		}
		count_faults(w, &cmd);
		for (i = 0; i < SLOT_PAGES * words_per_page; i++)
			if (p[i] != w->src[i]) {
				wfail(w, "mutator %d: after a WRITE through the mirror, slot %zu word %zu holds 0x%016" PRIx64 ", expected 0x%016" PRIx64,
				      w->id, s, i, p[i], w->src[i]);
				break;
			}
		break;
	}
	w->ops[op]++;
	__atomic_store_n(&sl->published, gen, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&sl->lock);
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;

	while (!stopping()) {
		if (w->mutator)
			mutate(w);
		else if (!w->warm || rnd(w) % 4)
			reader_read(w);
		else
			reader_snapshot(w);
	}
	return NULL;
}

/* ---- main --------------------------------------------------------------- */

static void *xmap(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("Bail out! mmap of %zu bytes: %s\n", bytes,
		       strerror(errno));
		exit(1);
	}
	return p;
}

static void usage(void)
{
	fprintf(stderr, "usage: hmm_stress [-m MODULE] [-t THREADS] [-s SECONDS] [-p PAGES] [-S SEED]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *module = "?";
	unsigned long total_ops = 0, ops[NR_OPS] = { 0 };
	unsigned long reads = 0, read_pages = 0, snaps = 0, snap_pages = 0;
	unsigned long efault = 0, ebusy = 0, refaults = 0, dfaults = 0;
	unsigned long invals = 0;
	double secs = 3, start, elapsed;
	int fds[2], c, i, ret, bad = 0;
	struct hmm_dmirror_cmd cmd;
	size_t s, pg, wd;

	nthreads = 4;
	region_pages = 64;
	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	while ((c = getopt(argc, argv, "m:t:s:p:S:")) != -1) {
		switch (c) {
		case 'm': module = optarg; break;
		case 't': nthreads = atoi(optarg); break;
		case 's': secs = atof(optarg); break;
		case 'p': region_pages = strtoul(optarg, NULL, 0); break;
		case 'S': seed = strtoull(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (nthreads < 2 || nthreads > MAX_THREADS || secs <= 0 ||
	    !region_pages || region_pages % SLOT_PAGES)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	page_size = sysconf(_SC_PAGESIZE);
	words_per_page = page_size / sizeof(uint64_t);
	nslots = region_pages / SLOT_PAGES;

	printf("TAP version 13\n1..2\n");
	printf("# hmm_stress: module %s, seed %" PRIu64 ", %d threads (%d readers, %d mutators), %.1f s, %zu pages in %zu slots\n",
	       module, seed, nthreads, nthreads / 2, nthreads - nthreads / 2,
	       secs, region_pages, nslots);
	printf("# replay: hmm_stress -m %s -t %d -s %g -p %zu -S %" PRIu64 " (thread timing differs between runs)\n",
	       module, nthreads, secs, region_pages, seed);

	for (i = 0; i < 2; i++) {
		char path[32];

		snprintf(path, sizeof(path), "/dev/hmm_dmirror%d", i);
		fds[i] = open(path, O_RDWR | O_CLOEXEC);
		if (fds[i] < 0) {
			printf("Bail out! cannot open %s: %s\n", path,
			       strerror(errno));
			return 1;
		}
	}
	region = xmap(region_pages * page_size);
	/* Small pages only: a THP would make a slot's invalidation cover
	 * its neighbours' and hide per-slot mistakes.
	 */
	madvise(region, region_pages * page_size, MADV_NOHUGEPAGE);
	slots = xmap(nslots * sizeof(*slots));
	for (s = 0; s < nslots; s++) {
		pthread_mutex_init(&slots[s].lock, NULL);
		slots[s].next = slots[s].writing = slots[s].published = 1;
		fill_slot(s, 1, slot_addr(s));
	}

	for (i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];

		w->id = i;
		w->mutator = i >= nthreads / 2;
		w->fd = fds[i % 2];
		w->rng = seed * 0x9E3779B97F4A7C15ULL + i + 1;
		if (!w->rng)
			w->rng = 1;
		if (w->mutator) {
			w->src = xmap(SLOT_PAGES * page_size);
		} else {
			w->out = xmap(region_pages * page_size);
			w->snap = xmap(region_pages);
		}
	}
	watchdog_start((unsigned int)(secs * 4) + 120,
		       "not ok 1 stress # watchdog: the run did not end in time (where each thread was follows)\n");
	start = now();
	for (i = 0; i < nthreads; i++) {
		ret = pthread_create(&workers[i].thread, NULL, worker_fn,
				     &workers[i]);
		if (ret) {
			printf("Bail out! pthread_create: %s\n", strerror(ret));
			return 1;
		}
	}
	while (!stopping() && now() - start < secs)
		usleep(20000);
	__atomic_store_n(&stop_flag, 1, __ATOMIC_RELAXED);
	for (i = 0; i < nthreads; i++)
		pthread_join(workers[i].thread, NULL);
	elapsed = now() - start;

	for (i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];
		int k;

		for (k = 0; k < NR_OPS; k++) {
			ops[k] += w->ops[k];
			total_ops += w->ops[k];
		}
		reads += w->reads;
		read_pages += w->read_pages;
		snaps += w->snapshots;
		snap_pages += w->snap_pages;
		efault += w->efault;
		ebusy += w->ebusy;
		refaults += w->refaults;
		dfaults += w->device_faults;
		invals += w->invalidations;
	}
	total_ops += reads + snaps;
	for (i = 0; i < nthreads; i++)
		if (workers[i].err[0]) {
			printf("not ok 1 stress # %s\n", workers[i].err);
			bad = 1;
			break;
		}
	if (!bad && !reads) {
		printf("not ok 1 stress # no READ succeeded (%lu EFAULT, %lu EBUSY)\n",
		       efault, ebusy);
		bad = 1;
	} else if (!bad) {
		printf("ok 1 stress\n");
	}

	/* Quiet now: both mirrors must hold exactly the last generations. */
	if (bad)
		printf("ok 2 quiet_coherent # SKIP the stress run failed\n");
	for (i = 0; i < 2 && !bad; i++) {
		uint64_t *out = workers[0].out;

		ret = dmirror(fds[i], HMM_DMIRROR_READ, region, out,
			      region_pages, &cmd);
		if (ret || cmd.cpages != region_pages) {
			printf("not ok 2 quiet_coherent # final READ through /dev/hmm_dmirror%d: %s\n",
			       i, ret ? strerror(-ret) : "short");
			bad = 1;
			break;
		}
		for (pg = 0; pg < region_pages && !bad; pg++) {
			s = pg / SLOT_PAGES;
			for (wd = 0; wd < words_per_page; wd++) {
				uint64_t v = out[pg * words_per_page + wd];
				uint64_t e = stamp(slots[s].published, pg, wd);

				if (v == e)
					continue;
				printf("not ok 2 quiet_coherent # /dev/hmm_dmirror%d page %zu word %zu: 0x%016" PRIx64 ", expected 0x%016" PRIx64 "\n",
				       i, pg, wd, v, e);
				bad = 1;
				break;
			}
		}
		if (!bad && i == 1)
			printf("ok 2 quiet_coherent\n");
	}

	printf("# counts: %lu operations in %.1f s: %lu READs (%lu pages checked word by word), %lu SNAPSHOTs (%lu pages)",
	       total_ops, elapsed, reads, read_pages, snaps, snap_pages);
	for (i = 0; i < NR_OPS; i++)
		printf(", %lu %s", ops[i], op_names[i]);
	printf("\n# counts: %lu device faults, %lu invalidations observed (requests that had to fault pages back after the device had mirrored them), %lu retries (device re-faults inside one request after a racing invalidation), %lu EFAULT (range unmapped or protected at the time), %lu EBUSY\n",
	       dfaults, invals, refaults, efault, ebusy);
	printf("# hmm_stress: seed %" PRIu64 " %s\n", seed,
	       bad ? "FAILED" : "passed");
	return bad;
}
