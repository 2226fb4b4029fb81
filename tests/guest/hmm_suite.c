// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_suite.c - the hmm-backports guest test suite for the mirror driver.
 *
 * The driver under test creates /dev/hmm_dmirror0 and /dev/hmm_dmirror1.
 * Every open file of them is a software "device" with a page table of its
 * own that mirrors the address space of the process that opened it, kept
 * coherent with the CPU page tables through HMM.  The ioctls declared in
 * hmm_dmirror_uapi.h make the device fault pages into that table and copy
 * data through it (READ, WRITE), or report what it would see without
 * faulting anything (SNAPSHOT).  These tests check that the mirror returns
 * the right data, never stale data, and fails cleanly on bad requests.
 *
 * Every test runs in a forked child of its own, in its own process group,
 * so that a crash or a hang only fails that test.  Results go to stdout as
 * TAP, one flushed line at a time:
 *
 *	TAP version 13
 *	1..N
 *	ok 1 name
 *	not ok 2 name # reason
 *	ok 3 name # SKIP reason
 *	# hmm_suite: P passed, F failed, S skipped
 *
 * and the exit status is 0 iff no test failed.
 *
 * Usage: hmm_suite [-m MODULE_NAME] [-M MODULE_NAME] [-t TESTNAME]... [-l]
 *
 * -M names a second module of the driver mirroring beside the first (its
 * nodes numbered from its devbase parameter): the two_modules test, run by
 * default only then.
 *
 * The guest is usually emulated (QEMU TCG), so buffers are small and every
 * test is meant to finish in a few seconds.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
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
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "hmm_dmirror_uapi.h"

#define DEV_COUNT		2
#define TEST_TIMEOUT_S		60	/* one test, in its child */
#define HELPER_TIMEOUT_S	20	/* a process a test forks itself */
#define SLOW_CALL_S		10.0	/* a call that must fail "quickly" */
#define MAX_SNAP		64	/* largest SNAPSHOT a test checks */
#define MSG_LEN			480

/* Snapshot bits that only say how big the CPU mapping is. */
#define SNAP_SIZE_BITS	(HMM_DMIRROR_PROT_PMD | HMM_DMIRROR_PROT_PUD)
#define SNAP_ZERO_READ	(HMM_DMIRROR_PROT_ZERO | HMM_DMIRROR_PROT_READ)

/* An address user space can never own, on x86-64 and arm64 alike. */
#define KERNEL_ADDR	0xffff800000000000ULL

/* Exit codes of a test child. */
enum { RES_PASS = 0, RES_FAIL = 1, RES_SKIP = 2 };

/*
 * Where a test child (or a process it forked) leaves the reason for its
 * result.  It is a MAP_SHARED page set up before any fork, so it survives
 * the death of the process that wrote it.  The first writer wins: the
 * innermost, most specific reason is the one reported.
 */
struct result_area {
	int claimed;
	char msg[MSG_LEN];
};

static struct result_area *result;
static size_t page_size;
static const char *module_name;
static const char *other_module;	/* -M: a second module, for two_modules */
static volatile uint8_t sink;	/* keeps CPU read-touches from being elided */

/* ---- reporting ---------------------------------------------------------- */

static void set_msg(const char *fmt, va_list ap)
{
	if (__atomic_exchange_n(&result->claimed, 1, __ATOMIC_ACQ_REL))
		return;
	vsnprintf(result->msg, sizeof(result->msg), fmt, ap);
}

static int __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_msg(fmt, ap);
	va_end(ap);
	return RES_FAIL;
}

static int __attribute__((format(printf, 1, 2))) skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_msg(fmt, ap);
	va_end(ap);
	return RES_SKIP;
}

/* Fail the current test (or helper process) right here. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_msg(fmt, ap);
	va_end(ap);
	_exit(RES_FAIL);
}

/* Symbolic names for the errnos these tests meet; safe in any thread. */
static const char *errname(int err)
{
	static __thread char other[24];

	switch (err) {
	case 0:		return "success";
	case EPERM:	return "EPERM";
	case ENOENT:	return "ENOENT";
	case ESRCH:	return "ESRCH";
	case EINTR:	return "EINTR";
	case EIO:	return "EIO";
	case ENXIO:	return "ENXIO";
	case E2BIG:	return "E2BIG";
	case EBADF:	return "EBADF";
	case ECHILD:	return "ECHILD";
	case EAGAIN:	return "EAGAIN";
	case ENOMEM:	return "ENOMEM";
	case EACCES:	return "EACCES";
	case EFAULT:	return "EFAULT";
	case EBUSY:	return "EBUSY";
	case EEXIST:	return "EEXIST";
	case ENODEV:	return "ENODEV";
	case EINVAL:	return "EINVAL";
	case ENOSPC:	return "ENOSPC";
	case ENOTTY:	return "ENOTTY";
	case ERANGE:	return "ERANGE";
	case ENOSYS:	return "ENOSYS";
	case EOVERFLOW:	return "EOVERFLOW";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	}
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

/* ---- time and processes ------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		abort();	/* cannot happen; a test would see SIGABRT */
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void describe_status(int st, char *buf, size_t len)
{
	if (WIFEXITED(st)) {
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(st));
	} else if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);

		snprintf(buf, len, "killed by signal %d (%s)%s", sig,
			 strsignal(sig), WCOREDUMP(st) ? ", core dumped" : "");
	} else {
		snprintf(buf, len, "ended with wait status 0x%x", st);
	}
}

/*
 * Wait until @pid has exited, for at most @secs seconds, without reaping it:
 * while the zombie stays, its pid and process group id cannot be reused, so
 * the caller may still signal the group safely.
 * Return: 0 once it has exited, 1 on timeout, -errno if waitid() failed.
 */
static int wait_exit(pid_t pid, double secs)
{
	double end = now() + secs;
	unsigned int ms = 1;

	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT)) {
			if (errno != EINTR)
				return -errno;
		} else if (si.si_pid == pid) {
			return 0;
		}
		if (now() >= end)
			return 1;
		sleep_ms(ms);
		if (ms < 20)
			ms *= 2;
	}
}

static int reap_now(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			die("waitpid(%d): %s", (int)pid, strerror(errno));
	}
	return st;
}

static pid_t xfork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork: %s", strerror(errno));
	return pid;
}

/* Reap a helper process a test forked; a helper that hangs fails the test. */
static int reap_helper(pid_t pid, const char *what)
{
	int ret = wait_exit(pid, HELPER_TIMEOUT_S);

	if (ret == 1) {
		kill(pid, SIGKILL);
		if (wait_exit(pid, 5) == 0)
			reap_now(pid);
		die("%s: helper process still running after %d s", what,
		    HELPER_TIMEOUT_S);
	}
	if (ret < 0)
		die("%s: waitid: %s", what, strerror(-ret));
	return reap_now(pid);
}

/* Reap a helper process and require that it exited with status 0. */
static void reap_helper_ok(pid_t pid, const char *what)
{
	int st = reap_helper(pid, what);
	char desc[96];

	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return;
	describe_status(st, desc, sizeof(desc));
	die("%s: helper process %s", what, desc);
}

static void xpipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC))
		die("pipe2: %s", strerror(errno));
}

static void xclose(int fd)
{
	if (close(fd))
		die("close(%d): %s", fd, strerror(errno));
}

/* One-byte messages between a test and its helper processes. */
static void send_byte(int fd)
{
	char c = 1;
	ssize_t r;

	do {
		r = write(fd, &c, 1);
	} while (r < 0 && errno == EINTR);
	if (r != 1)
		die("pipe write: %s", r < 0 ? strerror(errno) : "short write");
}

/* Return: true when a byte came, false at end of file (the peer died). */
static bool recv_byte(int fd)
{
	char c;
	ssize_t r;

	do {
		r = read(fd, &c, 1);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		die("pipe read: %s", strerror(errno));
	return r == 1;
}

/* ---- memory ------------------------------------------------------------- */

static size_t pages(size_t n)
{
	return n * page_size;
}

/*
 * Keep transparent huge pages (PMD-sized or, since 6.8, smaller "mTHP")
 * out of a test buffer: one CPU fault could then populate neighbouring
 * pages that a test expects to stay untouched.  EINVAL only means that the
 * kernel has no THP at all.
 */
static void no_thp(void *p, size_t npages)
{
	if (madvise(p, pages(npages), MADV_NOHUGEPAGE) && errno != EINVAL)
		die("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
}

static uint8_t *map_anon(size_t npages)
{
	void *p = mmap(NULL, pages(npages), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap of %zu anonymous pages: %s", npages, strerror(errno));
	no_thp(p, npages);
	return p;
}

/* Fresh anonymous memory exactly at @addr, replacing whatever is there. */
static void map_anon_at(void *addr, size_t npages)
{
	void *p = mmap(addr, pages(npages), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		die("mmap(MAP_FIXED) at %p: %s", addr, strerror(errno));
	if (p != addr)
		die("mmap(MAP_FIXED) at %p returned %p", addr, p);
	no_thp(p, npages);
}

static void xmunmap(void *p, size_t npages)
{
	if (munmap(p, pages(npages)))
		die("munmap(%p, %zu pages): %s", p, npages, strerror(errno));
}

static void xmprotect(void *p, size_t npages, int prot)
{
	if (mprotect(p, pages(npages), prot))
		die("mprotect(%p, %zu pages, %d): %s", p, npages, prot,
		    strerror(errno));
}

static void xmadvise(void *p, size_t npages, int advice)
{
	if (madvise(p, pages(npages), advice))
		die("madvise(%p, %zu pages, %d): %s", p, npages, advice,
		    strerror(errno));
}

/*
 * Test data: 32-bit words that name their seed (top byte), page and word,
 * so that a mismatch shows where the data came from.  Seed 0 means zeroes
 * (what fresh anonymous memory holds).  @first is the page number of the
 * first page of @buf, so that a sub-range can be checked on its own.
 */
static uint32_t pat(uint8_t seed, size_t page, size_t word)
{
	if (!seed)
		return 0;
	return (uint32_t)seed << 24 | (uint32_t)(page & 0xfff) << 12 |
	       (uint32_t)(word & 0xfff);
}

static void fill(void *buf, size_t first, size_t npages, uint8_t seed)
{
	size_t per = page_size / 4, p, i;
	uint32_t *w = buf;

	for (p = 0; p < npages; p++)
		for (i = 0; i < per; i++)
			w[p * per + i] = pat(seed, first + p, i);
}

/* Return: the index of the first word that differs, or -1. */
static long find_mismatch(const void *buf, size_t first, size_t npages,
			  uint8_t seed)
{
	size_t per = page_size / 4, p, i;
	const uint32_t *w = buf;

	for (p = 0; p < npages; p++)
		for (i = 0; i < per; i++)
			if (w[p * per + i] != pat(seed, first + p, i))
				return (long)(p * per + i);
	return -1;
}

static void expect_data(const void *buf, size_t first, size_t npages,
			uint8_t seed, const char *what)
{
	size_t per = page_size / 4;
	const uint32_t *w = buf;
	long i = find_mismatch(buf, first, npages, seed);

	if (i < 0)
		return;
	die("%s: page %zu offset 0x%zx holds 0x%08x, expected 0x%08x", what,
	    first + i / per, (i % per) * 4, w[i],
	    pat(seed, first + i / per, i % per));
}

/* ---- the device --------------------------------------------------------- */

static int open_dev(int idx)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/dev/hmm_dmirror%d", idx);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("cannot open %s: %s", path, strerror(errno));
	return fd;
}

static const char *op_name(unsigned long req)
{
	if (req == HMM_DMIRROR_READ)
		return "READ";
	if (req == HMM_DMIRROR_WRITE)
		return "WRITE";
	if (req == HMM_DMIRROR_SNAPSHOT)
		return "SNAPSHOT";
	return "ioctl";
}

/*
 * Issue one mirror command.  Retries on EINTR (the driver gives up on a
 * fatal signal only, but a stray one must not fail a test).
 * Return: 0 or -errno; @out, if given, receives the command as returned.
 */
static int dmirror(int fd, unsigned long req, uint64_t addr, uint64_t ptr,
		   uint64_t npages, struct hmm_dmirror_cmd *out)
{
	struct hmm_dmirror_cmd cmd;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	cmd.addr = addr;
	cmd.ptr = ptr;
	cmd.npages = npages;
	do {
		ret = ioctl(fd, req, &cmd);
	} while (ret < 0 && errno == EINTR);
	if (out)
		*out = cmd;
	return ret < 0 ? -errno : 0;
}

static int mop(int fd, unsigned long req, const void *addr, const void *ptr,
	       size_t npages, struct hmm_dmirror_cmd *out)
{
	return dmirror(fd, req, (uintptr_t)addr, (uintptr_t)ptr, npages, out);
}

/* Require success on every page; return the device faults it took. */
static uint64_t must_op(int fd, unsigned long req, const void *addr,
			const void *ptr, size_t npages, const char *what)
{
	struct hmm_dmirror_cmd cmd;
	int ret = mop(fd, req, addr, ptr, npages, &cmd);

	if (ret)
		die("%s: %s of %zu pages failed: %s", what, op_name(req),
		    npages, errname(-ret));
	if (cmd.cpages != npages)
		die("%s: %s processed %llu pages, expected %zu", what,
		    op_name(req), (unsigned long long)cmd.cpages, npages);
	return cmd.faults;
}

/* Require failure with @err (or @alt, when not 0). */
static void must_fail(int fd, unsigned long req, const void *addr,
		      const void *ptr, size_t npages, int err, int alt,
		      const char *what)
{
	int ret = mop(fd, req, addr, ptr, npages, NULL);

	if (ret == -err || (alt && ret == -alt))
		return;
	die("%s: %s expected %s%s%s, got %s", what, op_name(req),
	    errname(err), alt ? " or " : "", alt ? errname(alt) : "",
	    errname(-ret));
}

static const char *snap_name(uint8_t v)
{
	switch (v) {
	case HMM_DMIRROR_PROT_ERROR:	return "ERROR";
	case HMM_DMIRROR_PROT_NONE:	return "NONE";
	case HMM_DMIRROR_PROT_READ:	return "READ";
	case HMM_DMIRROR_PROT_WRITE:	return "WRITE";
	case SNAP_ZERO_READ:		return "ZERO|READ";
	}
	return "unexpected";
}

/* SNAPSHOT @npages at @addr and compare each byte (size bits masked). */
static void expect_snap(int fd, const void *addr, size_t npages,
			const uint8_t *want, const char *what)
{
	uint8_t got[MAX_SNAP];
	size_t i;

	if (npages > MAX_SNAP)
		die("%s: snapshot of %zu pages is too big", what, npages);
	memset(got, 0xaa, sizeof(got));
	must_op(fd, HMM_DMIRROR_SNAPSHOT, addr, got, npages, what);
	for (i = 0; i < npages; i++) {
		uint8_t v = got[i];

		if (v != HMM_DMIRROR_PROT_ERROR)
			v &= ~SNAP_SIZE_BITS;
		if (v != want[i])
			die("%s: page %zu is %s (0x%02x), expected %s (0x%02x)",
			    what, i, snap_name(v), got[i], snap_name(want[i]),
			    want[i]);
	}
}

static void expect_snap_all(int fd, const void *addr, size_t npages,
			    uint8_t want, const char *what)
{
	uint8_t w[MAX_SNAP];

	memset(w, want, sizeof(w));
	expect_snap(fd, addr, npages, w, what);
}

/* ---- tests -------------------------------------------------------------- */

/* Both device nodes open, are character devices, and open more than once. */
static int t_open_close(void)
{
	int fd[DEV_COUNT], i, again;
	struct stat st;

	for (i = 0; i < DEV_COUNT; i++) {
		fd[i] = open_dev(i);
		if (fstat(fd[i], &st))
			return fail("fstat /dev/hmm_dmirror%d: %s", i,
				    strerror(errno));
		if (!S_ISCHR(st.st_mode))
			return fail("/dev/hmm_dmirror%d is not a character device",
				    i);
	}
	/* A second open file of the same node is a second mirror. */
	again = open_dev(0);
	xclose(again);
	for (i = 0; i < DEV_COUNT; i++)
		xclose(fd[i]);
	for (i = 0; i < DEV_COUNT; i++)
		xclose(open_dev(i));
	return RES_PASS;
}

/* READ of CPU-written memory: data, fault counting, a second mirror. */
static int t_read(void)
{
	const size_t n = 16;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	int fd0 = open_dev(0), fd1;
	uint64_t faults;

	fill(buf, 0, n, 0x11);
	faults = must_op(fd0, HMM_DMIRROR_READ, buf, out, n, "first READ");
	expect_data(out, 0, n, 0x11, "first READ");
	if (!faults)
		return fail("first READ of unmirrored pages reported 0 device faults");

	memset(out, 0, pages(n));
	faults = must_op(fd0, HMM_DMIRROR_READ, buf, out, n, "second READ");
	expect_data(out, 0, n, 0x11, "second READ");
	if (faults)
		return fail("second READ took %llu device faults, expected 0 (already mirrored)",
			    (unsigned long long)faults);

	memset(out, 0, pages(n));
	must_op(fd0, HMM_DMIRROR_READ, buf + pages(5), out, 7,
		"READ of pages 5-11");
	expect_data(out, 5, 7, 0x11, "READ of pages 5-11");

	/* The other device has a page table of its own to fill. */
	fd1 = open_dev(1);
	memset(out, 0, pages(n));
	faults = must_op(fd1, HMM_DMIRROR_READ, buf, out, n,
			 "READ through dmirror1");
	expect_data(out, 0, n, 0x11, "READ through dmirror1");
	if (!faults)
		return fail("first READ through dmirror1 reported 0 device faults");

	/* New CPU data shows through both mirrors. */
	fill(buf, 0, n, 0x12);
	must_op(fd0, HMM_DMIRROR_READ, buf, out, n, "READ after CPU update");
	expect_data(out, 0, n, 0x12, "READ after CPU update");
	memset(out, 0, pages(n));
	must_op(fd1, HMM_DMIRROR_READ, buf, out, n,
		"dmirror1 READ after CPU update");
	expect_data(out, 0, n, 0x12, "dmirror1 READ after CPU update");

	xclose(fd0);
	xclose(fd1);
	return RES_PASS;
}

/*
 * READ of never-touched anonymous memory maps the shared zero page; a CPU
 * write then replaces it, and the mirror must drop its zero page entry.
 */
static int t_read_untouched(void)
{
	const size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	uint8_t want[MAX_SNAP];
	int fd = open_dev(0);

	expect_snap_all(fd, buf, n, HMM_DMIRROR_PROT_NONE,
			"SNAPSHOT of untouched pages");
	memset(out, 0xa5, pages(n));
	if (!must_op(fd, HMM_DMIRROR_READ, buf, out, n,
		     "READ of untouched pages"))
		return fail("READ of untouched pages reported 0 device faults");
	expect_data(out, 0, n, 0, "READ of untouched pages");
	expect_snap_all(fd, buf, n, SNAP_ZERO_READ,
			"SNAPSHOT after device READ");

	fill(buf + pages(2), 2, 1, 0x21);
	memset(out, 0xa5, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after CPU write");
	expect_data(out, 0, 2, 0, "READ after CPU write");
	expect_data(out + pages(2), 2, 1, 0x21, "READ after CPU write");
	expect_data(out + pages(3), 3, n - 3, 0, "READ after CPU write");
	memset(want, SNAP_ZERO_READ, sizeof(want));
	want[2] = HMM_DMIRROR_PROT_WRITE;
	expect_snap(fd, buf, n, want, "SNAPSHOT after CPU write");
	xclose(fd);
	return RES_PASS;
}

/* WRITE over CPU-written and over never-touched memory. */
static int t_write(void)
{
	const size_t n = 16;
	uint8_t *buf = map_anon(n), *src = map_anon(n), *out = map_anon(n);
	uint8_t *fresh = map_anon(n);
	int fd0 = open_dev(0), fd1 = open_dev(1);

	fill(buf, 0, n, 0x31);
	fill(src, 0, n, 0x32);
	must_op(fd0, HMM_DMIRROR_WRITE, buf, src, n,
		"WRITE over written pages");
	expect_data(buf, 0, n, 0x32, "CPU view after WRITE");

	fill(src, 0, n, 0x33);
	if (!must_op(fd0, HMM_DMIRROR_WRITE, fresh, src, n,
		     "WRITE into untouched pages"))
		return fail("WRITE into untouched pages reported 0 device faults");
	expect_snap_all(fd0, fresh, n, HMM_DMIRROR_PROT_WRITE,
			"SNAPSHOT after WRITE into untouched pages");
	expect_data(fresh, 0, n, 0x33,
		    "CPU view of untouched pages after WRITE");

	/* What one device wrote, the other reads. */
	must_op(fd1, HMM_DMIRROR_READ, fresh, out, n, "dmirror1 READ");
	expect_data(out, 0, n, 0x33, "dmirror1 READ after dmirror0 WRITE");

	/* A sub-range leaves its neighbours alone. */
	fill(src, 4, 3, 0x34);
	must_op(fd0, HMM_DMIRROR_WRITE, fresh + pages(4), src, 3,
		"WRITE of pages 4-6");
	expect_data(fresh, 0, 4, 0x33, "pages 0-3 after WRITE of pages 4-6");
	expect_data(fresh + pages(4), 4, 3, 0x34, "WRITE of pages 4-6");
	expect_data(fresh + pages(7), 7, n - 7, 0x33,
		    "pages 7-15 after WRITE of pages 4-6");
	xclose(fd0);
	xclose(fd1);
	return RES_PASS;
}

static void xpwrite(int fd, const void *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t r = pwrite(fd, buf, len, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die("pwrite: %s", r < 0 ? strerror(errno) : "wrote 0");
		buf = (const char *)buf + r;
		len -= r;
		off += r;
	}
}

static void xpread(int fd, void *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t r = pread(fd, buf, len, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die("pread: %s",
			    r < 0 ? strerror(errno) : "end of file");
		buf = (char *)buf + r;
		len -= r;
		off += r;
	}
}

/* A shared file mapping on tmpfs: READ, WRITE, read-only, truncate. */
static int t_file_rw(void)
{
	const size_t n = 8;
	char path[] = "/tmp/hmm_suite.XXXXXX";
	uint8_t *tmp = map_anon(n), *out = map_anon(n), *map, *ro;
	int file, dev;

	file = mkstemp(path);
	if (file < 0)
		die("mkstemp(%s): %s", path, strerror(errno));
	if (unlink(path))
		die("unlink(%s): %s", path, strerror(errno));
	if (ftruncate(file, pages(n)))
		die("ftruncate: %s", strerror(errno));
	fill(tmp, 0, n, 0x41);
	xpwrite(file, tmp, pages(n), 0);
	map = mmap(NULL, pages(n), PROT_READ | PROT_WRITE, MAP_SHARED, file, 0);
	if (map == MAP_FAILED)
		die("mmap(MAP_SHARED) of the file: %s", strerror(errno));
	dev = open_dev(0);

	must_op(dev, HMM_DMIRROR_READ, map, out, n, "READ of file mapping");
	expect_data(out, 0, n, 0x41, "READ of file mapping");

	fill(tmp, 0, n, 0x42);
	must_op(dev, HMM_DMIRROR_WRITE, map, tmp, n, "WRITE to file mapping");
	memset(out, 0, pages(n));
	xpread(file, out, pages(n), 0);
	expect_data(out, 0, n, 0x42, "pread after WRITE");
	expect_data(map, 0, n, 0x42, "CPU view after WRITE");

	/* The file changed behind the mapping's back. */
	fill(tmp, 0, n, 0x43);
	xpwrite(file, tmp, pages(n), 0);
	must_op(dev, HMM_DMIRROR_READ, map, out, n, "READ after pwrite");
	expect_data(out, 0, n, 0x43, "READ after pwrite");

	/* A read-only shared mapping: the device may read, not write. */
	ro = mmap(NULL, pages(n), PROT_READ, MAP_SHARED, file, 0);
	if (ro == MAP_FAILED)
		die("mmap(PROT_READ, MAP_SHARED) of the file: %s",
		    strerror(errno));
	memset(out, 0, pages(n));
	must_op(dev, HMM_DMIRROR_READ, ro, out, n, "READ of read-only mapping");
	expect_data(out, 0, n, 0x43, "READ of read-only mapping");
	must_fail(dev, HMM_DMIRROR_WRITE, ro, tmp, n, EPERM, 0,
		  "WRITE to read-only file mapping");
	xpread(file, out, pages(n), 0);
	expect_data(out, 0, n, 0x43, "file after refused WRITE");

	/*
	 * Shrink the file: the pages past the new end of file are unmapped
	 * and can no longer be faulted in, so the device must lose them too.
	 */
	if (ftruncate(file, pages(n / 2)))
		die("ftruncate to %zu pages: %s", n / 2, strerror(errno));
	must_fail(dev, HMM_DMIRROR_READ, map, out, n, EFAULT, 0,
		  "READ past end of file after truncate");
	memset(out, 0, pages(n));
	must_op(dev, HMM_DMIRROR_READ, map, out, n / 2,
		"READ below end of file after truncate");
	expect_data(out, 0, n / 2, 0x43,
		    "READ below end of file after truncate");

	xmunmap(ro, n);
	xmunmap(map, n);
	xclose(dev);
	xclose(file);
	return RES_PASS;
}

/* SNAPSHOT of one range whose pages are in every state it can report. */
static int t_snapshot(void)
{
	enum { N = 10 };
	uint8_t want[N] = {
		HMM_DMIRROR_PROT_WRITE,		/* 0: written */
		HMM_DMIRROR_PROT_WRITE,		/* 1: written */
		HMM_DMIRROR_PROT_READ,		/* 2: written, then read-only */
		HMM_DMIRROR_PROT_READ,		/* 3: written, then read-only */
		HMM_DMIRROR_PROT_NONE,		/* 4: never touched */
		SNAP_ZERO_READ,			/* 5: only read by the CPU */
		HMM_DMIRROR_PROT_ERROR,		/* 6: PROT_NONE */
		HMM_DMIRROR_PROT_ERROR,		/* 7: unmapped hole */
		HMM_DMIRROR_PROT_WRITE,		/* 8: written */
		HMM_DMIRROR_PROT_NONE,		/* 9: never touched */
	};
	/* Allocate everything first: nothing may be mapped into the hole. */
	uint8_t *buf = map_anon(N), *out = map_anon(N);
	int fd = open_dev(0);

	fill(buf, 0, 2, 0x51);
	fill(buf + pages(2), 2, 2, 0x52);
	xmprotect(buf + pages(2), 2, PROT_READ);
	sink = buf[pages(5)];
	fill(buf + pages(6), 6, 1, 0x53);
	xmprotect(buf + pages(6), 1, PROT_NONE);
	xmunmap(buf + pages(7), 1);
	fill(buf + pages(8), 8, 1, 0x54);

	expect_snap(fd, buf, N, want, "SNAPSHOT of mixed pages");
	/* SNAPSHOT faults nothing in, so it sees the same again. */
	expect_snap(fd, buf, N, want, "second SNAPSHOT of mixed pages");

	/* A device READ maps the zero page into the untouched page 4. */
	must_op(fd, HMM_DMIRROR_READ, buf, out, 6, "READ of pages 0-5");
	expect_data(out, 0, 2, 0x51, "READ of pages 0-5");
	expect_data(out + pages(2), 2, 2, 0x52, "READ of pages 0-5");
	expect_data(out + pages(4), 4, 2, 0, "READ of pages 0-5");
	want[4] = SNAP_ZERO_READ;
	expect_snap(fd, buf, N, want, "SNAPSHOT after READ of pages 0-5");

	must_fail(fd, HMM_DMIRROR_READ, buf + pages(6), out, 1, EFAULT, 0,
		  "READ of the PROT_NONE page");
	must_fail(fd, HMM_DMIRROR_READ, buf + pages(7), out, 1, EFAULT, 0,
		  "READ of the unmapped page");
	xclose(fd);
	return RES_PASS;
}

/* munmap drops mirrored pages; new memory at the same address is seen. */
static int t_munmap(void)
{
	const size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	int fd = open_dev(0);

	fill(buf, 0, n, 0x61);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ before munmap");
	expect_data(out, 0, n, 0x61, "READ before munmap");

	xmunmap(buf + pages(3), 1);
	must_fail(fd, HMM_DMIRROR_READ, buf, out, n, EFAULT, 0,
		  "READ across a page unmapped since");
	must_op(fd, HMM_DMIRROR_READ, buf, out, 3, "READ below the hole");
	expect_data(out, 0, 3, 0x61, "READ below the hole");
	must_op(fd, HMM_DMIRROR_READ, buf + pages(4), out, n - 4,
		"READ above the hole");
	expect_data(out, 4, n - 4, 0x61, "READ above the hole");

	xmunmap(buf, n);
	must_fail(fd, HMM_DMIRROR_READ, buf, out, n, EFAULT, 0,
		  "READ after munmap");
	must_fail(fd, HMM_DMIRROR_READ, buf, out, 1, EFAULT, 0,
		  "READ of first page after munmap");

	/* Other pages at the same address: the old ones must not show. */
	map_anon_at(buf, n);
	fill(buf, 0, n, 0x62);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after re-mmap");
	expect_data(out, 0, n, 0x62, "READ after re-mmap");

	/* MAP_FIXED over a live mapping replaces it in one step. */
	map_anon_at(buf, n);
	memset(out, 0xa5, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n,
		"READ after MAP_FIXED replacement");
	expect_data(out, 0, n, 0, "READ after MAP_FIXED replacement");
	xclose(fd);
	return RES_PASS;
}

/* mprotect: read-only refuses WRITE, PROT_NONE refuses all, RW restores. */
static int t_mprotect(void)
{
	const size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n), *src = map_anon(n);
	int fd = open_dev(0);

	fill(buf, 0, n, 0x71);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ of RW pages");
	expect_data(out, 0, n, 0x71, "READ of RW pages");

	xmprotect(buf, n, PROT_READ);
	fill(src, 0, n, 0x72);
	must_fail(fd, HMM_DMIRROR_WRITE, buf, src, n, EPERM, 0,
		  "WRITE to read-only pages");
	expect_data(buf, 0, n, 0x71, "CPU view after refused WRITE");
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ of read-only pages");
	expect_data(out, 0, n, 0x71, "READ of read-only pages");
	expect_snap_all(fd, buf, n, HMM_DMIRROR_PROT_READ,
			"SNAPSHOT of read-only pages");

	xmprotect(buf, n, PROT_NONE);
	must_fail(fd, HMM_DMIRROR_READ, buf, out, n, EFAULT, 0,
		  "READ of PROT_NONE pages");
	must_fail(fd, HMM_DMIRROR_WRITE, buf, src, n, EFAULT, EPERM,
		  "WRITE to PROT_NONE pages");
	expect_snap_all(fd, buf, n, HMM_DMIRROR_PROT_ERROR,
			"SNAPSHOT of PROT_NONE pages");

	xmprotect(buf, n, PROT_READ | PROT_WRITE);
	must_op(fd, HMM_DMIRROR_WRITE, buf, src, n, "WRITE after restoring RW");
	expect_data(buf, 0, n, 0x72, "CPU view after WRITE");
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after restoring RW");
	expect_data(out, 0, n, 0x72, "READ after restoring RW");

	/* A read-only island in the middle refuses the whole WRITE. */
	xmprotect(buf + pages(2), 2, PROT_READ);
	fill(src, 0, n, 0x73);
	must_fail(fd, HMM_DMIRROR_WRITE, buf, src, n, EPERM, 0,
		  "WRITE across a read-only sub-range");
	expect_data(buf + pages(2), 2, 2, 0x72,
		    "read-only sub-range after refused WRITE");
	xclose(fd);
	return RES_PASS;
}

/* MADV_DONTNEED on private anonymous memory: the mirror reads zeroes. */
static int t_madvise_dontneed(void)
{
	const size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	int fd = open_dev(0);

	fill(buf, 0, n, 0x81);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ before MADV_DONTNEED");
	expect_data(out, 0, n, 0x81, "READ before MADV_DONTNEED");
	expect_snap_all(fd, buf, n, HMM_DMIRROR_PROT_WRITE,
			"SNAPSHOT before MADV_DONTNEED");

	xmadvise(buf, n, MADV_DONTNEED);
	expect_snap_all(fd, buf, n, HMM_DMIRROR_PROT_NONE,
			"SNAPSHOT after MADV_DONTNEED");
	memset(out, 0xa5, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after MADV_DONTNEED");
	expect_data(out, 0, n, 0, "READ after MADV_DONTNEED");
	expect_data(buf, 0, n, 0, "CPU view after MADV_DONTNEED");

	fill(buf, 0, n, 0x82);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after rewrite");
	expect_data(out, 0, n, 0x82, "READ after rewrite");

	/* Only part of the range. */
	xmadvise(buf + pages(1), 2, MADV_DONTNEED);
	memset(out, 0xa5, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n,
		"READ after partial MADV_DONTNEED");
	expect_data(out, 0, 1, 0x82, "READ after partial MADV_DONTNEED");
	expect_data(out + pages(1), 1, 2, 0,
		    "READ after partial MADV_DONTNEED");
	expect_data(out + pages(3), 3, n - 3, 0x82,
		    "READ after partial MADV_DONTNEED");
	xclose(fd);
	return RES_PASS;
}

/*
 * fork() makes the parent's private pages copy-on-write.  The mirror
 * follows the parent: it must see the parent's copy once either side
 * breaks the sharing, a device WRITE must break it for the parent only, and
 * the child's copy must never change under it.
 */
static int t_fork_cow(void)
{
	const size_t n = 4;
	uint8_t *buf, *out = map_anon(n), *src = map_anon(n);
	int fd = open_dev(0), go[2], ack[2];
	pid_t pid;

	/* 1: after fork the parent's CPU writes first. */
	buf = map_anon(n);
	fill(buf, 0, n, 0xa1);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ before fork");
	expect_data(out, 0, n, 0xa1, "READ before fork");
	xpipe(go);
	pid = xfork();
	if (pid == 0) {
		xclose(go[1]);
		if (!recv_byte(go[0]))
			die("fork_cow child 1: parent went away");
		expect_data(buf, 0, n, 0xa1, "child's copy after parent wrote");
		_exit(0);
	}
	xclose(go[0]);
	fill(buf, 0, n, 0xa2);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n,
		"READ after parent's CPU write");
	expect_data(out, 0, n, 0xa2, "READ after parent's CPU write");
	fill(src, 0, n, 0xa3);
	must_op(fd, HMM_DMIRROR_WRITE, buf, src, n,
		"WRITE after parent's CPU write");
	expect_data(buf, 0, n, 0xa3, "parent's CPU view after device WRITE");
	send_byte(go[1]);
	xclose(go[1]);
	reap_helper_ok(pid, "fork_cow child 1");

	/* 2: after fork the device writes first. */
	buf = map_anon(n);
	fill(buf, 0, n, 0xb1);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ before fork");
	expect_data(out, 0, n, 0xb1, "READ before fork");
	xpipe(go);
	pid = xfork();
	if (pid == 0) {
		xclose(go[1]);
		if (!recv_byte(go[0]))
			die("fork_cow child 2: parent went away");
		expect_data(buf, 0, n, 0xb1,
			    "child's copy after parent's device WRITE");
		_exit(0);
	}
	xclose(go[0]);
	fill(src, 0, n, 0xb2);
	must_op(fd, HMM_DMIRROR_WRITE, buf, src, n, "WRITE right after fork");
	expect_data(buf, 0, n, 0xb2, "parent's CPU view after device WRITE");
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after device WRITE");
	expect_data(out, 0, n, 0xb2, "READ after device WRITE");
	send_byte(go[1]);
	xclose(go[1]);
	reap_helper_ok(pid, "fork_cow child 2");

	/* 3: the child writes its copy while the parent's is mirrored. */
	buf = map_anon(n);
	fill(buf, 0, n, 0xc1);
	xpipe(go);
	xpipe(ack);
	pid = xfork();
	if (pid == 0) {
		xclose(go[1]);
		xclose(ack[0]);
		if (!recv_byte(go[0]))
			die("fork_cow child 3: parent went away");
		fill(buf, 0, n, 0xc2);
		send_byte(ack[1]);
		if (!recv_byte(go[0]))
			die("fork_cow child 3: parent went away");
		expect_data(buf, 0, n, 0xc2, "child's own copy at the end");
		_exit(0);
	}
	xclose(go[0]);
	xclose(ack[1]);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n,
		"READ of still shared pages");
	expect_data(out, 0, n, 0xc1, "READ of still shared pages");
	send_byte(go[1]);
	if (!recv_byte(ack[0])) {
		reap_helper_ok(pid, "fork_cow child 3");
		die("fork_cow child 3 exited early");
	}
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after child's write");
	expect_data(out, 0, n, 0xc1, "READ after child's write");
	fill(src, 0, n, 0xc3);
	must_op(fd, HMM_DMIRROR_WRITE, buf, src, n,
		"WRITE after child's write");
	expect_data(buf, 0, n, 0xc3, "parent's CPU view after device WRITE");
	send_byte(go[1]);
	xclose(go[1]);
	xclose(ack[0]);
	reap_helper_ok(pid, "fork_cow child 3");
	xclose(fd);
	return RES_PASS;
}

/*
 * Readers READ a buffer over and over while one thread keeps invalidating
 * it.  Every 64-bit word of the buffer holds a generation number.  The
 * invalidator announces generation g in "writing" before it touches the
 * buffer and publishes g in "published" once every word holds g.  A reader
 * loads "published" (lo) before its READ and "writing" (hi) after it: every
 * word it gets must lie in [lo, hi].  A smaller value is data the mirror
 * should have dropped when an invalidation that completed before the READ
 * began.  Zero is also legitimate while a generation that passes through
 * fresh zero-filled pages is in flight.
 */
#define MT_PAGES	16
#define MT_READERS	4
#define MT_RUN_S	2.5
/*
 * The quiet window after a generation; after a READ that gave up (EBUSY:
 * the driver found no stable view within its 1 s timeout, as lib/test_hmm.c
 * does), a window longer than that timeout, so that a slow guest (a loaded
 * host: its vCPU gets a fraction of a CPU, its clock runs on) still gets
 * READs through.  EBUSY is the driver keeping its contract, not a fault.
 */
#define MT_QUIET_MS	5
#define MT_QUIET_LONG_MS	1500

enum { MT_REMAP, MT_PROTECT, MT_DONTNEED, MT_MREMAP, MT_NR_OPS };

struct mt_ctx {
	uint64_t *buf;
	uint64_t published;
	uint64_t writing;
	unsigned long ebusy;	/* READs that gave up, all readers */
	int stop;
};

struct mt_reader {
	pthread_t thread;
	struct mt_ctx *ctx;
	int id;
	int fd;
	uint64_t *out;
	unsigned long reads;
	unsigned long efaults;
	unsigned long ebusys;
	char err[MSG_LEN];
};

static int mt_op(uint64_t gen)
{
	return gen % MT_NR_OPS;
}

/* Does a generation in (lo, hi] go through zero-filled pages? */
static bool mt_zero_window(uint64_t lo, uint64_t hi)
{
	uint64_t g;

	if (hi - lo >= MT_NR_OPS)
		return hi > lo;
	for (g = lo + 1; g <= hi; g++)
		if (mt_op(g) == MT_REMAP || mt_op(g) == MT_DONTNEED)
			return true;
	return false;
}

static void mt_fill(uint64_t *p, uint64_t gen)
{
	size_t i, words = pages(MT_PAGES) / sizeof(*p);

	for (i = 0; i < words; i++)
		p[i] = gen;
}

static void *mt_reader_fn(void *arg)
{
	struct mt_reader *r = arg;
	struct mt_ctx *c = r->ctx;
	size_t words = pages(MT_PAGES) / sizeof(uint64_t), i;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		struct hmm_dmirror_cmd cmd;
		uint64_t lo, hi;
		int ret;

		lo = __atomic_load_n(&c->published, __ATOMIC_ACQUIRE);
		ret = mop(r->fd, HMM_DMIRROR_READ, c->buf, r->out, MT_PAGES,
			  &cmd);
		/* Order the kernel's loads of the buffer before this one. */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		hi = __atomic_load_n(&c->writing, __ATOMIC_RELAXED);

		if (ret == -EFAULT) {	/* an unmapped or PROT_NONE window */
			r->efaults++;
			continue;
		}
		if (ret == -EBUSY) {	/* no stable view in time: again */
			r->ebusys++;
			__atomic_add_fetch(&c->ebusy, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (ret) {
			snprintf(r->err, sizeof(r->err),
				 "reader %d: READ failed: %s", r->id,
				 errname(-ret));
			break;
		}
		if (cmd.cpages != MT_PAGES) {
			snprintf(r->err, sizeof(r->err),
				 "reader %d: READ processed %llu pages, expected %d",
				 r->id, (unsigned long long)cmd.cpages,
				 MT_PAGES);
			break;
		}
		r->reads++;
		for (i = 0; i < words; i++) {
			uint64_t v = r->out[i];

			if (v >= lo && v <= hi)
				continue;
			if (!v && mt_zero_window(lo, hi))
				continue;
			snprintf(r->err, sizeof(r->err),
				 "reader %d: page %zu holds generation %llu, outside [%llu, %llu]: stale or corrupt mirror",
				 r->id, i * sizeof(v) / page_size,
				 (unsigned long long)v,
				 (unsigned long long)lo,
				 (unsigned long long)hi);
			return NULL;
		}
	}
	return NULL;
}

/* Produce generation @gen, invalidating the buffer one way or another. */
static void mt_invalidate(struct mt_ctx *c, uint64_t gen)
{
	size_t len = pages(MT_PAGES);
	void *p;

	/* Announce @gen before any store of it can reach the buffer. */
	__atomic_store_n(&c->writing, gen, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	switch (mt_op(gen)) {
	case MT_REMAP:		/* unmap, then fresh pages at the address */
		xmunmap(c->buf, MT_PAGES);
		map_anon_at(c->buf, MT_PAGES);
		mt_fill(c->buf, gen);
		break;
	case MT_PROTECT:	/* take all access away, then give it back */
		xmprotect(c->buf, MT_PAGES, PROT_NONE);
		xmprotect(c->buf, MT_PAGES, PROT_READ);
		xmprotect(c->buf, MT_PAGES, PROT_READ | PROT_WRITE);
		mt_fill(c->buf, gen);
		break;
	case MT_DONTNEED:	/* zap the pages, then rewrite them */
		xmadvise(c->buf, MT_PAGES, MADV_DONTNEED);
		mt_fill(c->buf, gen);
		break;
	case MT_MREMAP:		/* move prepared pages over the buffer */
		p = map_anon(MT_PAGES);
		mt_fill(p, gen);
		if (mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED,
			   c->buf) != c->buf)
			die("mremap onto %p: %s", (void *)c->buf,
			    strerror(errno));
		break;
	}
	__atomic_store_n(&c->published, gen, __ATOMIC_RELEASE);
}

static int t_threads_invalidate(void)
{
	struct mt_reader rd[MT_READERS];
	struct mt_ctx ctx;
	uint64_t gen = 1, *out;
	unsigned long reads = 0, efaults = 0, ebusys = 0, busy = 0, b;
	int fd[DEV_COUNT], i, ret;
	double end;
	size_t w;

	memset(&ctx, 0, sizeof(ctx));
	ctx.buf = (uint64_t *)map_anon(MT_PAGES);
	mt_fill(ctx.buf, gen);
	ctx.published = ctx.writing = gen;
	for (i = 0; i < DEV_COUNT; i++)
		fd[i] = open_dev(i);

	/* Two readers share each device: one mirror, concurrent ioctls. */
	memset(rd, 0, sizeof(rd));
	for (i = 0; i < MT_READERS; i++) {
		rd[i].ctx = &ctx;
		rd[i].id = i;
		rd[i].fd = fd[i * DEV_COUNT / MT_READERS];
		rd[i].out = (uint64_t *)map_anon(MT_PAGES);
	}
	for (i = 0; i < MT_READERS; i++) {
		ret = pthread_create(&rd[i].thread, NULL, mt_reader_fn, &rd[i]);
		if (ret)
			die("pthread_create: %s", strerror(ret));
	}

	/* At least two rounds of every kind, however slow the machine. */
	end = now() + MT_RUN_S;
	while (now() < end || gen < 1 + 2 * MT_NR_OPS) {
		mt_invalidate(&ctx, ++gen);
		/*
		 * A quiet window, so that readers get a stable view: the
		 * driver gives up (EBUSY) if it cannot get one for a second,
		 * and a longer one after it did.
		 */
		b = __atomic_load_n(&ctx.ebusy, __ATOMIC_RELAXED);
		sleep_ms(b != busy ? MT_QUIET_LONG_MS : MT_QUIET_MS);
		busy = b;
	}
	__atomic_store_n(&ctx.stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < MT_READERS; i++) {
		ret = pthread_join(rd[i].thread, NULL);
		if (ret)
			die("pthread_join: %s", strerror(ret));
	}

	for (i = 0; i < MT_READERS; i++) {
		if (rd[i].err[0])
			return fail("%s (after %llu generations)", rd[i].err,
				    (unsigned long long)gen);
		reads += rd[i].reads;
		efaults += rd[i].efaults;
		ebusys += rd[i].ebusys;
	}
	if (!reads)
		return fail("no READ succeeded in %llu generations (%lu EFAULTs, %lu EBUSYs)",
			    (unsigned long long)gen, efaults, ebusys);
	if (ebusys)
		printf("# threads_invalidate: %lu READs, %lu gave up (EBUSY) in %llu generations\n",
		       reads, ebusys, (unsigned long long)gen);

	/* Quiet now: the mirror must hold exactly the last generation. */
	out = rd[0].out;
	must_op(fd[0], HMM_DMIRROR_READ, ctx.buf, out, MT_PAGES, "final READ");
	for (w = 0; w < pages(MT_PAGES) / sizeof(*out); w++)
		if (out[w] != gen)
			return fail("final READ: page %zu holds generation %llu, expected %llu",
				    w * sizeof(*out) / page_size,
				    (unsigned long long)out[w],
				    (unsigned long long)gen);
	for (i = 0; i < DEV_COUNT; i++)
		xclose(fd[i]);
	return RES_PASS;
}

/*
 * A process that exits (or is killed) with a live mirror, its file and
 * mappings still there, leaves a driver in which new mirrors work.
 */
static int t_exit_live_mirror(void)
{
	const size_t n = 64;
	uint8_t *buf, *out;
	int round, i, fd, sync[2], st;
	char desc[96];
	pid_t pid;

	for (round = 0; round < 4; round++) {
		bool killed = round >= 2;

		xpipe(sync);
		pid = xfork();
		if (pid == 0) {
			xclose(sync[0]);
			fd = open_dev(round % DEV_COUNT);
			buf = map_anon(n);
			out = map_anon(n);
			fill(buf, 0, n, 0x90 + round);
			must_op(fd, HMM_DMIRROR_READ, buf, out, n,
				"helper READ");
			expect_data(out, 0, n, 0x90 + round, "helper READ");
			if (killed) {
				send_byte(sync[1]);
				for (;;)
					pause();
			}
			/* No close, no munmap: exit tears it all down. */
			_exit(0);
		}
		xclose(sync[1]);
		if (killed && recv_byte(sync[0]) && kill(pid, SIGKILL))
			die("kill: %s", strerror(errno));
		xclose(sync[0]);
		st = reap_helper(pid, "mirroring process");
		if (killed ? WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL :
			     WIFEXITED(st) && WEXITSTATUS(st) == 0)
			continue;
		describe_status(st, desc, sizeof(desc));
		return fail("round %d: mirroring process %s", round, desc);
	}

	buf = map_anon(n);
	out = map_anon(n);
	fill(buf, 0, n, 0x9f);
	for (i = 0; i < DEV_COUNT; i++) {
		fd = open_dev(i);
		memset(out, 0, pages(n));
		must_op(fd, HMM_DMIRROR_READ, buf, out, n,
			"READ after the mirroring processes died");
		expect_data(out, 0, n, 0x9f,
			    "READ after the mirroring processes died");
		xclose(fd);
	}
	return RES_PASS;
}

/*
 * The parent's half of a "file outlives its mm" test: the mirroring
 * process @opener forked a holder of its file(s), sent the holder's pid
 * through @pidp and exits; once it is reaped (its mm torn down) the holder
 * is told through @go to READ, and its exit status is returned.  Undoes the
 * PR_SET_CHILD_SUBREAPER the test set to reap the holder.
 */
static int holder_after_exit(pid_t opener, int go[2], int pidp[2],
			     const char *what)
{
	pid_t holder;
	int st;

	xclose(go[0]);
	xclose(pidp[1]);
	if (read(pidp[0], &holder, sizeof(holder)) != sizeof(holder))
		die("the mirroring process did not fork the holder");
	xclose(pidp[0]);
	reap_helper_ok(opener, "mirroring process");
	send_byte(go[1]);
	xclose(go[1]);
	st = reap_helper(holder, what);
	if (prctl(PR_SET_CHILD_SUBREAPER, 0))
		die("prctl(PR_SET_CHILD_SUBREAPER): %s", strerror(errno));
	return st;
}

/*
 * The mirrored process exits while a child it forked still holds the device
 * file: the mm is torn down under an open mirror.  Every device entry must
 * be gone by then, whichever event the driver clears them on (amdkfd's SVM
 * and NVIDIA's uvm return early on MMU_NOTIFY_RELEASE and clear on the
 * MMU_NOTIFY_UNMAP exit_mmap() sends after it).  A command through the
 * surviving file fails with EINVAL, as lib/test_hmm.c's does; the driver
 * says EIO if its page table still maps pages of the dead mm.
 */
static int t_exit_forked_holder(void)
{
	const size_t n = 16;
	int go[2], pidp[2], st;
	pid_t opener, holder;
	char desc[96];

	/* The holder, orphaned when the opener exits, is ours to reap. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1))
		die("prctl(PR_SET_CHILD_SUBREAPER): %s", strerror(errno));
	xpipe(go);
	xpipe(pidp);
	opener = xfork();
	if (opener == 0) {
		uint8_t *buf = map_anon(n), *out = map_anon(n);
		int fd = open_dev(0);

		xclose(go[1]);
		xclose(pidp[0]);
		fill(buf, 0, n, 0xe0);
		holder = xfork();
		if (holder == 0) {
			int ret;

			/* Until the opener is gone, its mm torn down. */
			if (!recv_byte(go[0]))
				_exit(5);
			ret = mop(fd, HMM_DMIRROR_READ, buf, out, n, NULL);
			_exit(ret == -EINVAL ? 0 : ret == -EIO ? 3 : 4);
		}
		if (write(pidp[1], &holder, sizeof(holder)) != sizeof(holder))
			die("pipe write: %s", strerror(errno));
		/*
		 * After the fork, whose write-protection of the private pages
		 * invalidated the mirror: the device maps them when this mm
		 * is torn down.
		 */
		must_op(fd, HMM_DMIRROR_READ, buf, out, n, "opener READ");
		expect_data(out, 0, n, 0xe0, "opener READ");
		/* No close: the file outlives this mm, in the holder. */
		_exit(0);
	}
	st = holder_after_exit(opener, go, pidp, "process holding the file");
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return RES_PASS;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
		return fail("READ through a file that outlived its mm: EIO, the device page table still maps pages of the torn-down mm (an invalidation of the teardown was lost)");
	describe_status(st, desc, sizeof(desc));
	return fail("READ through a file that outlived its mm: expected EINVAL; holder %s",
		    desc);
}

/* exit_during_fault's faulting thread. */
struct edf_snap {
	int fd;
	const uint8_t *buf;
	uint8_t *out;
	size_t n;
	int ret;
};

static void *edf_snap_fn(void *arg)
{
	struct edf_snap *e = arg;

	e->ret = mop(e->fd, HMM_DMIRROR_SNAPSHOT, e->buf, e->out, e->n, NULL);
	return NULL;
}

#define EDF_TORN_DOWN	10	/* the faulter's exit: passed, mm gone at exit */

/*
 * The faulter of exit_during_fault: one thread's SNAPSHOT through the
 * mirroring process's file stops at the pause point; once the test says the
 * process is reaped (@go), the main thread looks whether the address space
 * is still there, lets the fault go on, and checks what is left.  Its mm is
 * a copy: it keeps none of the process's address space.
 */
static void __attribute__((noreturn))
edf_faulter(int dev, const uint8_t *buf, uint8_t *out, size_t n, int go)
{
	struct edf_snap e = { .fd = dev, .buf = buf, .out = out, .n = n };
	uint8_t snap[MAX_SNAP];
	pthread_t t;
	bool held;
	int ret;

	if (pthread_create(&t, NULL, edf_snap_fn, &e))
		die("pthread_create failed");
	if (!recv_byte(go)) {
		/* No pause point: the SNAPSHOT ran through. */
		pthread_join(t, NULL);
		_exit(RES_SKIP);
	}
	/* Only the paused range can hold the reaped process's address space. */
	ret = mop(dev, HMM_DMIRROR_SNAPSHOT, buf, snap, n, NULL);
	if (ret && ret != -EINVAL)
		die("SNAPSHOT of the exited process's mm: %s", errname(-ret));
	held = !ret;
	/* The fork made the pages read-only: READ, or WRITE if broken since. */
	if (held && !(snap[0] & (HMM_DMIRROR_PROT_READ | HMM_DMIRROR_PROT_WRITE)))
		die("SNAPSHOT of the address space the range held: page 0 is %s (0x%02x), expected mapped",
		    snap_name(snap[0] & ~SNAP_SIZE_BITS), snap[0]);
	if (ioctl(dev, HMM_DMIRROR_HB_PAUSE_GO))
		die("HB_PAUSE_GO: %s", errname(errno));
	pthread_join(t, NULL);
	if (e.ret && e.ret != -EFAULT)
		die("the SNAPSHOT that outlived its process (address space %s): %s",
		    held ? "held by the range" : "torn down at the exit",
		    errname(-e.ret));
	ret = mop(dev, HMM_DMIRROR_READ, buf, map_anon(1), 1, NULL);
	if (ret == -EIO)
		die("after the fault: EIO, the device page table still maps pages of the torn-down mm (address space %s)",
		    held ? "held by the range" : "torn down at the exit");
	if (ret != -EINVAL)
		die("READ through the file of a torn-down mm: expected EINVAL, got %s",
		    errname(-ret));
	_exit(held ? RES_PASS : EDF_TORN_DOWN);
}

/*
 * The mirrored process exits while a fault of its mm is under way in
 * another context that holds no user of the mm (a driver's worker), with a
 * 5.2 .. 5.4 range registered: issue 19's #4.  5.3 and 5.4 take a user in
 * hmm_range_register() and drop it in hmm_range_unregister(), natively and
 * in the emulation alike, so the mm's teardown (exit_mmap(), the mirror's
 * release callback) then runs in hmm_range_unregister(), in the faulting
 * context; 5.2 takes none, so it runs at the process's exit and the fault
 * goes on against an empty mm.  Either way: the fault ends (no deadlock: a
 * driver calls hmm_range_unregister() without a lock its callbacks take, as
 * upstream's contract says; a glue holding its mutex there would hang here
 * in D state), the command succeeds or says EFAULT, and nothing of the dead
 * mm is left in the device page table (a command then says EINVAL, not EIO).
 *
 * The process opens the device, fills a buffer and forks the faulter
 * (edf_faulter()), whose SNAPSHOT stops at the glue's pause point, with
 * HB_BARE_MM dropping the command's own user there; the process then exits
 * and the test, once it has reaped it, tells the faulter to go on.
 */
static int t_exit_during_fault(void)
{
	const size_t n = 16;
	int cp[2], go[2], st;
	pid_t c, g = -1;
	char desc[96];
	uint8_t stopped = 0;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1))
		die("prctl(PR_SET_CHILD_SUBREAPER): %s", strerror(errno));
	xpipe(cp);
	xpipe(go);
	c = xfork();
	if (c == 0) {
		uint8_t *buf = map_anon(n), *out = map_anon(n);
		int dev = open_dev(0);

		xclose(cp[0]);
		xclose(go[1]);
		fill(buf, 0, n, 0xe5);
		if (ioctl(dev, HMM_DMIRROR_HB_BARE_MM) ||
		    ioctl(dev, HMM_DMIRROR_HB_PAUSE_ARM))
			die("HB_BARE_MM, HB_PAUSE_ARM: %s", errname(errno));
		g = xfork();
		if (g == 0) {
			xclose(cp[1]);
			edf_faulter(dev, buf, out, n, go[0]);
		}
		xclose(go[0]);
		if (!ioctl(dev, HMM_DMIRROR_HB_PAUSE_WAIT))
			stopped = 1;
		else if (errno != ENOENT)
			die("HB_PAUSE_WAIT: %s", errname(errno));
		if (write(cp[1], &g, sizeof(g)) != sizeof(g) ||
		    write(cp[1], &stopped, 1) != 1)
			die("pipe write: %s", strerror(errno));
		/* No close, no munmap: the exit tears the mm down. */
		_exit(0);
	}
	xclose(cp[1]);
	xclose(go[0]);
	if (read(cp[0], &g, sizeof(g)) != sizeof(g) ||
	    read(cp[0], &stopped, 1) != 1)
		die("the mirroring process did not say where its fault is");
	xclose(cp[0]);
	reap_helper_ok(c, "mirroring process");
	/* Reaped: its mm has lost its last user but what the range holds. */
	if (stopped)
		send_byte(go[1]);
	xclose(go[1]);
	st = reap_helper(g, "faulter");
	if (prctl(PR_SET_CHILD_SUBREAPER, 0))
		die("prctl(PR_SET_CHILD_SUBREAPER): %s", strerror(errno));
	if (!stopped)
		return skip("n/a: %s has no pause point: not a 5.2 .. 5.4 hmm_mirror glue",
			    module_name ? module_name : "the module");
	if (WIFEXITED(st) && WEXITSTATUS(st) == RES_FAIL)
		return RES_FAIL;	/* the faulter said why */
	if (!WIFEXITED(st) ||
	    (WEXITSTATUS(st) != RES_PASS && WEXITSTATUS(st) != EDF_TORN_DOWN)) {
		describe_status(st, desc, sizeof(desc));
		return fail("the faulter %s", desc);
	}
	printf("# exit_during_fault: the address space %s\n",
	       WEXITSTATUS(st) == RES_PASS ?
	       "outlived the process in the range and was torn down in hmm_range_unregister()" :
	       "was torn down at the process's exit; the fault went on against the empty mm");
	fflush(stdout);
	return RES_PASS;
}

/* ---- the OOM scenario --------------------------------------------------- */

#define OOM_HOLD_MS	30000	/* the victim's mm waits this long for the reaper */
#define OOM_EXIT_S	50	/* a victim not gone by then hangs in the kernel */
#define OOM_CHUNK	(16UL << 20)
#define OOM_CGROUP_ROOT	"/sys/fs/cgroup"
#define OOM_CGROUP	OOM_CGROUP_ROOT "/hb_oom"
#define OOM_CGROUP_MAX	"67108864"	/* 64 MiB: the victim's memory */

/*
 * Read the small file @path into @buf as a string: its length, or -1 if it
 * cannot be opened or read, or is empty.
 */
static ssize_t read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	buf[0] = 0;
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return n;
}

/* Write @s to the file @path: true, or false with errno set. */
static bool try_write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok;
}

static void write_str(const char *path, const char *s)
{
	if (!try_write_str(path, s))
		die("%s: %s", path, strerror(errno));
}

/*
 * The OOM kill is confined to a memory cgroup of the victim's own (cgroup
 * v2, which /init mounts): the OOM reaper cannot free the victim's memory
 * (the failing notifier is the scenario) and gives up, and a machine-wide
 * OOM would then go on to kill bystanders (the guest's /init and its
 * pipes).  In a cgroup the victim is the only candidate and the rest of
 * the machine never runs short.  Made afresh for each run; false, with the
 * reason in @why, when this kernel has no cgroup v2 memory controller.
 */
static bool oom_cgroup_make(char *why, size_t len)
{
	char buf[256];

	if (read_small(OOM_CGROUP_ROOT "/cgroup.controllers", buf,
		       sizeof(buf)) < 0 || !strstr(buf, "memory")) {
		snprintf(why, len, "no cgroup v2 memory controller at %s (CONFIG_MEMCG)",
			 OOM_CGROUP_ROOT);
		return false;
	}
	rmdir(OOM_CGROUP);
	if (!try_write_str(OOM_CGROUP_ROOT "/cgroup.subtree_control", "+memory") ||
	    (mkdir(OOM_CGROUP, 0755) && errno != EEXIST) ||
	    !try_write_str(OOM_CGROUP "/memory.max", OOM_CGROUP_MAX)) {
		snprintf(why, len, "cannot make the memory cgroup %s: %s",
			 OOM_CGROUP, strerror(errno));
		return false;
	}
	return true;
}

/*
 * Is @sym a symbol of the module under test (in /proc/kallsyms)?  1 yes,
 * 0 no, -1 cannot tell.
 */
static int module_has_symbol(const char *sym)
{
	char line[512], want[160];
	int found = 0;
	FILE *f;

	if (!module_name)
		return -1;
	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -1;
	snprintf(want, sizeof(want), " %s\t[%s]", sym, module_name);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, want) != NULL;
	fclose(f);
	return found;
}

/*
 * Does the module carry the shim's interval notifier?  1 yes, 0 no (the
 * kernel's own), -1 cannot tell.
 */
static int module_has_emulated_mni(void)
{
	return module_has_symbol("hb_mmu_interval_notifier_insert");
}

/* The state letter of /proc/PID/stat ('?' if unreadable). */
static char proc_state(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small(path, buf, sizeof(buf)) < 0)
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] ? p[2] : '?';
}

static void *oom_hold_fn(void *arg)
{
	uint32_t ms = OOM_HOLD_MS;

	ioctl(*(int *)arg, HMM_DMIRROR_HB_HOLD_MS, &ms);
	return NULL;
}

/* The victim: mirror, another driver's failing notifier, then eat memory. */
static void __attribute__((noreturn)) oom_victim(int ready)
{
	const size_t n = 16;
	uint8_t *buf, *out;
	pthread_t th;
	int fd;

	/* Into the cgroup first: its memory is charged there from now on. */
	if (!try_write_str(OOM_CGROUP "/cgroup.procs", "0"))
		_exit(10);
	buf = map_anon(n);
	out = map_anon(n);
	fd = open_dev(0);
	write_str("/proc/self/oom_score_adj", "1000");
	if (ioctl(fd, HMM_DMIRROR_HB_FOREIGN_NB_FAIL))
		_exit(errno == EOPNOTSUPP ? 7 : 8);
	fill(buf, 0, n, 0x0e);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "victim READ");
	expect_data(out, 0, n, 0x0e, "victim READ");
	/* A thread in the driver keeps the mm alive until the reaper ran. */
	if (pthread_create(&th, NULL, oom_hold_fn, &fd))
		_exit(9);
	send_byte(ready);
	/*
	 * Touched by the CPU, page by page: a user fault that finds no memory
	 * calls the OOM killer on every kernel, where MAP_POPULATE's GUP just
	 * stops quietly (v4.19 never picked a victim that way).
	 */
	for (;;) {
		uint8_t *p = mmap(NULL, OOM_CHUNK, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		size_t off;

		if (p == MAP_FAILED) {
			sleep_ms(10);
			continue;
		}
		for (off = 0; off < OOM_CHUNK; off += page_size)
			p[off] = 1;
	}
}

/*
 * A mirrored process is OOM-killed while another driver's notifier on its
 * mm fails every non-blocking invalidation (an amdgpu userptr, an RDMA
 * umem, whose locks are taken): the OOM reaper's
 * invalidate_range_start() fails, and kernels before v5.12 then call no
 * invalidate_range_end(), not even to the notifiers whose start succeeded.
 * The shim's interval notifier must still close its invalidation window,
 * or the victim's mmu_interval_notifier_remove() (its file's release, in
 * its exit) waits forever.  A thread held in the driver keeps the killed
 * victim's mm alive until the reaper has run on it.  Passes when the
 * victim is gone within OOM_EXIT_S and the reaper was seen failing;
 * the victim runs in a memory cgroup of its own (oom_cgroup_make()), and
 * the test is skipped where there is none; skipped when the module uses the kernel's own interval notifier (whose
 * window, by mm/mmu_notifier.c of v5.5 .. 7.x, stays open in the same
 * case: a kernel defect, not the shim's).
 */
static int t_oom_reaped(void)
{
	uint64_t before, after;
	int ready[2], fd, st, emul;
	char desc[96], why[160];
	pid_t victim;

	emul = module_has_emulated_mni();
	if (emul < 0)
		return skip("cannot tell whose interval notifier the module uses (no /proc/kallsyms)");
	if (!emul)
		return skip("the module uses the kernel's own interval notifier, whose window stays open when a later notifier fails a non-blocking start (mm/mmu_notifier.c, v5.5+): not the shim's to test");
	if (!oom_cgroup_make(why, sizeof(why)))
		return skip("%s: an OOM kill outside one would strike the bystanders of the test",
			    why);
	fd = open_dev(1);
	if (ioctl(fd, HMM_DMIRROR_HB_NB_FAILS, &before))
		die("HMM_DMIRROR_HB_NB_FAILS: %s", strerror(errno));
	/*
	 * Always overcommit while the victim eats memory: the heuristic of
	 * kernels before v5.2 refuses an mmap() larger than the memory still
	 * free, so the victim would end up retrying mmap() and never fault
	 * its way into the OOM killer.  Put back to the default after.
	 */
	write_str("/proc/sys/vm/overcommit_memory", "1");
	write_str("/proc/self/oom_score_adj", "-1000");
	write_str("/dev/kmsg", "hmm_suite: expected OOM begin\n");
	xpipe(ready);
	victim = xfork();
	if (victim == 0) {
		xclose(ready[0]);
		oom_victim(ready[1]);
	}
	xclose(ready[1]);
	recv_byte(ready[0]);
	xclose(ready[0]);
	st = wait_exit(victim, OOM_EXIT_S);
	write_str("/dev/kmsg", "hmm_suite: expected OOM end\n");
	write_str("/proc/self/oom_score_adj", "0");
	write_str("/proc/sys/vm/overcommit_memory", "0");
	if (st == 1) {
		char state = proc_state(victim);

		kill(victim, SIGKILL);
		/* Not killed at all: the scenario did not happen here. */
		if (state != 'D')
			return skip("no OOM kill within %d s (the victim is in state %c, not exiting): the scenario could not be made on this kernel",
				    OOM_EXIT_S, state);
		return fail("the OOM-killed victim is still there after %d s, in D state: its exit hangs in the kernel (an invalidation window never closed?)",
			    OOM_EXIT_S);
	}
	if (st < 0)
		die("waitid: %s", strerror(-st));
	st = reap_now(victim);
	rmdir(OOM_CGROUP);
	if (ioctl(fd, HMM_DMIRROR_HB_NB_FAILS, &after))
		die("HMM_DMIRROR_HB_NB_FAILS: %s", strerror(errno));
	xclose(fd);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 7)
		return skip("this kernel's mmu_notifier callbacks cannot fail (v4.18 form): no non-blocking invalidation exists");
	if (WIFEXITED(st) && WEXITSTATUS(st) == 10)
		return fail("the victim could not enter the memory cgroup %s", OOM_CGROUP);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		describe_status(st, desc, sizeof(desc));
		return fail("the victim was not OOM-killed: %s", desc);
	}
	if (after == before)
		return skip("the OOM reaper did not reach the victim's mm before it was torn down");
	return RES_PASS;
}

/* Per page, does @buf hold the data of @seed_a or @seed_b? */
static long pages_match_either(const uint8_t *buf, size_t npages,
			       uint8_t seed_a, uint8_t seed_b)
{
	size_t p;

	for (p = 0; p < npages; p++)
		if (find_mismatch(buf + pages(p), p, 1, seed_a) >= 0 &&
		    find_mismatch(buf + pages(p), p, 1, seed_b) >= 0)
			return (long)p;
	return -1;
}

/*
 * A forked child uses the parent's file.  The mirror belongs to the mm of
 * the process that opened it, so what the child gets is up to the driver:
 * success or an error are both fine, a crash or a hang is not.  On success
 * the data must be one of the two copies, never anything else.
 */
static int t_fork_shared_fd(void)
{
	const size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n), *src = map_anon(n);
	int fd = open_dev(0);
	pid_t pid;

	fill(buf, 0, n, 0xd0);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "parent READ");
	expect_data(out, 0, n, 0xd0, "parent READ");

	pid = xfork();
	if (pid == 0) {
		uint8_t *own;
		long p;

		fill(buf, 0, n, 0xd1);	/* now the copies differ */
		memset(out, 0, pages(n));
		if (!mop(fd, HMM_DMIRROR_READ, buf, out, n, NULL)) {
			p = pages_match_either(out, n, 0xd0, 0xd1);
			if (p >= 0)
				die("child READ of a shared address: page %ld is neither copy",
				    p);
		}

		/* An address only the child has mapped. */
		own = map_anon(n);
		fill(own, 0, n, 0xd2);
		memset(out, 0, pages(n));
		if (!mop(fd, HMM_DMIRROR_READ, own, out, n, NULL))
			expect_data(out, 0, n, 0xd2,
				    "child READ of its own mapping");
		fill(src, 0, n, 0xd3);
		if (!mop(fd, HMM_DMIRROR_WRITE, own, src, n, NULL))
			expect_data(own, 0, n, 0xd3,
				    "child WRITE to its own mapping");
		_exit(0);
	}
	reap_helper_ok(pid, "child using the parent's file");

	/* The parent's mirror is intact and its data its own. */
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "parent READ after child");
	expect_data(out, 0, n, 0xd0, "parent READ after child");
	fill(src, 0, n, 0xd4);
	must_op(fd, HMM_DMIRROR_WRITE, buf, src, n, "parent WRITE after child");
	expect_data(buf, 0, n, 0xd4, "parent CPU view after WRITE");
	xclose(fd);
	return RES_PASS;
}

/* The module cannot go away while one of its files is open. */
static int t_module_busy(void)
{
	const size_t n = 4;
	uint8_t *buf, *out;
	int fd, err;
	long ret;

	if (!module_name)
		return skip("no -m");
	fd = open_dev(0);
	ret = syscall(SYS_delete_module, module_name, O_NONBLOCK);
	err = errno;
	if (!ret)
		return fail("delete_module(\"%s\") succeeded with /dev/hmm_dmirror0 open",
			    module_name);
	if (err == EPERM)
		return skip("delete_module not permitted (needs CAP_SYS_MODULE)");
	if (err == ENOSYS)
		return skip("kernel built without module unloading");
	if (err == ENOENT)
		return fail("delete_module: no module \"%s\" is loaded",
			    module_name);
	/* EWOULDBLOCK is EAGAIN on Linux. */
	if (err != EBUSY && err != EAGAIN)
		return fail("delete_module(\"%s\") while in use: expected EBUSY or EWOULDBLOCK, got %s",
			    module_name, errname(err));

	/* The refused unload left the device working. */
	buf = map_anon(n);
	out = map_anon(n);
	fill(buf, 0, n, 0xe0);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ after refused unload");
	expect_data(out, 0, n, 0xe0, "READ after refused unload");
	xclose(fd);
	return RES_PASS;
}

/* The module's parameters as insmod takes them ("a=1 b=2"), from sysfs. */
static void module_params(char *buf, size_t len)
{
	static const char *const names[] = { "uapi", "devbase" };
	char path[160], val[32];
	size_t i, off = 0;

	buf[0] = 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s",
			 module_name, names[i]);
		if (read_small(path, val, sizeof(val)) < 0)
			continue;
		val[strcspn(val, "\n")] = 0;
		off += snprintf(buf + off, len - off, "%s%s=%s", off ? " " : "",
				names[i], val);
		if (off >= len)
			die("module parameters too long");
	}
}

/*
 * The emulated interval notifier keeps an mm's subscription registered
 * after its last notifier is removed, for the next fault window, until the
 * mm is torn down or the module exits (compat/mmu_interval_notifier.c).
 * So a process that used the device, closed it and lives on still has the
 * module's mmu_notifier on its mm: the module's exit must take it down, or
 * the next invalidation of that mm (and its exit) calls into the freed
 * module.  The test unloads the module under such a process, makes the
 * process invalidate its memory and exit, and loads the module again with
 * its parameters.  The process must exit normally (a call into freed text
 * kills it with an oops, which the boot's dmesg check reports as well).
 */
static int t_unload_idle_mm(void)
{
	const size_t n = 8;
	int go[2], ready[2], fd, st, kfd;
	char params[128], path[160], desc[96];
	pid_t child;
	double end;
	long ret;

	if (module_has_emulated_mni() != 1)
		return skip("n/a: %s uses the kernel's own interval notifier: nothing of the shim's stays on an mm",
			    module_name ? module_name : "the module");
	if (module_has_symbol("hb_module_exit") != 1)
		return fail("%s has the emulated interval notifier but not the shim's module_exit() (hb_module_exit): its subscriptions are never kept",
			    module_name);
	module_params(params, sizeof(params));
	snprintf(path, sizeof(path), "/mod/%s.ko", module_name);
	kfd = open(path, O_RDONLY | O_CLOEXEC);
	if (kfd < 0)
		return skip("cannot open %s to load the module again: %s", path,
			    strerror(errno));

	xpipe(go);
	xpipe(ready);
	child = xfork();
	if (child == 0) {
		uint8_t *buf = map_anon(n), *out = map_anon(n);

		xclose(go[1]);
		xclose(ready[0]);
		fd = open_dev(0);
		fill(buf, 0, n, 0x5a);
		must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ before unload");
		xclose(fd);
		send_byte(ready[1]);
		if (!recv_byte(go[0]))
			_exit(2);
		/* The module is gone: invalidate the mm, then exit. */
		if (mprotect(buf, pages(n), PROT_READ) ||
		    madvise(out, pages(n), MADV_DONTNEED) ||
		    munmap(buf, pages(n)))
			_exit(3);
		_exit(0);
	}
	xclose(go[0]);
	xclose(ready[1]);
	if (!recv_byte(ready[0]))
		return fail("the process using the device died before the unload");

	/* An earlier test's helper may hold the device a moment longer. */
	end = now() + 10;
	for (;;) {
		ret = syscall(SYS_delete_module, module_name, O_NONBLOCK);
		if (!ret || (errno != EAGAIN && errno != EBUSY) || now() > end)
			break;
		sleep_ms(50);
	}
	if (ret) {
		int err = errno;

		kill(child, SIGKILL);
		reap_now(child);
		if (err == EPERM || err == ENOSYS)
			return skip("cannot unload modules here: %s", errname(err));
		return fail("delete_module(\"%s\") with the device closed: %s",
			    module_name, errname(err));
	}
	send_byte(go[1]);
	st = wait_exit(child, 30) ? -1 : reap_now(child);

	ret = syscall(SYS_finit_module, kfd, params, 0);
	if (ret)
		die("loading %s again (\"%s\"): %s: the rest of this module's tests cannot run",
		    path, params, strerror(errno));
	xclose(kfd);
	if (st == -1)
		return fail("the process whose mm the module had mirrored did not exit within 30 s of the unload");
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		describe_status(st, desc, sizeof(desc));
		return fail("the process whose mm the module had mirrored, invalidating its memory after the unload: %s (a call into the unloaded module?)",
			    desc);
	}
	return RES_PASS;
}

/* ---- bad input ---------------------------------------------------------- */

#define ANY_ERROR	(-1)
#define MAX_BAD		64

struct bad_case {
	char what[96];
	unsigned long req;
	uint64_t addr, ptr, npages;
	bool null_arg;		/* pass NULL instead of a command */
	int err, alt;		/* accepted errnos; ANY_ERROR: any error */
};

static struct bad_case bad[MAX_BAD];
static unsigned int nr_bad;

static struct bad_case *add_bad(unsigned long req, const char *what,
				uint64_t addr, uint64_t ptr, uint64_t npages,
				int err, int alt)
{
	struct bad_case *c;

	if (nr_bad == MAX_BAD)
		die("too many bad-input cases");
	c = &bad[nr_bad++];
	snprintf(c->what, sizeof(c->what), "%s %s", op_name(req), what);
	c->req = req;
	c->addr = addr;
	c->ptr = ptr;
	c->npages = npages;
	c->err = err;
	c->alt = alt;
	return c;
}

static void bad_expected(const struct bad_case *c, char *buf, size_t len)
{
	if (c->err == ANY_ERROR)
		snprintf(buf, len, "an error");
	else if (c->alt)
		snprintf(buf, len, "%s or %s", errname(c->err),
			 errname(c->alt));
	else
		snprintf(buf, len, "%s", errname(c->err));
}

/* Carve @npages from a PROT_NONE reservation; a guard page follows. */
static uint8_t *carve(uint8_t **cursor, size_t npages, int prot)
{
	uint8_t *p = *cursor;

	xmprotect(p, npages, prot);
	*cursor = p + pages(npages + 1);
	return p;
}

static int t_bad_input(void)
{
	enum { N = 4, OUTP = 8, E = 4 };
	static const unsigned long ops[] = {
		HMM_DMIRROR_READ, HMM_DMIRROR_WRITE, HMM_DMIRROR_SNAPSHOT,
	};
	const int rw = PROT_READ | PROT_WRITE;
	size_t total = 1 + 4 * (N + 1) + (OUTP + 1) + 2 + (E + 1) + (E + 2);
	uint8_t *base, *cur, *buf, *out, *wsrc, *junk, *ro, *wsrc2, *edge;
	uint8_t *edgesrc;
	uint64_t overflow, wrap, a_buf;
	unsigned int i, shift = 0;
	char expect[40];
	int fd;

	/*
	 * Every buffer comes out of one PROT_NONE reservation, with a guard
	 * page after it: a driver that walks or copies past the end of a
	 * buffer hits the guard (EFAULT) instead of another buffer, and no
	 * later mmap can land in between.
	 */
	base = mmap(NULL, pages(total), PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		die("mmap of the reservation: %s", strerror(errno));
	no_thp(base, total);
	cur = base + pages(1);
	buf = carve(&cur, N, rw);	/* the target of the requests */
	out = carve(&cur, OUTP, rw);	/* READ/SNAPSHOT destination */
	wsrc = carve(&cur, N, rw);	/* WRITE source, same data as buf */
	junk = carve(&cur, N, rw);	/* WRITE source, other data */
	ro = carve(&cur, N, PROT_READ);	/* read-only destination */
	wsrc2 = carve(&cur, 1, rw);	/* 1-page WRITE source = buf page 0 */
	edge = carve(&cur, E, rw);	/* its guard becomes a hole */
	edgesrc = carve(&cur, E + 1, rw);	/* WRITE source for edge */

	/*
	 * WRITE sources of the cases that may legitimately write part of
	 * their range before failing hold what the target already holds, so
	 * that the target must be unchanged at the end.
	 */
	fill(buf, 0, N, 0xe1);
	fill(wsrc, 0, N, 0xe1);
	fill(wsrc2, 0, 1, 0xe1);
	fill(junk, 0, N, 0xe2);
	fill(edge, 0, E, 0xe3);
	fill(edgesrc, 0, E + 1, 0xe3);
	xmunmap(edge + pages(E), 1);

	while ((1UL << shift) < page_size)
		shift++;
	a_buf = (uintptr_t)buf;
	/* addr + npages * pagesize passes 2^64 (the product itself fits). */
	overflow = (UINT64_MAX - a_buf) / page_size + 1;
	/* npages * pagesize is exactly 2^64, i.e. 0 in 64 bits. */
	wrap = 1ULL << (64 - shift);

	nr_bad = 0;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		unsigned long op = ops[i];
		bool w = op == HMM_DMIRROR_WRITE;
		/* ptr for cases that must not touch memory at all */
		uint64_t vptr = (uintptr_t)(w ? junk : out);
		/* ptr for cases that may do part of the work first */
		uint64_t fptr = (uintptr_t)(w ? wsrc : out);

		add_bad(op, "with unaligned addr", a_buf + 1, vptr, 1,
			EINVAL, 0);
		add_bad(op, "with npages 0", a_buf, vptr, 0, EINVAL, 0);
		add_bad(op, "with addr + size overflowing", a_buf, vptr,
			overflow, EINVAL, 0);
		add_bad(op, "with npages * pagesize wrapping to 0", a_buf,
			vptr, wrap, EINVAL, 0);
		add_bad(op, "with npages 1<<40", a_buf, fptr, 1ULL << 40,
			ANY_ERROR, 0);
		add_bad(op, "with NULL ptr", a_buf, 0, N, EFAULT, 0);
		add_bad(op, "with ptr 0x1", a_buf, 1, N, EFAULT, 0);
		add_bad(op, "with kernel ptr", a_buf, KERNEL_ADDR, N,
			EFAULT, 0);
		add_bad(op, "with NULL argument", 0, 0, 0, EFAULT,
			0)->null_arg = true;
		if (op == HMM_DMIRROR_SNAPSHOT)
			continue;
		add_bad(op, "straddling the end of a mapping",
			(uintptr_t)edge, (uintptr_t)(w ? edgesrc : out),
			E + 1, EFAULT, 0);
		add_bad(op, "of an unmapped page",
			(uintptr_t)(edge + pages(E)), vptr, 1, EFAULT, 0);
		add_bad(op, "at address 0", 0, vptr, 1, EFAULT, EINVAL);
		add_bad(op, "at a kernel address", KERNEL_ADDR, vptr, 1,
			EFAULT, EINVAL);
	}
	add_bad(HMM_DMIRROR_READ, "into a read-only ptr", a_buf,
		(uintptr_t)ro, N, EFAULT, 0);
	add_bad(HMM_DMIRROR_READ, "into a too short ptr", a_buf,
		(uintptr_t)(out + pages(OUTP - 1)), 2, EFAULT, 0);
	add_bad(HMM_DMIRROR_WRITE, "from a too short ptr", a_buf,
		(uintptr_t)wsrc2, 2, EFAULT, 0);
	add_bad(_IOWR('H', 0x40, struct hmm_dmirror_cmd),
		"_IOWR('H', 0x40) (unknown)", a_buf, (uintptr_t)out, 1,
		EINVAL, ENOTTY);
	add_bad(_IO('H', 0xee), "_IO('H', 0xee) (unknown)", a_buf,
		(uintptr_t)out, 1, EINVAL, ENOTTY);
	/* READ's number with another size must not be taken for READ. */
	add_bad(_IOW('H', 0x00, uint32_t), "_IOW('H', 0x00, u32) (unknown)",
		a_buf, (uintptr_t)out, 1, EINVAL, ENOTTY);

	fd = open_dev(0);
	for (i = 0; i < nr_bad; i++) {
		struct bad_case *c = &bad[i];
		double t0 = now(), dt;
		int ret;

		if (c->null_arg) {
			do {
				ret = ioctl(fd, c->req, NULL);
			} while (ret < 0 && errno == EINTR);
			ret = ret < 0 ? -errno : 0;
		} else {
			ret = dmirror(fd, c->req, c->addr, c->ptr, c->npages,
				      NULL);
		}
		dt = now() - t0;
		bad_expected(c, expect, sizeof(expect));
		if (!ret)
			return fail("%s: succeeded, expected %s", c->what,
				    expect);
		if (c->err != ANY_ERROR && ret != -c->err &&
		    !(c->alt && ret == -c->alt))
			return fail("%s: expected %s, got %s", c->what, expect,
				    errname(-ret));
		if (dt > SLOW_CALL_S)
			return fail("%s: took %.1f s to fail with %s", c->what,
				    dt, errname(-ret));
	}

	expect_data(buf, 0, N, 0xe1, "target after the refused WRITEs");
	expect_data(edge, 0, E, 0xe3, "mapping end after the refused WRITE");
	expect_data(ro, 0, N, 0, "read-only ptr buffer");
	memset(out, 0, pages(N));
	must_op(fd, HMM_DMIRROR_READ, buf, out, N, "READ after the bad calls");
	expect_data(out, 0, N, 0xe1, "READ after the bad calls");
	xclose(fd);
	return RES_PASS;
}

/* A request far larger than the driver's internal chunk. */
static int t_large_read(void)
{
	size_t n = 1024;
	uint8_t *buf, *out;
	int fd;

	/* 4 MiB with 4K pages; with 64K pages stay at a guest-friendly size. */
	while (pages(n) > (16UL << 20))
		n /= 2;
	buf = map_anon(n);
	out = map_anon(n);
	fd = open_dev(0);

	fill(buf, 0, n, 0xf1);
	if (!must_op(fd, HMM_DMIRROR_READ, buf, out, n, "large READ"))
		return fail("large READ of %zu pages reported 0 device faults",
			    n);
	expect_data(out, 0, n, 0xf1, "large READ");

	fill(out, 0, n, 0xf2);
	must_op(fd, HMM_DMIRROR_WRITE, buf, out, n, "large WRITE");
	expect_data(buf, 0, n, 0xf2, "CPU view after large WRITE");
	memset(out, 0, pages(n));
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "large READ after WRITE");
	expect_data(out, 0, n, 0xf2, "large READ after WRITE");
	xclose(fd);
	return RES_PASS;
}

/* One of dmirror's u64 ioctls: @in goes in, what comes back is returned. */
static uint64_t hb_u64(int fd, unsigned long req, const char *name,
		       uint64_t in)
{
	uint64_t v = in;

	if (ioctl(fd, req, &v))
		die("%s: %s", name, errname(errno));
	return v;
}

static uint64_t events_seen(int fd)
{
	return hb_u64(fd, HMM_DMIRROR_HB_EVENTS, "HB_EVENTS", 0);
}

/*
 * Why an invalidation comes: a change that leaves the mapping in place
 * (mprotect, MADV_DONTNEED) is never MMU_NOTIFY_UNMAP, which SVM drivers
 * (amdkfd, drm_gpusvm/xe) read as "the range is gone" and tear their range
 * down for.  Upstream says PROTECTION_VMA and CLEAR; where the kernel gives
 * no reason (v4.18/v4.19 callbacks) the emulation must say CLEAR, the
 * generic event.  Glues that do not record events skip.
 */
static int t_invalidation_events(void)
{
	size_t n = 4;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	uint64_t ev;
	int fd = open_dev(0);

	fill(buf, 0, n, 0x3e);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ");
	events_seen(fd);
	xmprotect(buf, n, PROT_READ);
	ev = events_seen(fd);
	if (!ev)
		return skip("n/a: the glue of %s does not record invalidation events",
			    module_name ? module_name : "the module");
	if (ev & 1)
		return fail("mprotect was reported as MMU_NOTIFY_UNMAP (events 0x%llx)",
			    (unsigned long long)ev);
	xmprotect(buf, n, PROT_READ | PROT_WRITE);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ again");
	events_seen(fd);
	xmadvise(buf, n, MADV_DONTNEED);
	ev = events_seen(fd);
	if (!ev)
		return fail("MADV_DONTNEED reached no invalidation callback");
	if (ev & 1)
		return fail("MADV_DONTNEED was reported as MMU_NOTIFY_UNMAP (events 0x%llx)",
			    (unsigned long long)ev);
	xclose(fd);
	return RES_PASS;
}

static uint64_t misbehave(int fd, uint64_t on)
{
	return hb_u64(fd, HMM_DMIRROR_HB_MISBEHAVE, "HB_MISBEHAVE", on);
}

/*
 * A notifier that fails a blockable invalidation (a driver bug: only a
 * non-blocking one may fail) must not stop the kernel from invalidating
 * the others: mm/mmu_notifier.c WARNs and goes on.  Two mirrors of this mm
 * (one interval notifier each) both clear their entries and then fail
 * MADV_DONTNEED's invalidation; each must have been called, and neither
 * may keep an entry (READ faults again and sees the zero page).  Whichever
 * the walk reaches first, an emulation that stopped at the first failure
 * leaves the second stale.  The WARNs are bracketed for the dmesg scan;
 * closing both files after it must not hang (the windows ended).
 */
static int t_misbehaving_notifier(void)
{
	size_t n = 8;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	uint64_t cnt[2];
	int fd[2], i;

	fd[0] = open_dev(0);
	fd[1] = open_dev(0);
	fill(buf, 0, n, 0x6c);
	for (i = 0; i < 2; i++) {
		must_op(fd[i], HMM_DMIRROR_READ, buf, out, n, "READ before");
		misbehave(fd[i], 1);
	}
	write_str("/dev/kmsg", "hmm_suite: expected WARN begin\n");
	xmadvise(buf, n, MADV_DONTNEED);
	write_str("/dev/kmsg", "hmm_suite: expected WARN end\n");
	for (i = 0; i < 2; i++)
		cnt[i] = misbehave(fd[i], 0);
	if (!cnt[0] && !cnt[1])
		return skip("n/a: the glue of %s has no misbehaviour hook",
			    module_name ? module_name : "the module");
	if (!cnt[0] || !cnt[1])
		return fail("one notifier failed a blockable invalidation and the other was never called (failures %llu, %llu)",
			    (unsigned long long)cnt[0],
			    (unsigned long long)cnt[1]);
	for (i = 0; i < 2; i++) {
		memset(out, 0xee, pages(n));
		if (!must_op(fd[i], HMM_DMIRROR_READ, buf, out, n,
			     "READ after"))
			return fail("mirror %d kept its entries over the invalidation: READ took no fault",
				    i);
		expect_data(out, 0, n, 0, "READ after MADV_DONTNEED");
	}
	xclose(fd[0]);
	xclose(fd[1]);
	return RES_PASS;
}

/* A SNAPSHOT in a thread of its own, stopped at the glue's pause point. */
struct paused_snap {
	pthread_t thread;
	int fd;
	const uint8_t *addr;
	size_t npages;
	uint8_t got[MAX_SNAP];
	int ret;
};

static void *paused_snap_fn(void *arg)
{
	struct paused_snap *ps = arg;

	ps->ret = mop(ps->fd, HMM_DMIRROR_SNAPSHOT, ps->addr, ps->got,
		      ps->npages, NULL);
	return NULL;
}

static uint64_t busy_count(int fd)
{
	return hb_u64(fd, HMM_DMIRROR_HB_BUSY, "HB_BUSY", 0);
}

/*
 * Start a SNAPSHOT of @npages at @addr that stops where the glue has its
 * range registered and valid.  Return: true once it stopped; false if it
 * ended without stopping (the glue has no pause point).
 */
static bool snap_paused(struct paused_snap *ps, int fd, const uint8_t *addr,
			size_t npages)
{
	memset(ps, 0, sizeof(*ps));
	ps->fd = fd;
	ps->addr = addr;
	ps->npages = npages;
	if (ioctl(fd, HMM_DMIRROR_HB_PAUSE_ARM))
		die("HB_PAUSE_ARM: %s", errname(errno));
	if (pthread_create(&ps->thread, NULL, paused_snap_fn, ps))
		die("pthread_create failed");
	if (!ioctl(fd, HMM_DMIRROR_HB_PAUSE_WAIT))
		return true;
	if (errno != ENOENT)
		die("HB_PAUSE_WAIT: %s", errname(errno));
	pthread_join(ps->thread, NULL);
	return false;
}

static void snap_go(struct paused_snap *ps, const char *what)
{
	if (ioctl(ps->fd, HMM_DMIRROR_HB_PAUSE_GO))
		die("HB_PAUSE_GO: %s", errname(errno));
	pthread_join(ps->thread, NULL);
	if (ps->ret)
		die("%s: SNAPSHOT failed: %s", what, errname(-ps->ret));
}

/*
 * An invalidation elsewhere in the mm leaves a 5.2 .. 5.4 range alone: those
 * kernels failed a fault with -EBUSY only for an invalidation overlapping
 * its range.  A registered range stopped at the glue's pause point (valid,
 * about to be faulted) sees MADV_DONTNEED on another mapping, then goes on:
 * no -EBUSY; the same on a page of the range itself must give one (so the
 * pause point is where the test needs it).  A range faulted against the
 * whole mm's sequence instead would retry for every invalidation anywhere,
 * up to its timeout under an allocator that keeps returning memory.
 * Glues of other APIs have no registered range, and no pause point.
 */
static int t_unrelated_invalidation(void)
{
	size_t n = 16;
	uint8_t *buf = map_anon(n), *other = map_anon(1);
	struct paused_snap ps;
	uint64_t b0, b1, b2;
	int fd = open_dev(0);

	fill(buf, 0, n, 0x5a);
	fill(other, 0, 1, 0x5b);
	b0 = busy_count(fd);
	if (!snap_paused(&ps, fd, buf, n))
		return skip("n/a: %s has no pause point: not a 5.2 .. 5.4 hmm_mirror glue",
			    module_name ? module_name : "the module");
	xmadvise(other, 1, MADV_DONTNEED);
	snap_go(&ps, "unrelated invalidation");
	b1 = busy_count(fd);
	if (b1 != b0)
		return fail("MADV_DONTNEED of another mapping ended the range's fault with -EBUSY (%llu times)",
			    (unsigned long long)(b1 - b0));

	if (!snap_paused(&ps, fd, buf, n))
		return fail("the second SNAPSHOT did not stop at the pause point");
	xmadvise(buf, 1, MADV_DONTNEED);
	snap_go(&ps, "overlapping invalidation");
	b2 = busy_count(fd);
	if (b2 == b1)
		return fail("MADV_DONTNEED of a page of the range did not end its fault with -EBUSY: the test does not reach the check");
	xclose(fd);
	return RES_PASS;
}

/*
 * READ of memory whose ptes NUMA balancing turned into NUMA-hinting
 * (PROT_NONE) entries.  They are not valid mappings, so the device must
 * fault them, as the CPU would: mm/hmm.c calls handle_mm_fault(), which
 * restores them.  GUP follows such a pte without faulting it unless told to
 * (v6.6+: FOLL_HONOR_NUMA_FAULT), so an emulation faulting through GUP
 * without that flag never sees the page become valid.  Balancing is turned
 * on through /proc/sys/kernel/numa_balancing for the test (a one-node
 * guest has it off) with a second thread alive: it leaves the pages of a
 * single-threaded process alone on its own node.
 */
static void *numa_idle_fn(void *arg)
{
	int fd = *(int *)arg;
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static int numa_balancing(const char *set, char *old, size_t len)
{
	const char *path = "/proc/sys/kernel/numa_balancing";
	ssize_t n;
	int fd;

	fd = open(path, set ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return -errno;
	if (set)
		n = write(fd, set, strlen(set));
	else
		n = read(fd, old, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	if (!set)
		old[n] = '\0';
	return 0;
}

/*
 * Empty every CPU's LRU add cache, where a page freshly faulted in waits
 * with a reference of the cache's: until v6.2 the NUMA scan skips a page of
 * a private mapping whose count is not 1, so a page left there (the cache
 * holds 15) never becomes a NUMA-hinting entry.  Something else drains the
 * caches in time only by chance (khugepaged's scan does, which the guest's
 * init puts to sleep).  move_pages() of the pages to the node they are on
 * moves nothing but drains first (lru_cache_disable(); before v5.13
 * migrate_prep()).  Best effort: the test skips, saying so, if the scan then
 * still leaves a page mapped.
 */
static void lru_drain(uint8_t *buf, size_t n)
{
	void *pages[MAX_SNAP];
	int nodes[MAX_SNAP], status[MAX_SNAP];
	size_t i;

	for (i = 0; i < n && i < MAX_SNAP; i++)
		pages[i] = buf + i * page_size;
	/* Where they are (no nodes: a query), then there. */
	if (syscall(SYS_move_pages, 0, (unsigned long)i, pages, NULL, nodes, 0))
		return;
	syscall(SYS_move_pages, 0, (unsigned long)i, pages, nodes, status, 0);
}

static int t_numa_hinting(void)
{
	const size_t n = 16;
	uint8_t *buf = map_anon(n), *out = map_anon(n);
	uint8_t snap[MAX_SNAP];
	char old[16];
	int fd = open_dev(0), p[2], ret = 0, marked = 0, i;
	pthread_t idle;
	double end;

	if (numa_balancing(NULL, old, sizeof(old)))
		return skip("no /proc/sys/kernel/numa_balancing (kernel without NUMA balancing)");
	fill(buf, 0, n, 0x5a);
	xpipe(p);
	ret = pthread_create(&idle, NULL, numa_idle_fn, &p[0]);
	if (ret)
		die("pthread_create: %s", strerror(ret));
	lru_drain(buf, n);
	ret = numa_balancing("1", NULL, 0);
	if (ret) {
		send_byte(p[1]);
		return skip("cannot turn NUMA balancing on: %s", errname(-ret));
	}
	/*
	 * Run on the CPU (the scanner is paced by this task's run time) until
	 * a SNAPSHOT, which faults nothing, sees every page NONE (it was
	 * WRITE): the scan made them NUMA-hinting entries.
	 */
	for (end = now() + 30; !marked && now() < end;) {
		for (i = 0; i < 20000000; i++)
			sink++;
		if (mop(fd, HMM_DMIRROR_SNAPSHOT, buf, snap, n, NULL))
			break;
		for (marked = 1, i = 0; i < (int)n; i++)
			if ((snap[i] & ~SNAP_SIZE_BITS) != HMM_DMIRROR_PROT_NONE)
				marked = 0;
	}
	numa_balancing(old, NULL, 0);
	if (!marked) {
		send_byte(p[1]);
		return skip("NUMA balancing left the buffer mapped for 30 s");
	}
	ret = mop(fd, HMM_DMIRROR_READ, buf, out, n, NULL);
	send_byte(p[1]);
	pthread_join(idle, NULL);
	if (ret)
		return fail("READ of NUMA-hinting ptes failed: %s (the fault did not make them valid)",
			    errname(-ret));
	expect_data(out, 0, n, 0x5a, "READ of NUMA-hinting ptes");
	must_op(fd, HMM_DMIRROR_SNAPSHOT, buf, snap, n, "SNAPSHOT after the READ");
	for (i = 0; i < (int)n; i++)
		if (!(snap[i] & (HMM_DMIRROR_PROT_READ | HMM_DMIRROR_PROT_WRITE)))
			return fail("page %d is %s (0x%02x) after the READ faulted it",
				    i, snap_name(snap[i]), snap[i]);
	xclose(fd);
	return RES_PASS;
}

/* ---- a collapse into a transparent huge page ----------------------------- */

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE	25
#endif

/* AnonHugePages of the VMA holding @addr, in kB; -1 if not found. */
static long anon_huge_kb(const void *addr)
{
	unsigned long lo, hi, a = (uintptr_t)addr;
	FILE *f = fopen("/proc/self/smaps", "re");
	bool in = false;
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = a >= lo && a < hi;
		else if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

/*
 * khugepaged's work, asked for (MADV_COLLAPSE, v6.1+) so that it happens
 * when the test says (the guest's init puts khugepaged itself to sleep):
 * a collapse copies the small pages the device mirrors into a huge page and
 * frees them.  The mirror must drop them: the next READ faults, and sees
 * what the CPU wrote into the huge page since, not the freed pages.
 */
static int t_thp_collapse(void)
{
	unsigned long pmd = 0;
	uint8_t *raw, *buf, *out;
	uint64_t faults;
	size_t n;
	FILE *f;
	int fd;

	f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "re");
	if (!f)
		return skip("no /sys/kernel/mm/transparent_hugepage/hpage_pmd_size (kernel without THP)");
	if (fscanf(f, "%lu", &pmd) != 1 || pmd < page_size || pmd % page_size)
		pmd = 0;
	fclose(f);
	if (!pmd || pmd > (64UL << 20))
		return skip("PMD size %lu not usable here", pmd);
	n = pmd / page_size;
	raw = mmap(NULL, 2 * pmd, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		die("mmap of %lu bytes: %s", 2 * pmd, strerror(errno));
	buf = (uint8_t *)(((uintptr_t)raw + pmd - 1) & ~(uintptr_t)(pmd - 1));
	out = mmap(NULL, pmd, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (out == MAP_FAILED)
		die("mmap of %lu bytes: %s", pmd, strerror(errno));
	/* Small pages first, mirrored. */
	no_thp(buf, n);
	fill(buf, 0, n, 0x61);
	fd = open_dev(0);
	must_op(fd, HMM_DMIRROR_READ, buf, out, n, "READ of small pages");
	expect_data(out, 0, n, 0x61, "READ of small pages");

	if (madvise(buf, pmd, MADV_HUGEPAGE))
		return skip("madvise(MADV_HUGEPAGE): %s (kernel without THP)",
			    strerror(errno));
	if (madvise(buf, pmd, MADV_COLLAPSE))
		return skip(errno == EINVAL ?
			    "no MADV_COLLAPSE (v6.1+)" :
			    "MADV_COLLAPSE: %s (no huge page to be had)",
			    strerror(errno));
	if (anon_huge_kb(buf) * 1024 < (long)pmd)
		return skip("MADV_COLLAPSE returned 0, but /proc/self/smaps shows no huge page there");

	/* The CPU writes the huge page: no invalidation, it is writable. */
	fill(buf, 0, n, 0x62);
	faults = must_op(fd, HMM_DMIRROR_READ, buf, out, n,
			 "READ after the collapse");
	expect_data(out, 0, n, 0x62,
		    "READ after the collapse (the huge page's data, not the freed small pages')");
	if (!faults)
		return fail("READ after the collapse took no device fault: the mirror kept the small pages");
	xclose(fd);
	return RES_PASS;
}

/* ---- two modules mirroring one process ---------------------------------- */

/*
 * The first device node of the module -M names: its devbase parameter
 * (the guest's /init loads the second module of a plan's pair with
 * devbase=2, so its nodes do not collide with the first's).
 */
static int other_devbase(void)
{
	char path[160];
	int base = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/devbase",
		 other_module);
	f = fopen(path, "re");
	if (!f)
		die("-M %s: cannot read %s: %s (not loaded, or not a module of this driver)",
		    other_module, path, strerror(errno));
	if (fscanf(f, "%d", &base) != 1)
		base = -1;
	fclose(f);
	if (base <= 0)
		die("-M %s: devbase is %d: its device nodes are not apart from the first module's",
		    other_module, base);
	return base;
}

/* READ through both mirrors, each must see @seed in all @n pages. */
static void two_read(const int fd[2], const uint8_t *buf, uint8_t *out,
		     size_t n, uint8_t seed, const char *what)
{
	const char *first = module_name ? module_name : "the first module";
	char w[128];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(w, sizeof(w), "%s via %s", what,
			 i ? other_module : first);
		memset(out, 0xa5, pages(n));
		must_op(fd[i], HMM_DMIRROR_READ, buf, out, n, w);
		expect_data(out, 0, n, seed, w);
	}
}

/*
 * Two drivers (modules) mirror one process at once, a GPU and an RDMA
 * adapter: one device of each, the same buffer mirrored through both.
 * Every invalidation path must reach both: CPU writes, a device WRITE
 * through the other, munmap, MADV_DONTNEED, fork's copy-on-write, and the
 * teardown of the mm while a forked process holds both files.  Where a
 * module emulates the interval notifier, each carries its own copy of the
 * shim, with its own subscription on the mm.  That both modules unload
 * afterwards is the guest's rmmod lines.
 */
static int t_two_modules(void)
{
	const size_t n = 8;
	uint8_t *buf, *out = map_anon(n), *src = map_anon(n);
	int fd[2], go[2], pidp[2], i, st;
	pid_t pid, opener, holder;
	char desc[96];

	if (!other_module)
		return skip("no -M: needs a second module of the driver loaded beside the first (the plan's pair lines run it)");
	fd[0] = open_dev(0);
	fd[1] = open_dev(other_devbase());

	/* Both see the CPU's data, then its new data after a CPU write. */
	buf = map_anon(n);
	fill(buf, 0, n, 0x31);
	two_read(fd, buf, out, n, 0x31, "first READ");
	fill(buf, 0, n, 0x32);
	two_read(fd, buf, out, n, 0x32, "READ after CPU write");
	/* A device WRITE through one is seen by the other. */
	for (i = 0; i < 2; i++) {
		fill(src, 0, n, 0x33 + i);
		must_op(fd[i], HMM_DMIRROR_WRITE, buf, src, n, "device WRITE");
		expect_data(buf, 0, n, 0x33 + i, "CPU view after device WRITE");
		two_read(fd, buf, out, n, 0x33 + i, "READ after device WRITE");
	}

	/* munmap: both refuse. */
	xmunmap(buf, n);
	for (i = 0; i < 2; i++)
		must_fail(fd[i], HMM_DMIRROR_READ, buf, out, n, EFAULT, 0,
			  i ? "second module: READ after munmap" :
			      "first module: READ after munmap");

	/* MADV_DONTNEED: both see the fresh zero pages. */
	buf = map_anon(n);
	fill(buf, 0, n, 0x35);
	two_read(fd, buf, out, n, 0x35, "READ before MADV_DONTNEED");
	xmadvise(buf, n, MADV_DONTNEED);
	two_read(fd, buf, out, n, 0, "READ after MADV_DONTNEED");

	/* fork: both follow the parent's copy; the child's never changes. */
	buf = map_anon(n);
	fill(buf, 0, n, 0x36);
	two_read(fd, buf, out, n, 0x36, "READ before fork");
	xpipe(go);
	pid = xfork();
	if (pid == 0) {
		xclose(go[1]);
		if (!recv_byte(go[0]))
			die("two_modules fork child: parent went away");
		expect_data(buf, 0, n, 0x36, "child's copy at the end");
		_exit(0);
	}
	xclose(go[0]);
	fill(buf, 0, n, 0x37);
	two_read(fd, buf, out, n, 0x37, "READ after parent's CPU write");
	fill(src, 0, n, 0x38);
	must_op(fd[1], HMM_DMIRROR_WRITE, buf, src, n,
		"second module: WRITE after fork");
	two_read(fd, buf, out, n, 0x38, "READ after second module's WRITE");
	send_byte(go[1]);
	xclose(go[1]);
	reap_helper_ok(pid, "two_modules fork child");
	xclose(fd[0]);
	xclose(fd[1]);

	/*
	 * The mm is torn down while a forked process holds both files:
	 * neither device may still map its pages (exit_forked_holder).
	 */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1))
		die("prctl(PR_SET_CHILD_SUBREAPER): %s", strerror(errno));
	xpipe(go);
	xpipe(pidp);
	opener = xfork();
	if (opener == 0) {
		int f[2] = { open_dev(0), open_dev(other_devbase()) };

		xclose(go[1]);
		xclose(pidp[0]);
		buf = map_anon(n);
		fill(buf, 0, n, 0x39);
		holder = xfork();
		if (holder == 0) {
			int r0, r1;

			if (!recv_byte(go[0]))
				_exit(5);
			r0 = mop(f[0], HMM_DMIRROR_READ, buf, out, n, NULL);
			r1 = mop(f[1], HMM_DMIRROR_READ, buf, out, n, NULL);
			if (r0 == -EIO || r1 == -EIO)
				_exit(r0 == -EIO ? 3 : 4);
			_exit(r0 == -EINVAL && r1 == -EINVAL ? 0 : 6);
		}
		if (write(pidp[1], &holder, sizeof(holder)) != sizeof(holder))
			die("pipe write: %s", strerror(errno));
		two_read(f, buf, out, n, 0x39, "opener READ");
		_exit(0);
	}
	st = holder_after_exit(opener, go, pidp, "process holding both files");
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return RES_PASS;
	if (WIFEXITED(st) && (WEXITSTATUS(st) == 3 || WEXITSTATUS(st) == 4))
		return fail("READ through a file that outlived its mm: EIO from the %s module, whose device page table still maps pages of the torn-down mm",
			    WEXITSTATUS(st) == 3 ? "first" : "second");
	describe_status(st, desc, sizeof(desc));
	return fail("READ through files that outlived their mm: expected EINVAL from both; holder %s",
		    desc);
}

/* ---- the runner --------------------------------------------------------- */

struct test {
	const char *name;
	int (*fn)(void);
};

static const struct test tests[] = {
	{ "open_close",		t_open_close },
	{ "read",		t_read },
	{ "read_untouched",	t_read_untouched },
	{ "write",		t_write },
	{ "file_rw",		t_file_rw },
	{ "snapshot",		t_snapshot },
	{ "munmap",		t_munmap },
	{ "mprotect",		t_mprotect },
	{ "madvise_dontneed",	t_madvise_dontneed },
	{ "fork_cow",		t_fork_cow },
	{ "threads_invalidate",	t_threads_invalidate },
	{ "exit_live_mirror",	t_exit_live_mirror },
	{ "fork_shared_fd",	t_fork_shared_fd },
	{ "exit_forked_holder",	t_exit_forked_holder },
	{ "exit_during_fault",	t_exit_during_fault },
	{ "oom_reaped",		t_oom_reaped },
	{ "module_busy",	t_module_busy },
	{ "bad_input",		t_bad_input },
	{ "large_read",		t_large_read },
	{ "unrelated_invalidation", t_unrelated_invalidation },
	{ "misbehaving_notifier", t_misbehaving_notifier },
	{ "invalidation_events", t_invalidation_events },
	{ "numa_hinting",	t_numa_hinting },
	{ "thp_collapse",	t_thp_collapse },
	{ "unload_idle_mm",	t_unload_idle_mm },
	{ "two_modules",	t_two_modules },	/* only with -M */
};

#define NR_TESTS	(sizeof(tests) / sizeof(tests[0]))

/* The reason goes on one TAP line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

static void report(unsigned int num, const char *name, int res, char *why)
{
	one_line(why);
	if (res == RES_PASS)
		printf("ok %u %s\n", num, name);
	else if (res == RES_SKIP)
		printf("ok %u %s # SKIP %s\n", num, name, why);
	else
		printf("not ok %u %s # %s\n", num, name, why);
	fflush(stdout);
}

/* Reap whatever orphans of earlier tests came to us (we are a subreaper). */
static void reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int run_test(unsigned int num, const struct test *t)
{
	char why[MSG_LEN + 128], desc[96];
	int res = RES_FAIL, st, ret;
	pid_t pid;

	memset(result, 0, sizeof(*result));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		snprintf(why, sizeof(why), "fork: %s", strerror(errno));
		report(num, t->name, RES_FAIL, why);
		return RES_FAIL;
	}
	if (pid == 0) {
		/* A group of its own, so a timeout kills its helpers too. */
		if (setpgid(0, 0))
			die("setpgid: %s", strerror(errno));
		_exit(t->fn());
	}
	/* The child does the same; whichever runs first wins the race. */
	setpgid(pid, pid);

	ret = wait_exit(pid, TEST_TIMEOUT_S);
	if (ret < 0) {
		snprintf(why, sizeof(why), "waitid: %s", strerror(-ret));
	} else if (ret == 1) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		if (wait_exit(pid, 10) == 0) {
			waitpid(pid, NULL, 0);
			snprintf(why, sizeof(why), "timed out after %d s",
				 TEST_TIMEOUT_S);
		} else {
			snprintf(why, sizeof(why),
				 "timed out after %d s; unkillable, stuck in the kernel",
				 TEST_TIMEOUT_S);
		}
	} else {
		/* Helpers left behind die before the zombie's pid is freed. */
		kill(-pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		result->msg[MSG_LEN - 1] = '\0';
		if (WIFEXITED(st) && WEXITSTATUS(st) == RES_PASS) {
			res = RES_PASS;
			why[0] = '\0';
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == RES_SKIP) {
			res = RES_SKIP;
			snprintf(why, sizeof(why), "%s", result->msg[0] ?
				 result->msg : "no reason given");
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == RES_FAIL) {
			snprintf(why, sizeof(why), "%s",
				 result->msg[0] ? result->msg : "failed");
		} else {
			describe_status(st, desc, sizeof(desc));
			snprintf(why, sizeof(why), "test process %s%s%s", desc,
				 result->msg[0] ? "; " : "", result->msg);
		}
	}
	reap_strays();
	report(num, t->name, res, why);
	return res;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [-m MODULE_NAME] [-M MODULE_NAME] [-t TESTNAME]... [-l]\n"
		"  -m NAME  module providing /dev/hmm_dmirror*; enables module_busy\n"
		"  -M NAME  a second module of the driver, loaded beside the first\n"
		"           with devbase > 0; enables two_modules (run by default\n"
		"           only with -M)\n"
		"  -t NAME  run only this test (repeatable)\n"
		"  -l       list the tests and exit\n",
		prog);
}

static int find_test(const char *name)
{
	unsigned int i;

	for (i = 0; i < NR_TESTS; i++)
		if (!strcmp(tests[i].name, name))
			return (int)i;
	return -1;
}

int main(int argc, char **argv)
{
	int sel[NR_TESTS * 4], nsel = 0, opt, i, counts[3] = { 0, 0, 0 };
	long ps;

	while ((opt = getopt(argc, argv, "m:M:t:lh")) != -1) {
		switch (opt) {
		case 'm':
			module_name = optarg;
			break;
		case 'M':
			other_module = optarg;
			break;
		case 't':
			i = find_test(optarg);
			if (i < 0) {
				fprintf(stderr, "%s: no test named '%s' (-l lists them)\n",
					argv[0], optarg);
				return 2;
			}
			if (nsel == (int)(sizeof(sel) / sizeof(sel[0]))) {
				fprintf(stderr, "%s: too many -t\n", argv[0]);
				return 2;
			}
			sel[nsel++] = i;
			break;
		case 'l':
			for (i = 0; i < (int)NR_TESTS; i++)
				printf("%s\n", tests[i].name);
			return 0;
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr, argv[0]);
		return 2;
	}
	/* two_modules needs a second module: by default only with -M. */
	if (!nsel)
		for (i = 0; i < (int)NR_TESTS; i++)
			if (other_module || tests[i].fn != t_two_modules)
				sel[nsel++] = i;

	ps = sysconf(_SC_PAGESIZE);
	if (ps < 4096 || (ps & (ps - 1))) {
		fprintf(stderr, "%s: unusable page size %ld\n", argv[0], ps);
		return 2;
	}
	page_size = ps;

	result = mmap(NULL, sizeof(*result), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (result == MAP_FAILED) {
		fprintf(stderr, "%s: mmap: %s\n", argv[0], strerror(errno));
		return 2;
	}
	/* Orphaned helpers of a killed test come back to us to be reaped. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))
		fprintf(stderr, "%s: PR_SET_CHILD_SUBREAPER: %s\n", argv[0],
			strerror(errno));

	printf("TAP version 13\n1..%d\n", nsel);
	fflush(stdout);
	for (i = 0; i < nsel; i++)
		counts[run_test(i + 1, &tests[sel[i]])]++;
	printf("# hmm_suite: %d passed, %d failed, %d skipped\n",
	       counts[RES_PASS], counts[RES_FAIL], counts[RES_SKIP]);
	fflush(stdout);
	return counts[RES_FAIL] ? 1 : 0;
}
