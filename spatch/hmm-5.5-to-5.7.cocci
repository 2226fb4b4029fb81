// SPDX-License-Identifier: GPL-2.0
/// Migrate a driver's HMM call sites from the Linux 5.5/5.6 API
/// (generation G6 in `versions`) to the 5.7 API (G7): 6bfef2f91945
/// "mm/hmm: remove HMM_FAULT_SNAPSHOT" dropped hmm_range_fault()'s flags.
///  - hmm_range_fault(range, 0) becomes hmm_range_fault(range);
///  - hmm_range_fault(range, HMM_FAULT_SNAPSHOT): 5.7 snapshots when no
///    entry asks for a fault, so the range's default_flags and
///    pfn_flags_mask are set to 0 before the call (as the commit tells
///    callers to do);
///  - HMM_PFN_DEVICE_PRIVATE left the flag enum: its initializer in the
///    driver's flags array goes (5.7 reports device-private pages only for
///    range->dev_private_owner);
///  - a driver with device-private memory gets one owner, a pointer to its
///    device struct (found by spatch/migrate with spatch/hmm-owner.awk and
///    passed as -D hmm_owner_type=NAME), on its ranges, its pgmap and the
///    migrate_vma of its migrate_to_ram; 5.6's test of an entry for the
///    flags array's DEVICE_PRIVATE value becomes is_device_private_page()
///    plus setting that value (-D hmm_devpriv_flag=NAME) where the file
///    names it;
///  - HMM_COMPAT_API 0x050500 (compat/hmm.h) becomes 0x050700.
/// Reported and left as is: other flags (HMM_FAULT_ALLOW_RETRY: the fault
/// no longer drops mmap_sem) or a non-constant flags argument, and any
/// other use of HMM_PFN_DEVICE_PRIVATE.
//
// Confidence: High
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports); context and report
//   modes flag the 5.5 forms without changing anything.

virtual patch
virtual context
virtual report

// Is the value of the flags array's [HMM_PFN_DEVICE_PRIVATE] entry (found
// by spatch/hmm-owner.awk) named in this file, before the entry goes?
@devpriv_seen@
identifier virtual.hmm_devpriv_flag;
@@
hmm_devpriv_flag

@depends on patch@
expression R;
@@
- hmm_range_fault(R, 0)
+ hmm_range_fault(R)

@depends on patch@
expression X, R, V;
@@
(
+ X.default_flags = 0;
+ X.pfn_flags_mask = 0;
  V =
- hmm_range_fault(&X, HMM_FAULT_SNAPSHOT)
+ hmm_range_fault(&X)
  ;
|
+ R->default_flags = 0;
+ R->pfn_flags_mask = 0;
  V =
- hmm_range_fault(R, HMM_FAULT_SNAPSHOT)
+ hmm_range_fault(R)
  ;
)

@depends on patch@
identifier F;
expression E, N;
type T;
@@
  T F[N] = { ...,
- [HMM_PFN_DEVICE_PRIVATE] = E,
  ...};

// A positional flags array (amdgpu's: VALID, WRITE, DEVICE_PRIVATE in
// enum order): 5.7's HMM_PFN_FLAG_MAX is 2, the third entry goes.
@depends on patch@
identifier F;
expression E1, E2, E3;
type T;
@@
  T F[HMM_PFN_FLAG_MAX] = {
  E1, E2,
- E3
  };

// ---- device-private ownership (5.7) ----
//
// From 5.7 hmm_range_fault() hands device-private pages only to the
// range's dev_private_owner, memremap_pages() refuses a
// MEMORY_DEVICE_PRIVATE pgmap without an owner, and migrate_vma_setup()
// collects device-private pages only for its src_owner.  The three must be
// the same pointer: spatch/migrate finds the driver's device structure,
// the one its pgmap is reached from (drm->dmem->pagemap.type =
// MEMORY_DEVICE_PRIVATE: struct nouveau_drm), with spatch/hmm-owner.awk
// over the driver's directory and passes its name as
// -D hmm_owner_type=NAME; where a function holds a pointer to it, that
// pointer is the owner (upstream nouveau used drm->dev: the same device,
// a different pointer of it).  Without one in reach nothing is added and
// migrate's check reports the place.

@pg_owned depends on patch@
expression E, X;
@@
E.type = MEMORY_DEVICE_PRIVATE;
...
E.owner = X;

@pg_param depends on patch && !pg_owned@
identifier virtual.hmm_owner_type;
identifier fn, v;
expression E;
@@
fn(..., struct hmm_owner_type *v, ...) {
<...
E.type = MEMORY_DEVICE_PRIVATE;
+ E.owner = v;
...>
}

@pg_local depends on patch && !pg_owned && !pg_param@
identifier virtual.hmm_owner_type;
identifier fn, v;
expression E;
@@
fn(...) {
...
struct hmm_owner_type *v;
<...
E.type = MEMORY_DEVICE_PRIVATE;
+ E.owner = v;
...>
}

@pg_local_init depends on patch && !pg_owned && !pg_param && !pg_local@
identifier virtual.hmm_owner_type;
identifier fn, v;
expression E, I;
@@
fn(...) {
...
struct hmm_owner_type *v = I;
<...
E.type = MEMORY_DEVICE_PRIVATE;
+ E.owner = v;
...>
}

// The range of a fault: set in its initializer, next to its notifier
// (unless the file's ranges have an owner already).
@rg_owned@
identifier r;
expression E, X;
@@
(
struct hmm_range r = { ..., .dev_private_owner = E, ... };
|
X.dev_private_owner = E
|
X->dev_private_owner = E
)

@rg_param depends on patch && !rg_owned@
identifier virtual.hmm_owner_type;
identifier fn, v, r;
expression N;
@@
fn(..., struct hmm_owner_type *v, ...) {
...
struct hmm_range r = {
	.notifier = N,
+	.dev_private_owner = v,
	...
};
...
}

@rg_local depends on patch && !rg_owned && !rg_param@
identifier virtual.hmm_owner_type;
identifier fn, v, r;
expression N, I;
@@
fn(...) {
...
(
struct hmm_owner_type *v;
|
struct hmm_owner_type *v = I;
)
...
struct hmm_range r = {
	.notifier = N,
+	.dev_private_owner = v,
	...
};
...
}

// A range filled field by field: after its notifier.
@rg_field depends on patch && !rg_owned && !rg_param && !rg_local@
identifier virtual.hmm_owner_type;
identifier fn, v;
expression X, N;
@@
fn(..., struct hmm_owner_type *v, ...) {
<...
X.notifier = N;
+ X.dev_private_owner = v;
...>
}

// Migrating the device's pages back to RAM (the pgmap's migrate_to_ram):
// migrate_vma collects them only for their owner.
@m2r@
identifier ops, fn;
@@
struct dev_pagemap_ops ops = { ..., .migrate_to_ram = fn, ... };

@m2r_owned@
identifier m2r.fn, a;
expression E;
@@
fn(...) {
<+...
struct migrate_vma a = { ..., .src_owner = E, ... };
...+>
}

@depends on patch && !m2r_owned@
identifier virtual.hmm_owner_type;
identifier m2r.fn, v, a;
expression I;
@@
fn(...) {
...
struct hmm_owner_type *v = I;
...
struct migrate_vma a = {
	...,
+	.src_owner = v,
};
...
}

// 5.6's test for a device-private entry: with the owner set, 5.7 returns
// the driver's own device pages as normal entries, without the value of
// the flags array's [HMM_PFN_DEVICE_PRIVATE] entry (which goes: the enum
// value is gone).  Where hmm-owner.awk found that value (-D
// hmm_devpriv_flag=NAME), the test becomes is_device_private_page() and
// the driver sets the value itself, as hmm_range_fault() did; without it
// the test is left, and reported; also where the file does not name the
// value anywhere else (its header is the driver's business: nouveau's
// dmem.c had to include <nvif/if000c.h>).
@depends on patch && devpriv_seen@
identifier virtual.hmm_devpriv_flag;
expression P, R, E;
statement S;
@@
P = hmm_device_entry_to_page(R, E);
...
(
- if (!(E & R->flags[HMM_PFN_DEVICE_PRIVATE])) S
+ if (!is_device_private_page(P)) S
+ E |= hmm_devpriv_flag;
|
- if (!(E & R.flags[HMM_PFN_DEVICE_PRIVATE])) S
+ if (!is_device_private_page(P)) S
+ E |= hmm_devpriv_flag;
)

@compat_api depends on patch@
@@
-#define HMM_COMPAT_API 0x050500
+#define HMM_COMPAT_API 0x050700

@left@
expression R, F;
position p;
@@
(
hmm_range_fault@p(R, F)
|
HMM_PFN_DEVICE_PRIVATE@p
|
HMM_FAULT_SNAPSHOT@p
|
HMM_FAULT_ALLOW_RETRY@p
)

@script:python depends on patch@
p << left.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.5-to-5.7: hmm_range_fault() flags other than 0 or a snapshot statement (5.7 has none: HMM_FAULT_ALLOW_RETRY's dropped mmap_sem is gone), or HMM_PFN_DEVICE_PRIVATE (removed in 5.7: use range->dev_private_owner); left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on report@
p << left.p;
@@
print("%s:%s: 5.5 HMM API form (hmm_range_fault flags, HMM_FAULT_*, HMM_PFN_DEVICE_PRIVATE): changed in 5.7" % (p[0].file, p[0].line))

@depends on context@
expression R, F;
@@
(
* hmm_range_fault(R, F)
|
* HMM_PFN_DEVICE_PRIVATE
)
