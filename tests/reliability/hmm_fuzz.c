// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_fuzz.c - seeded random driver of the mirror driver's ioctls.
 *
 * Each iteration builds one request from random classes: the command
 * (every number of the UAPI, the v5.8 numbering, unknown numbers, wrong
 * sizes and directions), the address (valid, read-only, PROT_NONE, unmapped,
 * the device's own mapping, unaligned, zero, kernel, the top of user space,
 * random), the page count (zero, small, past the end of a mapping, huge,
 * wrapping), the user buffer (valid, read-only, unmapped, NULL, kernel,
 * unaligned, overlapping the source) and the argument pointer itself (valid,
 * NULL, kernel, straddling the end of a mapping), with random garbage in the
 * output fields.  Meanwhile a thread munmaps, maps, mprotects and madvises
 * the "chaos" area (-c 0: no such thread, for an exact replay), and now and
 * then the file is reopened or a forked child issues requests on the
 * parent's file.
 *
 * Oracle: the kernel survives (the harness checks the log and that the
 * module unloads); every answer is success or an errno of the driver's
 * contract; the answers that the request decides are the expected ones
 * (EINVAL for zero pages, unaligned or impossible ranges, EFAULT for a bad
 * argument pointer, EOPNOTSUPP for the device-memory commands, failure for
 * unmapped memory); a successful READ of the stable area returns exactly its
 * data and a successful WRITE into the scratch area leaves exactly the
 * source's data there.
 *
 * Output is TAP; the seed is printed so that a failure can be replayed.
 *
 * Usage: hmm_fuzz [-m MODULE] [-n ITERATIONS] [-S SEED] [-c 0|1]
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
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

/* The areas, each with an unmapped-or-PROT_NONE guard page after it. */
enum { A_STABLE, A_SCRATCH, A_CHAOS, A_RO, A_NONE, A_HOLE, A_DEVMAP,
       A_OUT, A_SRC, NR_AREAS };
static const size_t area_pages[NR_AREAS] = {
	[A_STABLE] = 16, [A_SCRATCH] = 16, [A_CHAOS] = 32, [A_RO] = 4,
	[A_NONE] = 4, [A_HOLE] = 4, [A_DEVMAP] = 4, [A_OUT] = 64,
	[A_SRC] = 64,
};
static const char *const area_names[NR_AREAS] = {
	"stable", "scratch", "chaos", "read-only", "PROT_NONE", "unmapped",
	"device mapping", "out", "src",
};

#define KERNEL_ADDR	0xffff800000000000ULL

static size_t page_size;
static char *area[NR_AREAS];
static uint64_t seed, rng, chaos_rng;
static int chaos_stop;
static unsigned long chaos_ops;
static int fd = -1, devidx;

static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static uint64_t rnd(void)
{
	return next(&rng);
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static uint32_t stable_word(size_t i)
{
	return (uint32_t)(i * 2654435761U) ^ 0x5a5a0000;
}

static void bail(const char *what)
{
	printf("Bail out! %s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_dev(int idx)
{
	char path[32];
	int f;

	snprintf(path, sizeof(path), "/dev/hmm_dmirror%d", idx);
	f = open(path, O_RDWR | O_CLOEXEC);
	if (f < 0)
		bail(path);
	return f;
}

/*
 * One reserved stretch of address space holds every area, so that nothing
 * else lands in the gaps: a guard page (PROT_NONE) follows each area, and
 * the "unmapped" area is a true hole inside the stretch.
 */
static void setup_areas(void)
{
	size_t total = 0, i, off;
	char *base;

	for (i = 0; i < NR_AREAS; i++)
		total += area_pages[i] + 1;
	base = mmap(NULL, total * page_size, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		bail("reserving the areas");
	for (i = 0, off = 0; i < NR_AREAS; off += area_pages[i] + 1, i++) {
		size_t len = area_pages[i] * page_size;
		char *a = base + off * page_size;
		int prot = PROT_READ | PROT_WRITE;
		void *p;

		area[i] = a;
		if (i == A_NONE)
			continue;	/* stays PROT_NONE */
		if (i == A_HOLE) {
			if (munmap(a, len))
				bail("munmap of the hole");
			continue;
		}
		if (i == A_DEVMAP)
			p = mmap(a, len, prot, MAP_SHARED | MAP_FIXED, fd, 0);
		else
			p = mmap(a, len, prot,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p != a)
			bail(area_names[i]);
		madvise(a, len, MADV_NOHUGEPAGE);
		memset(a, (int)i, len);
	}
	for (i = 0; i < area_pages[A_STABLE] * page_size / 4; i++)
		((uint32_t *)area[A_STABLE])[i] = stable_word(i);
	if (mprotect(area[A_RO], area_pages[A_RO] * page_size, PROT_READ))
		bail("mprotect of the read-only area");
}

/* ---- the chaos thread --------------------------------------------------- */

static void *chaos_fn(void *arg)
{
	char *base = area[A_CHAOS];
	size_t n = area_pages[A_CHAOS];

	(void)arg;
	while (!__atomic_load_n(&chaos_stop, __ATOMIC_RELAXED)) {
		size_t first = next(&chaos_rng) % n;
		size_t cnt = 1 + next(&chaos_rng) % (n - first);
		char *p = base + first * page_size;
		size_t len = cnt * page_size;

		switch (next(&chaos_rng) % 5) {
		case 0:
			munmap(p, len);
			if (mmap(p, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
				 -1, 0) != p) {
				/* Never leave a hole others could fill. */
				mmap(p, len, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				     -1, 0);
			}
			break;
		case 1:
			mprotect(p, len, PROT_NONE);
			sched_yield();
			mprotect(p, len, PROT_READ | PROT_WRITE);
			break;
		case 2:
			mprotect(p, len, PROT_READ);
			sched_yield();
			mprotect(p, len, PROT_READ | PROT_WRITE);
			break;
		case 3:
			madvise(p, len, MADV_DONTNEED);
			break;
		case 4:
			memset(p, (int)next(&chaos_rng), len);
			break;
		}
		chaos_ops++;
		sched_yield();
	}
	return NULL;
}

/* ---- one request -------------------------------------------------------- */

enum { C_READ, C_WRITE, C_SNAPSHOT, C_MIGRATE_DEV, C_MIGRATE_SYS,
       C_EXCLUSIVE, C_CHECK_EXCL, C_RELEASE, C_V1, C_UNKNOWN_NR,
       C_BAD_SIZE, C_BAD_TYPE, NR_CMDS };
static const char *const cmd_names[NR_CMDS] = {
	"READ", "WRITE", "SNAPSHOT", "MIGRATE_TO_DEV", "MIGRATE_TO_SYS",
	"EXCLUSIVE", "CHECK_EXCLUSIVE", "RELEASE", "v5.8-numbering",
	"unknown-nr", "wrong-size", "wrong-type",
};

enum { P_OK, P_NULL, P_KERNEL, P_UNALIGNED, P_STRADDLE, NR_PARGS };

struct req {
	int cmd;
	unsigned long nr;
	int addr_area;		/* -1: not an area */
	const char *addr_kind;
	uint64_t addr, npages, ptr;
	const char *ptr_kind;
	int parg;
};

static unsigned long counts[NR_CMDS][3];	/* ok, expected error, other */
static unsigned long errnos[134];
static unsigned long iterations, forks, reopens;

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case 0: return "success";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case EPERM: return "EPERM";
	case EBUSY: return "EBUSY";
	case EINTR: return "EINTR";
	case ENOMEM: return "ENOMEM";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTTY: return "ENOTTY";
	case EACCES: return "EACCES";
	}
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

static unsigned long pick_nr(int cmd)
{
	unsigned int nr;

	switch (cmd) {
	case C_READ: return HMM_DMIRROR_READ;
	case C_WRITE: return HMM_DMIRROR_WRITE;
	case C_SNAPSHOT: return HMM_DMIRROR_SNAPSHOT;
	case C_MIGRATE_DEV: return HMM_DMIRROR_MIGRATE_TO_DEV;
	case C_MIGRATE_SYS: return HMM_DMIRROR_MIGRATE_TO_SYS;
	case C_EXCLUSIVE: return HMM_DMIRROR_EXCLUSIVE;
	case C_CHECK_EXCL: return HMM_DMIRROR_CHECK_EXCLUSIVE;
	case C_RELEASE: return HMM_DMIRROR_RELEASE;
	case C_V1:
		/* 0x02..0x05 of v5.8 collide with today's MIGRATE..; only
		 * 0x03 means something else (SNAPSHOT) there.
		 */
		return HMM_DMIRROR_V1_SNAPSHOT;
	case C_UNKNOWN_NR:
		/*
		 * Not one of the project's own test commands either: those
		 * are defined (HB_CHURN, with this size, loops @ptr times).
		 */
		do
			nr = 0x08 + below(0xf8);
		while (nr >= HMM_DMIRROR_HB_NR_FIRST &&
		       nr <= HMM_DMIRROR_HB_NR_LAST);
		return _IOWR('H', nr, struct hmm_dmirror_cmd);
	case C_BAD_SIZE:
		return _IOC(_IOC_READ | _IOC_WRITE, 'H', below(8),
			    below(2) ? sizeof(struct hmm_dmirror_cmd) - 8 :
				       sizeof(struct hmm_dmirror_cmd) + 8);
	default:
		return _IOC(below(4), "AZh"[below(3)], below(8),
			    sizeof(struct hmm_dmirror_cmd));
	}
}

static void pick(struct req *r)
{
	static const int weights[NR_CMDS] = {
		30, 15, 25, 2, 2, 2, 2, 2, 4, 4, 6, 6,
	};
	int total = 0, i, x;
	uint64_t top = (1ULL << 47) - page_size;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < NR_CMDS; i++)
		total += weights[i];
	x = below(total);
	for (i = 0; x >= weights[i]; i++)
		x -= weights[i];
	r->cmd = i;
	r->nr = pick_nr(i);

	/* Address. */
	r->addr_area = -1;
	switch (below(14)) {
	case 0: case 1: case 2: case 3:
		r->addr_area = A_STABLE;
		break;
	case 4:
		r->addr_area = A_SCRATCH;
		break;
	case 5: case 6:
		r->addr_area = A_CHAOS;
		break;
	case 7:
		r->addr_area = A_RO;
		break;
	case 8:
		r->addr_area = A_NONE;
		break;
	case 9:
		r->addr_area = A_HOLE;
		break;
	case 10:
		r->addr_area = A_DEVMAP;
		break;
	case 11:
		r->addr_kind = "unaligned";
		r->addr = (uintptr_t)area[A_STABLE] + 1 + below(page_size - 1);
		break;
	case 12:
		r->addr_kind = below(2) ? "zero" : "kernel";
		r->addr = r->addr_kind[0] == 'z' ? 0 : KERNEL_ADDR;
		break;
	default:
		r->addr_kind = below(2) ? "top of user space" : "random";
		r->addr = r->addr_kind[0] == 't' ? top : rnd();
		break;
	}
	/* A WRITE never targets the stable area: it must keep its data. */
	if (r->addr_area == A_STABLE && r->cmd != C_READ &&
	    r->cmd != C_SNAPSHOT && r->cmd != C_V1)
		r->addr_area = A_SCRATCH;
	if (r->addr_area >= 0) {
		r->addr_kind = area_names[r->addr_area];
		r->addr = (uintptr_t)area[r->addr_area] +
			  below(area_pages[r->addr_area]) * page_size;
	}

	/* Pages. */
	switch (below(10)) {
	case 0:
		r->npages = 0;
		break;
	case 1: case 2: case 3:
		r->npages = 1 + below(4);
		break;
	case 4: case 5:
		/* Up to the end of the area, or just past it. */
		r->npages = 1 + below(16) + (r->addr_area >= 0 ?
			(uintptr_t)area[r->addr_area] / page_size +
			area_pages[r->addr_area] - r->addr / page_size : 0);
		break;
	case 6:
		r->npages = 1ULL << (20 + below(20));
		break;
	case 7:
		r->npages = ~0ULL >> below(13);
		break;
	case 8:
		r->npages = (top - r->addr) / page_size + below(3);
		break;
	default:
		r->npages = rnd();
		break;
	}

	/* The buffer the device copies to or from. */
	switch (below(10)) {
	case 0: case 1: case 2: case 3: case 4:
		r->ptr_kind = "valid";
		r->ptr = (uintptr_t)area[r->cmd == C_WRITE ? A_SRC : A_OUT];
		break;
	case 5:
		r->ptr_kind = "NULL";
		break;
	case 6:
		r->ptr_kind = "kernel";
		r->ptr = KERNEL_ADDR;
		break;
	case 7:
		r->ptr_kind = below(2) ? "read-only" : "PROT_NONE";
		r->ptr = (uintptr_t)area[r->ptr_kind[0] == 'r' ? A_RO : A_NONE];
		break;
	case 8:
		r->ptr_kind = "unaligned";
		r->ptr = (uintptr_t)area[A_OUT] + 1 + below(page_size - 1);
		break;
	default:
		/* The request's own range, except the stable area's. */
		r->ptr_kind = "same as addr";
		r->ptr = r->addr_area == A_STABLE ?
			 (uintptr_t)area[A_OUT] : r->addr;
		break;
	}

	r->parg = below(20) ? P_OK : 1 + below(NR_PARGS - 1);
}

/* The errnos the driver's contract allows (see the header comment). */
static bool contract_errno(int e)
{
	return !e || e == EINVAL || e == EFAULT || e == EPERM || e == EBUSY ||
	       e == EINTR || e == ENOMEM || e == EOPNOTSUPP || e == ENOTTY;
}

/*
 * Issue @r from the current process on @f.  Return NULL if the answer is
 * acceptable, else why not (static storage).
 */
static const char *issue(const struct req *r, int f, int *errp, bool count)
{
	static char why[256];
	static char argbuf[2 * sizeof(struct hmm_dmirror_cmd)]
		__attribute__((aligned(64)));
	struct hmm_dmirror_cmd *cmd, local;
	/* Past any TASK_SIZE (57-bit with 5-level paging). */
	uint64_t lim = (1ULL << 57) / page_size;
	bool page_ok, range_ok;
	int ret, e;
	size_t i;

	switch (r->parg) {
	case P_NULL:
		cmd = NULL;
		break;
	case P_KERNEL:
		cmd = (void *)(uintptr_t)KERNEL_ADDR;
		break;
	case P_UNALIGNED:
		cmd = (void *)(argbuf + 3);
		break;
	case P_STRADDLE:
		/* Half of it in the last page of src, half in the guard. */
		cmd = (void *)(area[A_SRC] + area_pages[A_SRC] * page_size -
			       sizeof(*cmd) / 2);
		break;
	default:
		cmd = &local;
		break;
	}
	if (r->parg == P_OK || r->parg == P_UNALIGNED) {
		struct hmm_dmirror_cmd c = {
			.addr = r->addr, .ptr = r->ptr, .npages = r->npages,
			.cpages = rnd(), .faults = rnd(),
		};
		memcpy(cmd, &c, sizeof(c));
	} else if (r->parg == P_STRADDLE) {
		memcpy(cmd, &r->addr, sizeof(*cmd) / 2);
	}
	if (r->cmd == C_WRITE && r->ptr == (uintptr_t)area[A_SRC])
		for (i = 0; i < area_pages[A_SRC] * page_size / 8; i++)
			((uint64_t *)area[A_SRC])[i] = rnd();

	ret = ioctl(f, r->nr, cmd);
	e = ret < 0 ? errno : 0;
	*errp = e;
	if (count)
		errnos[e < 134 ? e : 0]++;

	/* Every answer must be one of the driver's contract. */
	if (!contract_errno(e))
		return "an errno outside the driver's contract";

	if (r->cmd == C_RELEASE)
		return e ? "RELEASE must succeed" : NULL;
	if (r->cmd >= C_MIGRATE_DEV && r->cmd <= C_CHECK_EXCL)
		return e == EOPNOTSUPP ? NULL : "expected EOPNOTSUPP (no device memory)";
	if (r->cmd >= C_UNKNOWN_NR)
		return e == EINVAL || e == ENOTTY ? NULL :
		       "an unknown command must fail with EINVAL or ENOTTY";
	/* Under the default numbering v5.8's SNAPSHOT is MIGRATE_TO_SYS. */
	if (r->cmd == C_V1)
		return e == EOPNOTSUPP ? NULL : "expected EOPNOTSUPP";

	if (r->parg == P_NULL || r->parg == P_KERNEL || r->parg == P_STRADDLE)
		return e == EFAULT ? NULL : "a bad argument pointer must give EFAULT";
	page_ok = !(r->addr & (page_size - 1));
	range_ok = r->npages && r->npages <= lim &&
		   r->addr / page_size + r->npages <= lim;
	if (!page_ok || !r->npages)
		return e == EINVAL ? NULL : "expected EINVAL (unaligned address or zero pages)";
	if (!range_ok)
		return e == EINVAL || e == EFAULT ? NULL :
		       "a range past the end of any user space must fail";
	/* Between 2^47 and the kernel's TASK_SIZE: nothing to assert. */
	if (r->addr / page_size + r->npages > (1ULL << 47) / page_size)
		return NULL;
	if (r->addr_area == A_HOLE || r->addr_area == A_NONE ||
	    r->addr == 0 || r->addr == KERNEL_ADDR) {
		if (r->cmd != C_SNAPSHOT && !e)
			return "READ/WRITE of unmapped or PROT_NONE memory succeeded";
	}
	if (r->cmd == C_WRITE && r->addr_area == A_RO && !e)
		return "WRITE into a read-only mapping succeeded";
	if (e)
		return NULL;
	/* Success: every page done, and the data right where it is known. */
	if (cmd->cpages != r->npages) {
		snprintf(why, sizeof(why), "success with cpages %llu of %llu",
			 (unsigned long long)cmd->cpages,
			 (unsigned long long)r->npages);
		return why;
	}
	if (r->cmd == C_READ && r->addr_area == A_STABLE) {
		size_t off = (r->addr - (uintptr_t)area[A_STABLE]) / 4;
		const uint32_t *got = (const uint32_t *)(uintptr_t)r->ptr;

		for (i = 0; i < r->npages * page_size / 4; i++)
			if (got[i] != stable_word(off + i)) {
				snprintf(why, sizeof(why),
					 "READ of the stable area: word %zu is 0x%08x, expected 0x%08x",
					 i, got[i], stable_word(off + i));
				return why;
			}
	}
	if (r->cmd == C_WRITE && r->addr_area == A_SCRATCH &&
	    r->ptr == (uintptr_t)area[A_SRC] &&
	    memcmp((void *)(uintptr_t)r->addr, area[A_SRC],
		   r->npages * page_size))
		return "after a successful WRITE the scratch area does not hold the source's data";
	return NULL;
}

/* A forked child issues a few requests on the parent's file. */
static const char *fork_round(void)
{
	struct req r[4];
	int i, st, e;
	pid_t pid;

	for (i = 0; i < 4; i++)
		pick(&r[i]);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return "fork failed";
	if (pid == 0) {
		/* Only the errnos are checked: the child's memory is a
		 * copy-on-write copy, not what the parent's mirror mirrors.
		 */
		for (i = 0; i < 4; i++) {
			issue(&r[i], fd, &e, false);
			if (!contract_errno(e))
				_exit(1);
		}
		_exit(0);
	}
	forks++;
	if (waitpid(pid, &st, 0) != pid)
		return "waitpid failed";
	if (WIFSIGNALED(st))
		return "a forked child issuing requests on the parent's file was killed by a signal";
	if (WEXITSTATUS(st))
		return "a forked child got an errno outside the driver's contract";
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long n = 1000, it;
	const char *module = "?", *bad = NULL;
	int c, chaos = 1, e = 0, i;
	pthread_t chaos_thread;
	struct req r;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	while ((c = getopt(argc, argv, "m:n:S:c:")) != -1) {
		switch (c) {
		case 'm': module = optarg; break;
		case 'n': n = strtoul(optarg, NULL, 0); break;
		case 'S': seed = strtoull(optarg, NULL, 0); break;
		case 'c': chaos = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: hmm_fuzz [-m MODULE] [-n ITERATIONS] [-S SEED] [-c 0|1]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	page_size = sysconf(_SC_PAGESIZE);
	rng = seed ? seed : 1;
	chaos_rng = rng ^ 0xdeadbeefcafef00dULL;
	printf("TAP version 13\n1..2\n");
	printf("# hmm_fuzz: module %s, seed %" PRIu64 ", %lu iterations, chaos thread %s\n",
	       module, seed, n, chaos ? "on" : "off");
	printf("# replay: hmm_fuzz -m %s -S %" PRIu64 " -n %lu -c %d (with -c 0 the run is exactly repeatable)\n",
	       module, seed, n, chaos);

	fd = open_dev(0);
	setup_areas();
	watchdog_start(600, "not ok 1 fuzz # watchdog: the run did not end in time (where each thread was follows)\n");
	if (chaos && pthread_create(&chaos_thread, NULL, chaos_fn, NULL))
		bail("pthread_create");

	for (it = 0; it < n && !bad; it++) {
		if (!below(50)) {
			close(fd);
			devidx ^= 1;
			fd = open_dev(devidx);
			reopens++;
		}
		if (!below(100)) {
			bad = fork_round();
			if (bad)
				break;
		}
		pick(&r);
		bad = issue(&r, fd, &e, true);
		counts[r.cmd][bad ? 2 : e ? 1 : 0]++;
		iterations++;
	}
	if (chaos) {
		__atomic_store_n(&chaos_stop, 1, __ATOMIC_RELAXED);
		pthread_join(chaos_thread, NULL);
	}
	if (bad) {
		printf("not ok 1 fuzz # iteration %lu: %s (0x%lx): addr %s 0x%" PRIx64 ", npages 0x%" PRIx64 ", ptr %s 0x%" PRIx64 ", arg %d: got %s: %s (replay: -S %" PRIu64 " -n %lu)\n",
		       it, cmd_names[r.cmd], r.nr,
		       r.addr_kind, r.addr, r.npages, r.ptr_kind, r.ptr,
		       r.parg, errname(e), bad, seed, it + 1);
	} else {
		printf("ok 1 fuzz\n");
	}

	/* Afterwards a fresh mirror works and sees the stable data. */
	{
		struct req ok = {
			.cmd = C_READ, .nr = HMM_DMIRROR_READ,
			.addr_area = A_STABLE, .addr_kind = "stable",
			.addr = (uintptr_t)area[A_STABLE],
			.npages = area_pages[A_STABLE],
			.ptr = (uintptr_t)area[A_OUT], .ptr_kind = "valid",
		};
		const char *why;

		close(fd);
		fd = open_dev(0);
		why = issue(&ok, fd, &e, false);
		if (why || e)
			printf("not ok 2 clean_after_fuzz # READ of the stable area on a fresh mirror: %s (%s)\n",
			       why ? why : "failed", errname(e));
		else
			printf("ok 2 clean_after_fuzz\n");
		bad = bad ? bad : why;
		if (e && !why)
			bad = "clean READ failed";
	}

	printf("# counts: %lu iterations (requests), %lu forked children, %lu reopens, %lu chaos operations\n",
	       iterations, forks, reopens, chaos_ops);
	for (i = 0; i < NR_CMDS; i++)
		if (counts[i][0] + counts[i][1] + counts[i][2])
			printf("# counts: %-16s %5lu ok, %5lu expected errors, %lu unexpected\n",
			       cmd_names[i], counts[i][0], counts[i][1],
			       counts[i][2]);
	printf("# counts: answers:");
	for (i = 0; i < 134; i++)
		if (errnos[i])
			printf(" %s %lu", errname(i), errnos[i]);
	printf("\n# hmm_fuzz: seed %" PRIu64 " %s\n", seed,
	       bad ? "FAILED" : "passed");
	close(fd);
	return bad != NULL;
}
