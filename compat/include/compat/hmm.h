/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm.h - the HMM mirror API a driver is written against, on the
 * kernel it is built for.
 *
 * A driver includes this header instead of <linux/hmm.h>.  On a kernel whose
 * native API is the one the driver is written for, this is a passthrough
 * that adds no code.
 */
#ifndef _COMPAT_HMM_H
#define _COMPAT_HMM_H

/*
 * The compile probes' answers for the kernel being built (compat/probe.sh,
 * `make probes`): HB_HAVE_* for every feature the shim keys on.
 */
#if __has_include(<hb_probes.h>)
#include <hb_probes.h>
#else
#error "compat/hmm.h needs the probe results: run compat/probe.sh (make probes KDIR=...) and add its output directory to the include path"
#endif

/* 6.6 and later hmm.h only forward-declare the interval notifier. */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

#endif /* _COMPAT_HMM_H */
