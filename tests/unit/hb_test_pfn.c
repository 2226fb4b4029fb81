// SPDX-License-Identifier: GPL-2.0
/*
 * hb_test_pfn.c - unit tests of the pfn encoding conversions between the
 * driver-defined encoding of the 4.17 .. 5.7 HMM API (flags[], values[],
 * pfn_shift) and today's hmm_pfns (compat/hmm_pfn_convert.h), run at load
 * time.  Results are TAP lines in the kernel log ("hb_test_pfn: TAP: ..."),
 * which the test guest collects; the module always loads, so that a failure
 * is reported as a failed test and not as a missing module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <compat/hmm_pfn_convert.h>

/* The encodings drivers of those releases really used, and an odd one. */
static const u64 nouveau52_flags[HMM_COMPAT_PFN_FLAG_MAX] = {
	[HMM_COMPAT_PFN_VALID] = 1ULL << 0,
	[HMM_COMPAT_PFN_WRITE] = 1ULL << 1,
	[HMM_COMPAT_PFN_DEVICE_PRIVATE] = 1ULL << 2,
};

static const u64 nouveau52_values[HMM_COMPAT_PFN_VALUE_MAX] = {
	[HMM_COMPAT_PFN_ERROR] = ~2ULL,
	[HMM_COMPAT_PFN_NONE] = 0,
	[HMM_COMPAT_PFN_SPECIAL] = ~1ULL,
};

static const u64 amdgpu53_flags[HMM_COMPAT_PFN_FLAG_MAX] = {
	[HMM_COMPAT_PFN_VALID] = 1ULL << 0,
	[HMM_COMPAT_PFN_WRITE] = 1ULL << 1,
	[HMM_COMPAT_PFN_DEVICE_PRIVATE] = 0,
};

static const u64 amdgpu53_values[HMM_COMPAT_PFN_VALUE_MAX] = {
	[HMM_COMPAT_PFN_ERROR] = 0xfffffffffffffffeULL,
	[HMM_COMPAT_PFN_NONE] = 0,
	[HMM_COMPAT_PFN_SPECIAL] = 0xfffffffffffffffcULL,
};

/*
 * Flags in unusual low bits, special values that are not all-ones, and a
 * pfn_shift that is neither 0 nor PAGE_SHIFT.  (Flags must sit below
 * pfn_shift: 5.x's hmm_device_entry_to_pfn() shifts them out.)
 */
static const u64 odd_flags[HMM_COMPAT_PFN_FLAG_MAX] = {
	[HMM_COMPAT_PFN_VALID] = 1ULL << 5,
	[HMM_COMPAT_PFN_WRITE] = 1ULL << 7,
	[HMM_COMPAT_PFN_DEVICE_PRIVATE] = 1ULL << 6,
};

static const u64 odd_values[HMM_COMPAT_PFN_VALUE_MAX] = {
	[HMM_COMPAT_PFN_ERROR] = 0x11,
	[HMM_COMPAT_PFN_NONE] = 0,
	[HMM_COMPAT_PFN_SPECIAL] = 0x12,
};

static const struct {
	const char *name;
	struct hmm_compat_pfn_fmt fmt;
} formats[] = {
	{ "nouveau52", { nouveau52_flags, nouveau52_values, 3 } },
	{ "amdgpu53", { amdgpu53_flags, amdgpu53_values, PAGE_SHIFT } },
	{ "odd", { odd_flags, odd_values, 8 } },
};

static unsigned int tap_n, tap_failed;

static void tap(bool ok, const char *fmtname, const char *test,
		const char *why)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	pr_info("TAP: %sok %u %s.%s%s%s\n", ok ? "" : "not ", tap_n, fmtname,
		test, ok ? "" : " # ", ok ? "" : why);
}

/* pfn -> entry -> pfn, for pfns at the edges of what a page table holds. */
static bool test_roundtrip(const struct hmm_compat_pfn_fmt *fmt,
			   unsigned long real_pfn)
{
	unsigned long pfns[] = { 1, 0x12345, real_pfn, (1UL << 40) - 1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		u64 e = hmm_compat_entry_from_pfn(fmt, pfns[i]);

		if (hmm_compat_entry_is_special(fmt, e) ||
		    !(e & fmt->flags[HMM_COMPAT_PFN_VALID]))
			return false;
		if (hmm_compat_entry_to_pfn(fmt, e) != pfns[i])
			return false;
	}
	return true;
}

/* Request entries become today's request bits, and nothing else. */
static bool test_requests(const struct hmm_compat_pfn_fmt *fmt)
{
	u64 v = fmt->flags[HMM_COMPAT_PFN_VALID];
	u64 w = fmt->flags[HMM_COMPAT_PFN_WRITE];

	return hmm_compat_entry_to_req(fmt, 0) == 0 &&
	       hmm_compat_entry_to_req(fmt, v) == HMM_PFN_REQ_FAULT &&
	       hmm_compat_entry_to_req(fmt, v | w) ==
			(HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE) &&
	       /* 5.2 .. 5.4: a write flag alone requests nothing. */
	       hmm_compat_entry_to_req(fmt, w) == 0;
}

/* Today's output entries become the driver's, for a real page. */
static bool test_outputs(const struct hmm_compat_pfn_fmt *fmt,
			 struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	u64 ro = hmm_compat_entry_from_hmm_pfn(fmt, pfn | HMM_PFN_VALID);
	u64 rw = hmm_compat_entry_from_hmm_pfn(fmt, pfn | HMM_PFN_VALID |
					       HMM_PFN_WRITE);

	if (hmm_compat_entry_from_hmm_pfn(fmt, HMM_PFN_ERROR) !=
	    fmt->values[HMM_COMPAT_PFN_ERROR])
		return false;
	if (hmm_compat_entry_from_hmm_pfn(fmt, 0) !=
	    fmt->values[HMM_COMPAT_PFN_NONE])
		return false;
	if (!(ro & fmt->flags[HMM_COMPAT_PFN_VALID]) ||
	    (ro & fmt->flags[HMM_COMPAT_PFN_WRITE]))
		return false;
	if (!(rw & fmt->flags[HMM_COMPAT_PFN_WRITE]))
		return false;
	return hmm_compat_entry_to_pfn(fmt, ro) == pfn &&
	       hmm_compat_entry_to_pfn(fmt, rw) == pfn;
}

/* Special entries are never taken for a pfn. */
static bool test_specials(const struct hmm_compat_pfn_fmt *fmt)
{
	unsigned int i;

	for (i = 0; i < HMM_COMPAT_PFN_VALUE_MAX; i++) {
		u64 v = fmt->values[i];

		if (!hmm_compat_entry_is_special(fmt, v) ||
		    hmm_compat_entry_to_pfn(fmt, v) != -1UL)
			return false;
	}
	return true;
}

static int __init hb_test_pfn_init(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned int i;

	if (!page)
		return -ENOMEM;
	pr_info("TAP: TAP version 13\n");
	pr_info("TAP: 1..%zu\n", 4 * ARRAY_SIZE(formats));
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		const struct hmm_compat_pfn_fmt *fmt = &formats[i].fmt;
		const char *name = formats[i].name;

		tap(test_roundtrip(fmt, page_to_pfn(page)), name, "roundtrip",
		    "pfn -> entry -> pfn changed the pfn");
		tap(test_requests(fmt), name, "requests",
		    "wrong HMM_PFN_REQ_* bits for a request entry");
		tap(test_outputs(fmt, page), name, "outputs",
		    "wrong driver entry for an hmm_pfn");
		tap(test_specials(fmt), name, "specials",
		    "a values[] entry was read as a pfn");
	}
	__free_page(page);
	pr_info("TAP: # hb_test_pfn: %u passed, %u failed\n",
		tap_n - tap_failed, tap_failed);
	return 0;
}

static void __exit hb_test_pfn_exit(void)
{
}

module_init(hb_test_pfn_init);
module_exit(hb_test_pfn_exit);
MODULE_DESCRIPTION("hmm-backports: pfn encoding conversion unit tests");
MODULE_LICENSE("GPL");
