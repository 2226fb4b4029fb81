/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * User interface of the hmm-backports mirror test driver.
 *
 * The layout of struct hmm_dmirror_cmd, the ioctl numbers and the snapshot
 * values are those of the kernel's lib/test_hmm_uapi.h (v6.0 and later), so
 * that tools/testing/selftests/mm/hmm-tests.c runs against this driver
 * unchanged.  Loading the driver with uapi=1 selects the numbering of v5.8 to
 * v5.19 instead (SNAPSHOT was 0x03 there), for the hmm-tests of those kernels.
 */
#ifndef HMM_DMIRROR_UAPI_H
#define HMM_DMIRROR_UAPI_H

#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * struct hmm_dmirror_cmd - one mirror operation on the caller's memory
 * @addr: (in) page-aligned address, in the calling process, to operate on
 * @ptr: (in) user buffer the device copies to (READ, SNAPSHOT) or from (WRITE)
 * @npages: (in) number of pages starting at @addr
 * @cpages: (out) number of pages the device copied or described
 * @faults: (out) number of device page faults the operation took
 */
struct hmm_dmirror_cmd {
	__u64 addr;
	__u64 ptr;
	__u64 npages;
	__u64 cpages;
	__u64 faults;
};

#define HMM_DMIRROR_READ		_IOWR('H', 0x00, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_WRITE		_IOWR('H', 0x01, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_MIGRATE_TO_DEV	_IOWR('H', 0x02, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_MIGRATE_TO_SYS	_IOWR('H', 0x03, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_SNAPSHOT		_IOWR('H', 0x04, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_EXCLUSIVE		_IOWR('H', 0x05, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_CHECK_EXCLUSIVE	_IOWR('H', 0x06, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_RELEASE		_IOWR('H', 0x07, struct hmm_dmirror_cmd)

/* The v5.8..v5.19 numbering (driver loaded with uapi=1). */
#define HMM_DMIRROR_V1_MIGRATE		_IOWR('H', 0x02, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_V1_SNAPSHOT		_IOWR('H', 0x03, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_V1_EXCLUSIVE	_IOWR('H', 0x04, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_V1_CHECK_EXCLUSIVE	_IOWR('H', 0x05, struct hmm_dmirror_cmd)

/*
 * The numbers HMM_DMIRROR_HB_NR_FIRST .. _LAST are this project's own
 * commands (below), for its tests and make bench; lib/test_hmm.c has none
 * of them.  No other number is defined.
 */
#define HMM_DMIRROR_HB_NR_FIRST		0x40
#define HMM_DMIRROR_HB_NR_LAST		0x5f

/*
 * This project's own, for the OOM scenario (none in lib/test_hmm.c):
 * FOREIGN_NB_FAIL registers on the caller's mm, for the file's life, a plain
 * mmu_notifier standing for another driver (an amdgpu userptr, an RDMA
 * umem): it fails every non-blocking invalidate_range_start() with -EAGAIN,
 * as those do when their lock is taken, and has no invalidate_range_end.
 * NB_FAILS reads how many it failed, over the module's life.  HOLD_MS
 * sleeps uninterruptibly, as a driver waiting for its device does, until
 * such a notifier fails its next non-blocking invalidation or the given
 * milliseconds pass (then -ETIMEDOUT): a thread there keeps a killed
 * process's mm alive until the OOM reaper has run on it.
 */
#define HMM_DMIRROR_HB_FOREIGN_NB_FAIL	_IO('H', 0x40)
#define HMM_DMIRROR_HB_NB_FAILS		_IOR('H', 0x41, __u64)
#define HMM_DMIRROR_HB_HOLD_MS		_IOW('H', 0x42, __u32)

/*
 * A fault stopped where a 5.2 .. 5.4 glue has validated its range and is
 * about to fault it (the glue calls dmirror_pause_point() there), so that a
 * test can change the mm at that moment.  PAUSE_ARM makes the file's next
 * such fault stop; PAUSE_WAIT waits until one has (0), or a command ended
 * without reaching such a point (-ENOENT: the glue has none), or 10 s
 * passed (-ETIMEDOUT); PAUSE_GO lets the stopped fault go on.  BUSY reads
 * how many times the file's faults and snapshots were answered -EBUSY (the
 * range was invalidated under them).
 */
#define HMM_DMIRROR_HB_PAUSE_ARM	_IO('H', 0x50)
#define HMM_DMIRROR_HB_PAUSE_WAIT	_IO('H', 0x51)
#define HMM_DMIRROR_HB_PAUSE_GO		_IO('H', 0x52)
#define HMM_DMIRROR_HB_BUSY		_IOR('H', 0x53, __u64)

/*
 * BARE_MM: the file's next command drops its own user of the mm at the
 * pause point above (one command at a time), so that from there on only
 * what the glue holds keeps the address space: a 5.3/5.4 range holds a user
 * from hmm_range_register() to hmm_range_unregister() (then the last user
 * may go in hmm_range_unregister(), and the mm's teardown run there), a
 * 5.2 range none.  As a driver faulting from a worker that holds no user.
 */
#define HMM_DMIRROR_HB_BARE_MM		_IO('H', 0x57)

/*
 * A driver bug the kernel must survive: with MISBEHAVE given 1, the file's
 * interval notifier (where its glue has the hook: the modern ones) clears
 * its entries as usual but then returns false from a *blockable*
 * invalidation, which no callback may do (mm/mmu_notifier.c WARNs and goes
 * on with the other notifiers).  Given 0 it stops.  Either way the u64
 * comes back as how many blockable invalidations it failed so far.
 */
#define HMM_DMIRROR_HB_MISBEHAVE	_IOWR('H', 0x54, __u64)

/*
 * The events (enum mmu_notifier_event) the file's interval notifier was
 * handed since the last call, where its glue records them (the modern
 * ones): bit N for event N (MMU_NOTIFY_UNMAP is 0 on every kernel); read
 * and cleared.
 */
#define HMM_DMIRROR_HB_EVENTS		_IOR('H', 0x55, __u64)

/*
 * For make bench (tests/bench/hmm_bench.c): CHURN inserts an interval
 * notifier over [@addr, @addr + @npages pages), reads its sequence and
 * checks it under the mirror's lock, and removes it, @ptr times over, as a
 * driver that subscribes per fault window does (nouveau_range_fault()),
 * without the fault.  @cpages: (out) the cycles done; @faults: (out) 1 if
 * the notifier is the compat layer's emulation, 0 if the kernel's own.
 */
#define HMM_DMIRROR_HB_CHURN		_IOWR('H', 0x56, struct hmm_dmirror_cmd)

/*
 * One byte per page written to @ptr by HMM_DMIRROR_SNAPSHOT: what the device
 * would see if it looked the page up without faulting it in.
 */
enum {
	HMM_DMIRROR_PROT_ERROR			= 0xFF,	/* no valid entry */
	HMM_DMIRROR_PROT_NONE			= 0x00,	/* not present */
	HMM_DMIRROR_PROT_READ			= 0x01,	/* read-only */
	HMM_DMIRROR_PROT_WRITE			= 0x02,	/* writable */
	HMM_DMIRROR_PROT_PMD			= 0x04,	/* mapped by a PMD */
	HMM_DMIRROR_PROT_PUD			= 0x08,	/* mapped by a PUD */
	HMM_DMIRROR_PROT_ZERO			= 0x10,	/* the shared zero page */
	HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL	= 0x20,
	HMM_DMIRROR_PROT_DEV_PRIVATE_REMOTE	= 0x30,
	HMM_DMIRROR_PROT_DEV_COHERENT_LOCAL	= 0x40,
	HMM_DMIRROR_PROT_DEV_COHERENT_REMOTE	= 0x50,
};

#endif /* HMM_DMIRROR_UAPI_H */
