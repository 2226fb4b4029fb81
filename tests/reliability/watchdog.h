/* SPDX-License-Identifier: GPL-2.0 */
/*
 * watchdog.h - the reliability programs' watchdog.
 *
 * If the run has not ended in time, a thread of its own prints the TAP line
 * that fails the run, then where each thread of the program and each child
 * it forked is in the kernel (/proc/PID/syscall and stack: the guest runs
 * as root; a thread on a CPU has no stack there, so each CPU's backtrace
 * goes to the kernel log too), kills the children, and exits the program.
 *
 * A thread, not alarm(): a signal with a handler is not fatal, and the
 * kernel queues a process-directed signal to one thread, preferably the one
 * on the CPU.  If that thread loops in the kernel until a fatal signal (as
 * a long driver operation may, checking fatal_signal_pending() only), the
 * handler never runs and the program outlives its alarm; it is then killed
 * at the guest's job timeout, with nothing said about where it was.  The
 * watchdog thread sleeps in user space, and its _exit() is exit_group():
 * SIGKILL to every thread.  The children are killed by pid: a child stuck
 * in the kernel would otherwise keep the console pipe open after the
 * program's end.
 *
 * Only system calls and snprintf() once it fires: another thread may hold
 * stdio's lock.
 */
#ifndef HB_WATCHDOG_H
#define HB_WATCHDOG_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static unsigned int watchdog_secs;
static const char *watchdog_line;

static void watchdog_say(const char *s)
{
	size_t len = strlen(s);

	while (len) {
		ssize_t n = write(1, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static int watchdog_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s);
}

/* Print @path (a /proc stack file) as TAP comment lines under @title. */
static void watchdog_dump(const char *title, const char *path)
{
	char buf[4096], line[256];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *p, *nl;

	watchdog_say(title);
	if (fd < 0) {
		snprintf(line, sizeof(line), "#     (%s: %s)\n", path,
			 strerror(errno));
		watchdog_say(line);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		snprintf(line, sizeof(line), "#     %.200s\n", p);
		watchdog_say(line);
	}
}

/* The parent pid in /proc/@pid/stat, or -1. */
static long watchdog_ppid(long pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* "pid (comm) state ppid ...": comm may hold anything but ")". */
	p = strrchr(buf, ')');
	if (!p || strlen(p) < 5)
		return -1;
	return strtol(p + 4, NULL, 10);
}

static void *watchdog_fn(void *arg)
{
	struct timespec ts = { .tv_sec = watchdog_secs };
	char path[96], title[160];
	struct dirent *d;
	long pid;
	DIR *dir;

	(void)arg;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	watchdog_say(watchdog_line);
	dir = opendir("/proc/self/task");
	while (dir && (d = readdir(dir))) {
		pid = strtol(d->d_name, NULL, 10);
		if (pid <= 0 || pid == (long)syscall(SYS_gettid))
			continue;	/* not a thread, or this one */
		/* "running" (stack empty) or the system call it is in. */
		snprintf(path, sizeof(path), "/proc/self/task/%ld/syscall", pid);
		snprintf(title, sizeof(title), "# watchdog: thread %ld, system call:\n",
			 pid);
		watchdog_dump(title, path);
		snprintf(path, sizeof(path), "/proc/self/task/%ld/stack", pid);
		snprintf(title, sizeof(title), "# watchdog: thread %ld in the kernel:\n",
			 pid);
		watchdog_dump(title, path);
	}
	if (dir)
		closedir(dir);
	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		pid = strtol(d->d_name, NULL, 10);
		if (pid <= 0 || watchdog_ppid(pid) != (long)getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stack", pid);
		snprintf(title, sizeof(title), "# watchdog: child %ld in the kernel (killed):\n",
			 pid);
		watchdog_dump(title, path);
		kill((pid_t)pid, SIGKILL);
	}
	if (dir)
		closedir(dir);
	/* A thread on a CPU has no stack in /proc: the kernel log gets them. */
	if (watchdog_write("/proc/sysrq-trigger", "l"))
		watchdog_say("# watchdog: the kernel log has each CPU's backtrace (sysrq l)\n");
	_exit(1);
	return NULL;
}

/*
 * watchdog_start() - fail the run with @tap_line (a whole "not ok" line) if
 * it is still going after @secs seconds.  Call once, before any thread or
 * child that could get stuck.
 */
static void watchdog_start(unsigned int secs, const char *tap_line)
{
	pthread_attr_t attr;
	pthread_t t;
	int ret;

	watchdog_secs = secs;
	watchdog_line = tap_line;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ret = pthread_create(&t, &attr, watchdog_fn, NULL);
	pthread_attr_destroy(&attr);
	if (ret) {
		printf("Bail out! starting the watchdog thread: %s\n",
		       strerror(ret));
		exit(1);
	}
}

#endif /* HB_WATCHDOG_H */
