// SPDX-License-Identifier: GPL-2.0
/// Migrate a driver's HMM mirror call sites from the Linux 5.3 API
/// (generation G4 in `versions`) to the 5.4 API (G5).
///
/// 5.4 ("hmm_range_fault related fixes and legacy API removal", Hellwig;
/// "mm/hmm: remove superfluous arguments from hmm_range_register"):
///  - sync_cpu_device_pagetables() gets a const struct mmu_notifier_range
///    instead of a const struct hmm_update; update->blockable becomes
///    mmu_notifier_range_blockable(update);
///  - hmm_range_register(range, mirror, start, end, PAGE_SHIFT) becomes
///    hmm_range_register(range, mirror) with range->start/end set before it;
///  - hmm_range_snapshot(range) becomes hmm_range_fault(range,
///    HMM_FAULT_SNAPSHOT); hmm_range_fault(range, true/false) takes flags
///    (0 / HMM_FAULT_ALLOW_RETRY), as does hmm_range_dma_map();
///    hmm_range_dma_unmap() loses its vma argument;
///  - struct hmm_range loses vma: a local range's vma lives in a local
///    variable `vma` instead (the one the driver copied it from, if any);
///  - the hmm_pfn_* aliases go: hmm_device_entry_* instead;
///  - HMM_COMPAT_API 0x050300 (compat/hmm.h) becomes 0x050400.
/// Not rewritten (reported, left as is): a page shift other than
/// PAGE_SHIFT (5.4 has no page_shift), update->event, a range's vma reached
/// through a pointer, a non-bool block argument that is not a constant.
/// Kconfig (HMM_MIRROR became hidden: select it): spatch/hmm-nonc.awk.
//
// Confidence: Moderate
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports); context and report
//   modes flag the 5.3 forms without changing anything.

virtual patch
virtual context
virtual report

// ---- the mirror callback's update structure ----

// Not where the callback looks at update->event: 5.4's range has an event
// of another type and meaning.
@upd depends on patch@
identifier fn, u;
@@
fn(...,
- const struct hmm_update *u
+ const struct mmu_notifier_range *u
 , ...) { ... when != u->event
 }

@depends on patch@
identifier upd.fn, upd.u;
@@
fn(...) {
<...
- u->blockable
+ mmu_notifier_range_blockable(u)
...>
}

// ---- hmm_range_register(range, mirror, start, end, PAGE_SHIFT) ----

@reg_same depends on patch@
expression R, M, X;
@@
(
- hmm_range_register(&X, M, X.start, X.end, PAGE_SHIFT)
+ hmm_range_register(&X, M)
|
- hmm_range_register(R, M, R->start, R->end, PAGE_SHIFT)
+ hmm_range_register(R, M)
)

@reg_stmt depends on patch@
expression R, M, X, S, E, V;
statement S1, S2;
@@
(
+ X.start = S;
+ X.end = E;
  V =
- hmm_range_register(&X, M, S, E, PAGE_SHIFT)
+ hmm_range_register(&X, M)
  ;
|
+ R->start = S;
+ R->end = E;
  V =
- hmm_range_register(R, M, S, E, PAGE_SHIFT)
+ hmm_range_register(R, M)
  ;
|
+ X.start = S;
+ X.end = E;
  if (
- hmm_range_register(&X, M, S, E, PAGE_SHIFT)
+ hmm_range_register(&X, M)
  ) S1 else S2
|
+ R->start = S;
+ R->end = E;
  if (
- hmm_range_register(R, M, S, E, PAGE_SHIFT)
+ hmm_range_register(R, M)
  ) S1 else S2
|
+ X.start = S;
+ X.end = E;
- hmm_range_register(&X, M, S, E, PAGE_SHIFT);
+ hmm_range_register(&X, M);
|
+ R->start = S;
+ R->end = E;
- hmm_range_register(R, M, S, E, PAGE_SHIFT);
+ hmm_range_register(R, M);
|
+ X.start = S;
+ X.end = E;
  return
- hmm_range_register(&X, M, S, E, PAGE_SHIFT)
+ hmm_range_register(&X, M)
  ;
|
+ R->start = S;
+ R->end = E;
  return
- hmm_range_register(R, M, S, E, PAGE_SHIFT)
+ hmm_range_register(R, M)
  ;
)

// ---- snapshot versus fault, block versus flags ----

@depends on patch@
expression R;
@@
- hmm_range_snapshot(R)
+ hmm_range_fault(R, HMM_FAULT_SNAPSHOT)

@depends on patch@
expression R, D, A;
typedef bool;
bool B;
symbol true, false;
@@
(
- hmm_range_fault(R, true)
+ hmm_range_fault(R, 0)
|
- hmm_range_fault(R, false)
+ hmm_range_fault(R, HMM_FAULT_ALLOW_RETRY)
|
- hmm_range_fault(R, B)
+ hmm_range_fault(R, B ? 0 : HMM_FAULT_ALLOW_RETRY)
|
- hmm_range_dma_map(R, D, A, true)
+ hmm_range_dma_map(R, D, A, 0)
|
- hmm_range_dma_map(R, D, A, false)
+ hmm_range_dma_map(R, D, A, HMM_FAULT_ALLOW_RETRY)
|
- hmm_range_dma_map(R, D, A, B)
+ hmm_range_dma_map(R, D, A, B ? 0 : HMM_FAULT_ALLOW_RETRY)
)

@depends on patch@
expression R, V, D, A, DIRTY;
@@
- hmm_range_dma_unmap(R, V, D, A, DIRTY)
+ hmm_range_dma_unmap(R, D, A, DIRTY)

// ---- struct hmm_range lost its vma ----

// The driver copied the vma from a variable: drop the copy, use the
// variable.
@vma_copy depends on patch disable fld_to_ptr@
identifier fn, v;
struct hmm_range X;
@@
fn(...) {
<...
- X.vma = v;
...>
}

@depends on patch disable fld_to_ptr@
identifier vma_copy.fn, vma_copy.v;
struct hmm_range X;
@@
fn(...) {
<...
- X.vma
+ v
...>
}

// Otherwise a local `vma` holds it, if the name is free.
@vma_busy disable fld_to_ptr@
identifier fn;
struct hmm_range X;
@@
fn(...) {
<+... X.vma ...+>
}

@vma_taken@
identifier vma_busy.fn;
identifier vv = {vma};
@@
fn(...) {
<+... vv ...+>
}

@vma_new depends on patch && !vma_taken@
identifier vma_busy.fn;
@@
fn(...) {
+ struct vm_area_struct *vma;
...
}

@depends on patch && vma_new disable fld_to_ptr@
identifier vma_busy.fn;
struct hmm_range X;
@@
fn(...) {
<...
- X.vma
+ vma
...>
}

// A helper given the mirror and a range pointer (nouveau_range_fault() of
// 5.3) reached the mm through range->vma: the mirror's mm is the same one
// (5.4's own drivers read mirror->hmm->mmu_notifier.mm).
@depends on patch disable fld_to_ptr@
identifier fn, M, R;
@@
fn(..., struct hmm_mirror *M, ..., struct hmm_range *R, ...) {
<...
- R->vma->vm_mm
+ M->hmm->mmu_notifier.mm
...>
}

@depends on patch disable fld_to_ptr@
identifier fn, M, R;
@@
fn(..., struct hmm_range *R, ..., struct hmm_mirror *M, ...) {
<...
- R->vma->vm_mm
+ M->hmm->mmu_notifier.mm
...>
}

// ---- legacy hmm_pfn_* aliases ----

@depends on patch@
expression R, E;
@@
(
- hmm_pfn_to_page(R, E)
+ hmm_device_entry_to_page(R, E)
|
- hmm_pfn_to_pfn(R, E)
+ hmm_device_entry_to_pfn(R, E)
|
- hmm_pfn_from_page(R, E)
+ hmm_device_entry_from_page(R, E)
|
- hmm_pfn_from_pfn(R, E)
+ hmm_device_entry_from_pfn(R, E)
)

@compat_api depends on patch@
@@
-#define HMM_COMPAT_API 0x050300
+#define HMM_COMPAT_API 0x050400

// ---- what is left in the 5.3 form ----

@left disable fld_to_ptr@
expression R, M, S, E, SH, D, A;
struct hmm_range X;
struct hmm_range *RP;
const struct hmm_update *U;
identifier fld = {event, blockable};
typedef bool;
bool BB;
symbol true, false;
position p;
@@
(
hmm_range_register@p(R, M, S, E, SH)
|
hmm_range_snapshot@p(R)
|
hmm_range_fault@p(R, \(true\|false\|BB\))
|
hmm_range_dma_map@p(R, D, A, \(true\|false\|BB\))
|
X.vma@p
|
RP->vma@p
|
RP->page_shift@p
|
X.page_shift@p
|
hmm_range_page_shift@p(...)
|
hmm_range_page_size@p(...)
|
U->fld@p
|
hmm_pfn_to_page@p(R, E)
|
hmm_pfn_to_pfn@p(R, E)
)

@script:python depends on patch@
p << left.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.3-to-5.4: a 5.3 form this step cannot rewrite safely (page shift other than PAGE_SHIFT, update->event, a range's vma or page_shift through a pointer, or a call in an unsupported statement); left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on report@
p << left.p;
@@
print("%s:%s: 5.3 HMM API form (hmm_update, 5-argument hmm_range_register, hmm_range_snapshot, bool block, range vma/page_shift, hmm_pfn_* aliases): changed in 5.4" % (p[0].file, p[0].line))

@depends on context disable fld_to_ptr@
expression R, M, S, E, SH, D, A;
struct hmm_range X;
struct hmm_range *RP;
typedef bool;
bool BB;
symbol true, false;
const struct hmm_update *U;
identifier fld = {event, blockable};
@@
(
* U->fld
|
* hmm_range_register(R, M, S, E, SH)
|
* hmm_range_snapshot(R)
|
* hmm_range_fault(R, \(true\|false\|BB\))
|
* hmm_range_dma_map(R, D, A, \(true\|false\|BB\))
|
* X.vma
|
* RP->vma
|
* hmm_pfn_to_page(R, E)
)
