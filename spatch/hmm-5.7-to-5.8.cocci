// SPDX-License-Identifier: GPL-2.0
/// Migrate a driver's HMM call sites from the Linux 5.7 API (generation G7
/// in `versions`) to the 5.8 API (G8), today's: 2733ea144dcc "mm/hmm:
/// remove the customizable pfn format from hmm_range_fault", be957c886d92
/// "mm/hmm: make hmm_range_fault return 0 or -1".
///  - the driver's encoding (range.flags[]/values[]/pfn_shift over uint64_t
///    pfns) becomes the fixed unsigned long hmm_pfns: .pfns -> .hmm_pfns,
///    the u64 array and the u64 locals holding its entries or requests
///    become unsigned long, .flags/.values/.pfn_shift go;
///    flags[HMM_PFN_VALID]/[HMM_PFN_WRITE] become HMM_PFN_VALID/WRITE
///    (also as requests: 5.8 defines HMM_PFN_REQ_FAULT/REQ_WRITE as them);
///    e == values[HMM_PFN_ERROR] becomes (e & HMM_PFN_ERROR),
///    e == values[HMM_PFN_NONE] !(e & (HMM_PFN_VALID | HMM_PFN_ERROR));
///    the flags and values arrays go once nothing uses them;
///  - hmm_device_entry_to_page(range, e), NULL for an invalid entry, becomes
///    (e & HMM_PFN_VALID ? hmm_pfn_to_page(e) : NULL) (5.8's
///    hmm_pfn_to_page() does not check);
///  - hmm_range_fault() returns 0 on success, not the page count: where the
///    result is compared other than by sign, the count is restored
///    (ret = npages on 0), so the driver's logic is unchanged;
///  - #define HMM_COMPAT_API 0x050700 goes: compat/hmm.h without it is
///    today's API (a passthrough where the kernel has it).
/// Reported and left as is: values[HMM_PFN_SPECIAL] and other uses of the
/// values array, hmm_device_entry_to_pfn/from_page/from_pfn, a range whose
/// flags/values are set by assignment, pfn_shift read back.
//
// Confidence: Moderate
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports); context and report
//   modes flag the 5.7 forms without changing anything.

virtual patch
virtual context
virtual report

// The driver's encoding: the arrays a range is initialised with.
@enc@
identifier R, P, F, V;
@@
struct hmm_range R = { ..., .pfns = P, ..., .flags = F, ..., .values = V, ... };

@enc_s@
identifier enc.R;
expression S;
@@
struct hmm_range R = { ..., .pfn_shift = S, ... };

// ---- hmm_range_fault() returns 0 ----

// Only in a file still in the 5.7 form (it has a range with the driver's
// encoding), and not twice: 5.8 code calls hmm_range_fault() the same way.
@cnt_done@
expression R, V;
statement S;
position p;
@@
V = hmm_range_fault@p(R);
if (!V) S

// A file still in the 5.7 form: a range with the driver's encoding.
@old57@
struct hmm_range *RP;
struct hmm_range X;
@@
(
RP->pfns
|
X.pfns
|
RP->pfn_shift
|
X.pfn_shift
)

@cnt depends on enc || old57@
expression R, V, E;
identifier fn;
position p != cnt_done.p;
@@
fn(...) {
<...
V = hmm_range_fault@p(R);
... when != V = E
(
V > 0
|
V <= 0
|
V == 0
|
!V
)
...>
}

@depends on patch@
expression X, R, V;
position cnt.p;
@@
(
  V = hmm_range_fault@p(&X);
+ if (!V)
+	V = (X.end - X.start) >> PAGE_SHIFT;
|
  V = hmm_range_fault@p(R);
+ if (!V)
+	V = (R->end - R->start) >> PAGE_SHIFT;
)

// ---- entries and requests ----

@depends on patch@
identifier enc.F;
@@
(
- F[HMM_PFN_VALID]
+ HMM_PFN_VALID
|
- F[HMM_PFN_WRITE]
+ HMM_PFN_WRITE
)

@depends on patch@
identifier enc.V;
expression E;
@@
(
- E == V[HMM_PFN_ERROR]
+ (E & HMM_PFN_ERROR)
|
- E != V[HMM_PFN_ERROR]
+ !(E & HMM_PFN_ERROR)
|
- E == V[HMM_PFN_NONE]
+ !(E & (HMM_PFN_VALID | HMM_PFN_ERROR))
|
- E != V[HMM_PFN_NONE]
+ (E & (HMM_PFN_VALID | HMM_PFN_ERROR))
)

@depends on patch@
expression R, E;
@@
- hmm_device_entry_to_page(R, E)
+ (E & HMM_PFN_VALID ? hmm_pfn_to_page(E) : NULL)

// Ranges built by field assignments (kzalloc'd, amdgpu's shape): the
// encoding arrays they are given.
@encf@
struct hmm_range *RP;
struct hmm_range X;
identifier F;
@@
(
RP->flags = F;
|
X.flags = F;
)

@encv@
struct hmm_range *RP;
struct hmm_range X;
identifier V;
@@
(
RP->values = V;
|
X.values = V;
)

@depends on patch@
identifier encf.F;
@@
(
- F[HMM_PFN_VALID]
+ HMM_PFN_REQ_FAULT
|
- F[HMM_PFN_WRITE]
+ HMM_PFN_REQ_WRITE
)

@depends on patch@
struct hmm_range *RP;
struct hmm_range X;
@@
(
- RP->flags[HMM_PFN_VALID]
+ HMM_PFN_REQ_FAULT
|
- RP->flags[HMM_PFN_WRITE]
+ HMM_PFN_REQ_WRITE
|
- X.flags[HMM_PFN_VALID]
+ HMM_PFN_REQ_FAULT
|
- X.flags[HMM_PFN_WRITE]
+ HMM_PFN_REQ_WRITE
)

@depends on patch@
identifier encv.V;
expression E;
@@
(
- E == V[HMM_PFN_ERROR]
+ (E & HMM_PFN_ERROR)
|
- E != V[HMM_PFN_ERROR]
+ !(E & HMM_PFN_ERROR)
|
- E == V[HMM_PFN_NONE]
+ !(E & (HMM_PFN_VALID | HMM_PFN_ERROR))
|
- E != V[HMM_PFN_NONE]
+ (E & (HMM_PFN_VALID | HMM_PFN_ERROR))
)

@depends on patch@
struct hmm_range *RP;
struct hmm_range X;
identifier encf.F;
@@
(
- RP->flags = F;
|
- X.flags = F;
)

@depends on patch@
struct hmm_range *RP;
struct hmm_range X;
identifier encv.V;
@@
(
- RP->values = V;
|
- X.values = V;
)

@depends on patch && (encf || encv)@
struct hmm_range *RP;
struct hmm_range X;
expression E;
@@
(
- RP->pfn_shift = E;
|
- X.pfn_shift = E;
)

// A local u64 pointer the range's pfns are set to (allocated by the
// driver for the range): unsigned long.  Not a parameter or a field: that
// may be an array in the hardware's encoding, which spatch/migrate's check
// reports.
@pl@
struct hmm_range *RP;
struct hmm_range X;
identifier P, fn;
@@
fn(...) {
<+...
(
RP->pfns = P;
|
X.pfns = P;
)
...+>
}

@depends on patch@
identifier pl.P, pl.fn;
typedef u64, uint64_t;
type T = {u64, uint64_t};
@@
fn(...) {
...
- T
+ unsigned long
  *P;
...
}

// u64 -> unsigned long: the array and the locals holding its entries or
// requests built from the flags, in the function of the range (an array
// of the same name elsewhere, or a parameter, may be the hardware's:
// spatch/migrate's check reports a range given one).
@encfn@
identifier enc.R, enc.P, fn;
@@
fn(...) {
... when any
struct hmm_range R = { ..., .pfns = P, ... };
... when any
}

@depends on patch@
identifier enc.P, encfn.fn;
expression N;
typedef u64, uint64_t;
type T = {u64, uint64_t};
@@
fn(...) {
... when any
- T
+ unsigned long
  P[N];
... when any
}

@depends on patch@
identifier enc.P, x;
expression E;
type T = {u64, uint64_t};
@@
- T
+ unsigned long
  x = <+... \(P\|HMM_PFN_VALID\|HMM_PFN_WRITE\|HMM_PFN_REQ_FAULT\|HMM_PFN_REQ_WRITE\) ...+>;

// In one rule when the four fields follow each other (two rules leave a
// line of indentation behind).
@enc_all depends on patch && enc_s@
identifier enc.R, enc.P, enc.F, enc.V;
expression S;
@@
struct hmm_range R = {
  ...,
- .pfns = P,
+ .hmm_pfns = P,
- .flags = F,
- .values = V,
- .pfn_shift = S,
  ...
};

@depends on patch && !enc_all@
identifier enc.R, enc.P, enc.F, enc.V;
@@
struct hmm_range R = {
  ...,
- .pfns = P,
+ .hmm_pfns = P,
  ...,
- .flags = F,
  ...,
- .values = V,
  ...
};

@depends on patch && enc_s && !enc_all@
identifier enc.R;
expression S;
@@
struct hmm_range R = {
  ...,
- .pfn_shift = S,
  ...
};

@depends on patch@
struct hmm_range *RP;
struct hmm_range X;
@@
(
- RP->pfns
+ RP->hmm_pfns
|
- X.pfns
+ X.hmm_pfns
)

// The flags and values arrays, once unused.
@f_used depends on patch@
identifier enc.F;
expression E;
@@
F[E]

@depends on patch && !f_used@
identifier enc.F;
expression N;
type T;
@@
- T F[N] = { ... };

@v_used depends on patch@
identifier enc.V;
expression E;
@@
V[E]

@depends on patch && !v_used@
identifier enc.V;
expression N;
type T;
@@
- T V[N] = { ... };

@ff_used depends on patch@
identifier encf.F;
expression E;
@@
F[E]

@ff_ref depends on patch@
identifier encf.F;
@@
F

@depends on patch && !ff_used && !ff_ref@
identifier encf.F;
expression N;
type T;
@@
- T F[N] = { ... };

@vf_used depends on patch@
identifier encv.V;
@@
V

@depends on patch && !vf_used@
identifier encv.V;
expression N;
type T;
@@
- T V[N] = { ... };

// 5.8 renamed mm->mmap_sem to mmap_lock, taken through <linux/mmap_lock.h>.
@depends on patch@
expression M;
@@
(
- down_read(&M->mmap_sem)
+ mmap_read_lock(M)
|
- up_read(&M->mmap_sem)
+ mmap_read_unlock(M)
|
- down_write(&M->mmap_sem)
+ mmap_write_lock(M)
|
- up_write(&M->mmap_sem)
+ mmap_write_unlock(M)
|
- down_read_trylock(&M->mmap_sem)
+ mmap_read_trylock(M)
|
- down_write_trylock(&M->mmap_sem)
+ mmap_write_trylock(M)
|
- down_read_killable(&M->mmap_sem)
+ mmap_read_lock_killable(M)
|
- down_write_killable(&M->mmap_sem)
+ mmap_write_lock_killable(M)
|
- downgrade_write(&M->mmap_sem)
+ mmap_write_downgrade(M)
)

// An entry printed with %ll (it was a u64): cast, the entries are
// unsigned long now (-Wformat).
@prf depends on patch@
identifier f =~ "^(printk|pr_[a-z]+|dev_[a-z]+|DRM_[A-Z_]+|WARN|WARN_ONCE)$";
constant char[] fmt;
expression list es;
struct hmm_range *RP;
struct hmm_range X;
expression I;
position p;
@@
f(..., fmt, es, \(RP->hmm_pfns[I]@p\|X.hmm_pfns[I]@p\), ...)

@script:python prf_ll@
fmt << prf.fmt;
p << prf.p;
@@
if "%ll" not in fmt:
    cocci.include_match(False)

@depends on patch@
struct hmm_range *RP;
struct hmm_range X;
expression I;
position prf.p;
@@
(
- RP->hmm_pfns[I]@p
+ (u64)RP->hmm_pfns[I]
|
- X.hmm_pfns[I]@p
+ (u64)X.hmm_pfns[I]
)

@compat_api depends on patch@
@@
-#define HMM_COMPAT_API 0x050700

// ---- what is left in the 5.7 form ----

@left@
struct hmm_range *RP;
struct hmm_range X;
position p;
identifier I = {HMM_PFN_FLAG_MAX, HMM_PFN_VALUE_MAX, HMM_PFN_SPECIAL, HMM_PFN_NONE};
@@
(
RP->flags@p
|
RP->values@p
|
RP->pfn_shift@p
|
X.flags@p
|
X.values@p
|
X.pfn_shift@p
|
RP->pfns@p
|
X.pfns@p
|
hmm_device_entry_to_pfn@p(...)
|
hmm_device_entry_from_page@p(...)
|
hmm_device_entry_from_pfn@p(...)
|
hmm_device_entry_to_page@p(...)
|
I@p
)

@script:python depends on patch@
p << left.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.7-to-5.8: the driver-defined pfn encoding used in a way this step cannot rewrite (flags/values/pfn_shift set or read outside a range initializer, HMM_PFN_SPECIAL/NONE outside a comparison, hmm_device_entry_to_pfn/from_page/from_pfn); left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on report@
p << left.p;
@@
print("%s:%s: 5.7 HMM API form (driver-defined pfn encoding: flags/values/pfn_shift, hmm_device_entry_*): changed in 5.8" % (p[0].file, p[0].line))

@depends on context@
struct hmm_range *RP;
struct hmm_range X;
@@
(
* RP->pfns
|
* X.pfns
|
* hmm_device_entry_to_page(...)
|
* hmm_device_entry_to_pfn(...)
)
