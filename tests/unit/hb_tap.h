/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hb_tap.h - one TAP line per test in the kernel log ("<module>: TAP:
 * ...", with the module's pr_fmt), which the test guest collects, for a
 * unit-test module of one file: tap() reports a test, tap_n and tap_failed
 * count them for the module's summary line.
 */
#ifndef _HB_TAP_H
#define _HB_TAP_H

#include <linux/printk.h>
#include <linux/types.h>

static unsigned int tap_n, tap_failed;

/* Test number tap_n + 1, @name; @why is said if it failed. */
static void tap(bool ok, const char *name, const char *why)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	pr_info("TAP: %sok %u %s%s%s\n", ok ? "" : "not ", tap_n, name,
		ok ? "" : " # ", ok ? "" : why);
}

#endif /* _HB_TAP_H */
