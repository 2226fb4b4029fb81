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

/* 6.6 and later hmm.h only forward-declare the interval notifier. */
#include <linux/mmu_notifier.h>
#include <linux/hmm.h>

#endif /* _COMPAT_HMM_H */
