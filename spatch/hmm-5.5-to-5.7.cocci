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
///    range->dev_private_owner, which stays NULL: set it if the driver has
///    device memory);
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
