// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_failinj.c - allocation failure injection into the mirror driver.
 *
 * For each operation (open of the device, which registers the mirror;
 * READ, WRITE and SNAPSHOT of fresh memory, which insert the interval
 * notifier or register the range and allocate; release of a file with live
 * mirrored ranges) the N-th allocation of the calling task is made to fail
 * through /proc/thread-self/fail-nth, for N = 1, 2, ... until the operation
 * completes without reaching the N-th allocation.  Slab and page allocations
 * (failslab, fail_page_alloc) are both armed, GFP_KERNEL ones included.
 *
 * Every time: the operation either succeeds with the right data, or fails
 * with an error (ENOMEM, EFAULT, EBUSY, EINTR, EAGAIN); never a wrong
 * success, never another errno.  Afterwards the same file (or a fresh one)
 * must work normally again.  That nothing leaked is kmemleak's verdict
 * (make check-debug scans after the run), and that the module is still
 * unloadable is checked by the guest's init, which unloads it.
 *
 * Needs CONFIG_FAULT_INJECTION_DEBUG_FS, CONFIG_FAILSLAB and
 * CONFIG_FAIL_PAGE_ALLOC: Debian's kernels have none of them, so there every
 * test is a skip naming the reason; the debug kernel (make debug-kernel)
 * has them.
 *
 * Usage: hmm_failinj [-m MODULE] [-N MAX_NTH] [-p PAGES]
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "hmm_dmirror_uapi.h"

#define DBG	"/sys/kernel/debug"

enum { OP_OPEN, OP_READ, OP_WRITE, OP_SNAPSHOT, OP_RELEASE, NR_OPS };
static const char *const op_names[NR_OPS] = {
	"open", "read", "write", "snapshot", "release",
};

static size_t page_size, npages = 16;
static int nth_fd = -1;
static unsigned int max_nth = 1000;
static char why[512];

static bool write_file(const char *path, const char *val)
{
	int f = open(path, O_WRONLY);
	ssize_t n;

	if (f < 0)
		return false;
	n = write(f, val, strlen(val));
	close(f);
	return n == (ssize_t)strlen(val);
}

/* Arm: the @nth allocation from now on, in this task, fails. */
static void arm(unsigned int nth)
{
	char buf[16];
	int n = snprintf(buf, sizeof(buf), "%u", nth);

	if (pwrite(nth_fd, buf, n, 0) != n) {
		printf("Bail out! writing fail-nth: %s\n", strerror(errno));
		exit(1);
	}
}

/* Disarm; return whether the failure was injected (the count reached 0). */
static bool disarm(void)
{
	char buf[16] = "";
	bool injected;

	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) <= 0) {
		printf("Bail out! reading fail-nth: %s\n", strerror(errno));
		exit(1);
	}
	injected = atoi(buf) == 0;
	if (!injected && pwrite(nth_fd, "0", 1, 0) != 1) {
		printf("Bail out! clearing fail-nth: %s\n", strerror(errno));
		exit(1);
	}
	return injected;
}

static bool allowed_errno(int e)
{
	return e == ENOMEM || e == EFAULT || e == EBUSY || e == EINTR ||
	       e == EAGAIN;
}

static int open_dev(int idx)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/hmm_dmirror%d", idx);
	return open(path, O_RDWR | O_CLOEXEC);
}

static uint64_t *map_fill(uint64_t tag)
{
	uint64_t *p = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t i;

	if (p == MAP_FAILED) {
		printf("Bail out! mmap: %s\n", strerror(errno));
		exit(1);
	}
	for (i = 0; i < npages * page_size / 8; i++)
		p[i] = tag ^ (i * 0x9E3779B97F4A7C15ULL);
	return p;
}

static int mirror(int fd, unsigned long req, void *addr, void *ptr,
		  struct hmm_dmirror_cmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->addr = (uintptr_t)addr;
	cmd->ptr = (uintptr_t)ptr;
	cmd->npages = npages;
	return ioctl(fd, req, cmd) ? errno : 0;
}

/*
 * A clean READ (nothing armed) on @fd of fresh memory must work: whatever
 * the injected failure did, it left the mirror usable.
 */
static bool clean_read(int fd, const char *after)
{
	uint64_t *src = map_fill(0x1234), *out = map_fill(0);
	struct hmm_dmirror_cmd cmd;
	int e = mirror(fd, HMM_DMIRROR_READ, src, out, &cmd);
	bool ok = !e && cmd.cpages == npages &&
		  !memcmp(src, out, npages * page_size);

	if (!ok)
		snprintf(why, sizeof(why),
			 "after %s, a clean READ on the same file: %s",
			 after, e ? strerror(e) : "wrong data");
	munmap(src, npages * page_size);
	munmap(out, npages * page_size);
	return ok;
}

struct tally {
	unsigned int injected, failed, succeeded, nth;
	unsigned int by_errno[4];	/* ENOMEM, EFAULT, EBUSY, other */
};

static void tally_errno(struct tally *t, int e)
{
	t->failed++;
	t->by_errno[e == ENOMEM ? 0 : e == EFAULT ? 1 : e == EBUSY ? 2 : 3]++;
}

/* One operation with the @nth allocation failing; false on a bug. */
static bool one(int op, unsigned int nth, struct tally *t, bool *done)
{
	uint64_t *src = NULL, *out = NULL;
	struct hmm_dmirror_cmd cmd;
	int fd = -1, e = 0;
	bool injected, ok = true;
	unsigned long req = HMM_DMIRROR_READ;
	uint8_t *snap;
	size_t i;

	if (op != OP_OPEN) {
		fd = open_dev(nth & 1);
		if (fd < 0) {
			snprintf(why, sizeof(why), "open (nothing armed): %s",
				 strerror(errno));
			return false;
		}
		src = map_fill(nth);
		out = map_fill(0);
	}
	if (op == OP_RELEASE) {
		/* Live ranges to tear down. */
		if (mirror(fd, HMM_DMIRROR_READ, src, out, &cmd)) {
			snprintf(why, sizeof(why), "READ (nothing armed): %s",
				 strerror(errno));
			return false;
		}
	}

	arm(nth);
	switch (op) {
	case OP_OPEN:
		fd = open_dev(nth & 1);
		e = fd < 0 ? errno : 0;
		break;
	case OP_WRITE:
		req = HMM_DMIRROR_WRITE;
		/* fall through */
	case OP_READ:
		e = mirror(fd, req, req == HMM_DMIRROR_WRITE ? out : src,
			   req == HMM_DMIRROR_WRITE ? src : out, &cmd);
		break;
	case OP_SNAPSHOT:
		e = mirror(fd, HMM_DMIRROR_SNAPSHOT, src, out, &cmd);
		break;
	case OP_RELEASE:
		close(fd);
		fd = -1;
		break;
	}
	injected = disarm();
	if (!injected) {
		*done = true;
		t->nth = nth;
	} else {
		t->injected++;
	}

	if (!injected && e) {
		snprintf(why, sizeof(why), "%s failed with no failure injected (allocation %u not reached): %s",
			 op_names[op], nth, strerror(e));
		ok = false;
	} else if (e && !allowed_errno(e)) {
		snprintf(why, sizeof(why), "%s with allocation %u failing: %s, not an allocation failure's error",
			 op_names[op], nth, strerror(e));
		ok = false;
	} else if (e) {
		tally_errno(t, e);
	} else {
		t->succeeded += injected;
		if ((op == OP_READ || op == OP_WRITE) &&
		    (cmd.cpages != npages ||
		     memcmp(src, out, npages * page_size))) {
			snprintf(why, sizeof(why), "%s with allocation %u failing succeeded with wrong data",
				 op_names[op], nth);
			ok = false;
		}
		if (op == OP_SNAPSHOT) {
			snap = (uint8_t *)out;
			for (i = 0; i < npages; i++)
				if ((snap[i] & ~HMM_DMIRROR_PROT_PMD) !=
				    HMM_DMIRROR_PROT_WRITE)
					break;
			if (cmd.cpages != npages || i < npages) {
				snprintf(why, sizeof(why), "snapshot with allocation %u failing succeeded with a wrong answer",
					 nth);
				ok = false;
			}
		}
	}
	if (ok && fd >= 0 && op != OP_RELEASE)
		ok = clean_read(fd, op_names[op]);
	if (ok && (fd < 0 || op == OP_RELEASE)) {
		/* The failed open or the release: a new file works. */
		int f = open_dev(0);

		if (f < 0) {
			snprintf(why, sizeof(why), "after %s, open: %s",
				 op_names[op], strerror(errno));
			ok = false;
		} else {
			ok = clean_read(f, op_names[op]);
			close(f);
		}
	}
	if (fd >= 0)
		close(fd);
	if (src)
		munmap(src, npages * page_size);
	if (out)
		munmap(out, npages * page_size);
	return ok;
}

static int setup(char *reason, size_t len)
{
	static const char *const knobs[][2] = {
		{ DBG "/failslab/ignore-gfp-wait", "N" },
		{ DBG "/failslab/verbose", "0" },
		{ DBG "/fail_page_alloc/ignore-gfp-wait", "N" },
		{ DBG "/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ DBG "/fail_page_alloc/min-order", "0" },
		{ DBG "/fail_page_alloc/verbose", "0" },
	};
	size_t i;

	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0) {
		snprintf(reason, len, "no /proc/thread-self/fail-nth: this kernel has no CONFIG_FAULT_INJECTION (Debian's have none); run make check-debug");
		return -1;
	}
	if (access(DBG "/failslab", F_OK))
		mount("debugfs", DBG, "debugfs", 0, NULL);
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (!write_file(knobs[i][0], knobs[i][1])) {
			snprintf(reason, len, "cannot set %s (CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC and CONFIG_FAULT_INJECTION_DEBUG_FS are needed): %s",
				 knobs[i][0], strerror(errno));
			return -1;
		}
	return 0;
}

int main(int argc, char **argv)
{
	const char *module = "?";
	unsigned long total = 0;
	char reason[256];
	int c, op, bad = 0;

	while ((c = getopt(argc, argv, "m:N:p:")) != -1) {
		switch (c) {
		case 'm': module = optarg; break;
		case 'N': max_nth = strtoul(optarg, NULL, 0); break;
		case 'p': npages = strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: hmm_failinj [-m MODULE] [-N MAX_NTH] [-p PAGES]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	page_size = sysconf(_SC_PAGESIZE);
	printf("TAP version 13\n1..%d\n", NR_OPS);
	printf("# hmm_failinj: module %s, %zu pages per request, at most %u injections per operation\n",
	       module, npages, max_nth);
	if (setup(reason, sizeof(reason))) {
		for (op = 0; op < NR_OPS; op++)
			printf("ok %d %s # SKIP %s\n", op + 1, op_names[op],
			       reason);
		return 0;
	}
	/* Marks for the log: check-debug.sh expects the allocation-failure
	 * reports that injected failures cause (warn_alloc) between them.
	 */
	write_file("/dev/kmsg", "hb-failinj: begin\n");
	for (op = 0; op < NR_OPS; op++) {
		struct tally t;
		bool done = false, ok = true;
		unsigned int nth;

		memset(&t, 0, sizeof(t));
		why[0] = 0;
		for (nth = 1; nth <= max_nth && !done && ok; nth++)
			ok = one(op, nth, &t, &done);
		total += t.injected;
		if (!ok) {
			printf("not ok %d %s # %s\n", op + 1, op_names[op], why);
			bad = 1;
		} else if (!done) {
			printf("ok %d %s # SKIP still injecting after %u allocations: raise -N\n",
			       op + 1, op_names[op], max_nth);
		} else {
			printf("ok %d %s\n", op + 1, op_names[op]);
		}
		printf("# counts: %s: %u failures injected (allocations 1..%u), the operation failed %u times (ENOMEM %u, EFAULT %u, EBUSY %u, other %u) and succeeded %u times despite one\n",
		       op_names[op], t.injected, t.nth ? t.nth - 1 : nth - 1,
		       t.failed, t.by_errno[0], t.by_errno[1], t.by_errno[2],
		       t.by_errno[3], t.succeeded);
	}
	write_file("/dev/kmsg", "hb-failinj: end\n");
	printf("# counts: %lu failures injected in all\n", total);
	return bad;
}
