// SPDX-License-Identifier: GPL-2.0
/// Migrate a driver's HMM mirror call sites from the Linux 5.2 API
/// (generation G3 in `versions`) to the 5.3 API (G4).
///
/// 5.3 keyed ranges by mirror instead of mm and removed the transitional
/// inlines of 5.2 ("mm/hmm: Use hmm_mirror not mm as an argument for
/// hmm_range_register"):
///  - hmm_range_register(range, mm, start, end, shift) takes the driver's
///    struct hmm_mirror instead of the mm;
///  - hmm_vma_fault(range, true) and hmm_vma_range_done(range) are gone: as
///    nouveau did in 5.3, they become driver-private helpers
///    <prefix>_range_fault(mirror, mm, range) and <prefix>_range_done(range)
///    with the bodies of 5.2's inlines (mmap lock dropped on -EBUSY/-EAGAIN,
///    exactly as before), added after the struct embedding the mirror;
///    where every caller has nouveau's shape (ret = helper(); if (ret == 0)
///    { ... } then the unlock, which unlocked twice on -EBUSY), the helper
///    drops the lock on every error and the unlock moves into the block,
///    as nouveau did in 5.3;
///  - HMM_COMPAT_API 0x050200 (compat/hmm.h) becomes 0x050300.
/// The mirror is found from the function's parameters or locals: a pointer
/// to the struct embedding the struct hmm_mirror, or a pointer whose field
/// the driver set to such a struct.  Not rewritten (reported, left as is):
/// a call where no mirror is in reach, hmm_vma_fault(range, false) or with a
/// non-constant block argument (5.2's ALLOW_RETRY semantics), and the APIs
/// 5.3 removed without a replacement (hmm_mirror_mm_is_alive, hmm_devmem_*).
/// Kconfig, Makefiles and CONFIG_ symbols in #if lines: spatch/hmm-nonc.awk.
//
// Confidence: Moderate
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports); context and report
//   modes flag the 5.2 forms without changing anything.

virtual patch
virtual context
virtual report

// The struct that embeds the driver's mirror.
@cont@
identifier T, F;
@@
struct T { ... struct hmm_mirror F; ... };

// A pointer field of some struct that the driver sets to its container
// (dm->glue = dmg): reaching the mirror from the object the driver passes
// around.
@bp@
identifier cont.T, G, x, fn;
type TE;
TE e;
@@
fn(...) {
...
struct T *x;
...
e->G = x;
...
}

@script:python names depends on cont@
T << cont.T;
RF;
RD;
@@
pfx = T.split("_")[0]
coccinelle.RF = cocci.make_ident(pfx + "_range_fault")
coccinelle.RD = cocci.make_ident(pfx + "_range_done")

// Does the driver use the mmap locking API (5.8, or the compat layer's) or
// mmap_sem?  The helper drops the lock the same way.
@uses_mmap_lock@
expression M;
@@
(
mmap_read_lock(M)
|
mmap_read_unlock(M)
)

// ---- hmm_range_register(range, mm, ...) -> (range, mirror, ...) ----

@reg_param depends on patch@
identifier cont.T, cont.F, fn, x;
struct mm_struct *MM;
expression R, S, E, SH;
@@
fn(..., struct T *x, ...) {
<+...
 hmm_range_register(R,
- MM
+ &x->F
 , S, E, SH)
...+>
}

@reg_local depends on patch@
identifier cont.T, cont.F, fn, x;
struct mm_struct *MM;
expression R, S, E, SH;
@@
fn(...) {
...
struct T *x;
<+...
 hmm_range_register(R,
- MM
+ &x->F
 , S, E, SH)
...+>
}

@reg_back depends on patch@
identifier cont.T, cont.F, bp.G, fn, y;
type bp.TE;
struct mm_struct *MM;
expression R, S, E, SH;
@@
fn(..., TE y, ...) {
<+...
 hmm_range_register(R,
- MM
+ &((struct T *)y->G)->F
 , S, E, SH)
...+>
}

// ---- hmm_vma_fault(range, true) -> <prefix>_range_fault(mirror, mm, range) ----

@vf_param depends on patch@
identifier cont.T, cont.F, fn, x, names.RF;
expression X, R;
symbol true;
@@
fn(..., struct T *x, ...) {
<+...
(
- hmm_vma_fault(&X, true)
+ RF(&x->F, X.vma->vm_mm, &X)
|
- hmm_vma_fault(R, true)
+ RF(&x->F, R->vma->vm_mm, R)
)
...+>
}

@vf_local depends on patch@
identifier cont.T, cont.F, fn, x, names.RF;
expression X, R;
symbol true;
@@
fn(...) {
...
struct T *x;
<+...
(
- hmm_vma_fault(&X, true)
+ RF(&x->F, X.vma->vm_mm, &X)
|
- hmm_vma_fault(R, true)
+ RF(&x->F, R->vma->vm_mm, R)
)
...+>
}

@vf_back depends on patch@
identifier cont.T, cont.F, bp.G, fn, y, names.RF;
type bp.TE;
expression X, R;
symbol true;
@@
fn(..., TE y, ...) {
<+...
(
- hmm_vma_fault(&X, true)
+ RF(&((struct T *)y->G)->F, X.vma->vm_mm, &X)
|
- hmm_vma_fault(R, true)
+ RF(&((struct T *)y->G)->F, R->vma->vm_mm, R)
)
...+>
}

@vrd depends on patch@
identifier names.RD;
expression R;
@@
- hmm_vma_range_done(R)
+ RD(R)

// Who drops mmap_sem: 5.2's hmm_vma_fault() (and the helper above) drop
// it on -EBUSY/-EAGAIN.  A caller that never tells those results apart and
// unlocks after the call unlocks twice on them (nouveau in 5.2; 5.3 moved
// its up_read() under "if (ret == 0)").  Marked for spatch/migrate's check.
@drop_handled depends on patch@
identifier names.RF;
expression V, A1, A2, A3;
@@
V = RF(A1, A2, A3);
... when any
(
V == -EBUSY
|
V == -EAGAIN
|
V != -EBUSY
|
V != -EAGAIN
)

// The nouveau shape: every call is "V = RF(...); if (V == 0) { ... }"
// followed right by the unlock.  There the helper takes 5.3's contract
// (nouveau's own helper in 5.3): an error returns with the lock dropped,
// 0 with it held; the unlock moves to the end of the success block.  A
// path that leaves the block early (return, break, goto) skipped the
// unlock after it before too, so only the error results change: they no
// longer unlock a second time.
@drop_shape depends on patch && !drop_handled && (vf_param || vf_local || vf_back)@
identifier names.RF;
expression V, A1, A2, A3, M;
statement S;
position p;
@@
V = RF@p(A1, A2, A3);
if (\(V == 0\|!V\)) S
\(up_read(&M->mmap_sem);\|mmap_read_unlock(M);\)

@drop_other depends on drop_shape@
identifier names.RF;
position p != drop_shape.p;
@@
RF@p(...)

@drop_fix depends on drop_shape && !drop_other@
identifier names.RF;
expression V, A1, A2, A3, M;
statement list SL;
@@
V = RF(A1, A2, A3);
if (\(V == 0\|!V\)) {
  SL
+ up_read(&M->mmap_sem);
}
- up_read(&M->mmap_sem);

@drop_fix_lock depends on drop_shape && !drop_other@
identifier names.RF;
expression V, A1, A2, A3, M;
statement list SL;
@@
V = RF(A1, A2, A3);
if (\(V == 0\|!V\)) {
  SL
+ mmap_read_unlock(M);
}
- mmap_read_unlock(M);

// The helpers, with the bodies of 5.2's inlines (include/linux/hmm.h),
// after the struct embedding the mirror so that every user sees them.
@add_fault_lock depends on patch && uses_mmap_lock && !(drop_fix || drop_fix_lock) && (vf_param || vf_local || vf_back)@
identifier cont.T, cont.F, names.RF;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static int RF(struct hmm_mirror *mirror, struct mm_struct *mm,
+	      struct hmm_range *range)
+{
+	/*
+	 * hmm_vma_fault(range, true) of Linux 5.2, which 5.3
+	 * removed: fault the range with the requests in
+	 * range->pfns[]; on -EBUSY/-EAGAIN the mmap lock has been
+	 * dropped, as 5.2's hmm_vma_fault() did.
+	 */
+	long ret;
+
+	range->default_flags = 0;
+	range->pfn_flags_mask = -1UL;
+	ret = hmm_range_register(range, mirror, range->start, range->end,
+				 PAGE_SHIFT);
+	if (ret)
+		return (int)ret;
+	if (!hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT)) {
+		mmap_read_unlock(mm);
+		return -EAGAIN;
+	}
+	ret = hmm_range_fault(range, true);
+	if (ret > 0)
+		return 0;
+	if (ret == -EBUSY || !ret)
+		mmap_read_unlock(mm);
+	if (ret == -EBUSY || ret == -EAGAIN || !ret)
+		ret = -EBUSY;
+	hmm_range_unregister(range);
+	return ret;
+}

@add_fault_sem depends on patch && !uses_mmap_lock && !(drop_fix || drop_fix_lock) && (vf_param || vf_local || vf_back)@
identifier cont.T, cont.F, names.RF;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static int RF(struct hmm_mirror *mirror, struct mm_struct *mm,
+	      struct hmm_range *range)
+{
+	/*
+	 * hmm_vma_fault(range, true) of Linux 5.2, which 5.3
+	 * removed: fault the range with the requests in
+	 * range->pfns[]; on -EBUSY/-EAGAIN mmap_sem has been
+	 * dropped, as 5.2's hmm_vma_fault() did.
+	 */
+	long ret;
+
+	range->default_flags = 0;
+	range->pfn_flags_mask = -1UL;
+	ret = hmm_range_register(range, mirror, range->start, range->end,
+				 PAGE_SHIFT);
+	if (ret)
+		return (int)ret;
+	if (!hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT)) {
+		up_read(&mm->mmap_sem);
+		return -EAGAIN;
+	}
+	ret = hmm_range_fault(range, true);
+	if (ret > 0)
+		return 0;
+	if (ret == -EBUSY || !ret)
+		up_read(&mm->mmap_sem);
+	if (ret == -EBUSY || ret == -EAGAIN || !ret)
+		ret = -EBUSY;
+	hmm_range_unregister(range);
+	return ret;
+}


// The helper on 5.3's contract, where the callers' unlock moved under
// their success branch (drop_fix): 0 with the lock held, an error with it
// dropped (the range unregistered on every error: 5.2's left it
// registered after a failed wait).
@add_fault_lock53 depends on patch && uses_mmap_lock && (drop_fix || drop_fix_lock)@
identifier cont.T, cont.F, names.RF;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static int RF(struct hmm_mirror *mirror, struct mm_struct *mm,
+	      struct hmm_range *range)
+{
+	/*
+	 * hmm_vma_fault(range, true) of Linux 5.2, which 5.3
+	 * removed: fault the range with the requests in
+	 * range->pfns[].  Returns 0 with the mmap lock still held, or an
+	 * error with it dropped (-EBUSY: try again).
+	 */
+	long ret;
+
+	range->default_flags = 0;
+	range->pfn_flags_mask = -1UL;
+	ret = hmm_range_register(range, mirror, range->start, range->end,
+				 PAGE_SHIFT);
+	if (ret) {
+		mmap_read_unlock(mm);
+		return (int)ret;
+	}
+	if (!hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT)) {
+		mmap_read_unlock(mm);
+		hmm_range_unregister(range);
+		return -EAGAIN;
+	}
+	ret = hmm_range_fault(range, true);
+	if (ret > 0)
+		return 0;
+	if (ret == -EBUSY || ret == -EAGAIN || !ret)
+		ret = -EBUSY;
+	mmap_read_unlock(mm);
+	hmm_range_unregister(range);
+	return (int)ret;
+}

// The helper on 5.3's contract, where the callers' unlock moved under
// their success branch (drop_fix): 0 with the lock held, an error with it
// dropped (the range unregistered on every error: 5.2's left it
// registered after a failed wait).
@add_fault_sem53 depends on patch && !uses_mmap_lock && (drop_fix || drop_fix_lock)@
identifier cont.T, cont.F, names.RF;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static int RF(struct hmm_mirror *mirror, struct mm_struct *mm,
+	      struct hmm_range *range)
+{
+	/*
+	 * hmm_vma_fault(range, true) of Linux 5.2, which 5.3
+	 * removed: fault the range with the requests in
+	 * range->pfns[].  Returns 0 with mmap_sem still held, or an
+	 * error with it dropped (-EBUSY: try again).
+	 */
+	long ret;
+
+	range->default_flags = 0;
+	range->pfn_flags_mask = -1UL;
+	ret = hmm_range_register(range, mirror, range->start, range->end,
+				 PAGE_SHIFT);
+	if (ret) {
+		up_read(&mm->mmap_sem);
+		return (int)ret;
+	}
+	if (!hmm_range_wait_until_valid(range, HMM_RANGE_DEFAULT_TIMEOUT)) {
+		up_read(&mm->mmap_sem);
+		hmm_range_unregister(range);
+		return -EAGAIN;
+	}
+	ret = hmm_range_fault(range, true);
+	if (ret > 0)
+		return 0;
+	if (ret == -EBUSY || ret == -EAGAIN || !ret)
+		ret = -EBUSY;
+	up_read(&mm->mmap_sem);
+	hmm_range_unregister(range);
+	return (int)ret;
+}

@add_done depends on patch && vrd@
identifier cont.T, cont.F, names.RD;
typedef bool;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static bool RD(struct hmm_range *range)
+{
+	/*
+	 * hmm_vma_range_done() of Linux 5.2, which 5.3 removed:
+	 * whether the range stayed valid (call with the driver's
+	 * lock held), and unregister it.
+	 */
+	bool ret = hmm_range_valid(range);
+
+	hmm_range_unregister(range);
+	return ret;
+}

// The unlock is reached without the result being looked at, or right
// after a block run only on success (if (ret == 0) { ... } up_read()).
@drop_twice depends on patch && !drop_handled && (vf_param || vf_local || vf_back) exists@
identifier names.RF;
expression V, A1, A2, A3, M;
statement S1, S2;
@@
V = RF(A1, A2, A3);
(
... when != V
    when != down_read(&M->mmap_sem)
    when != mmap_read_lock(M)
|
...
if (\(V == 0\|!V\)) S1 else S2
|
...
if (\(V == 0\|!V\)) S1
)
(
+ /* HMM-MIGRATE: the _range_fault() helper that replaced hmm_vma_fault() has dropped mmap_sem when it returned -EBUSY or -EAGAIN, as 5.2's did: unlock here only when it returned 0 or another error, or mmap_sem is released twice */
  up_read(&M->mmap_sem);
|
+ /* HMM-MIGRATE: the _range_fault() helper that replaced hmm_vma_fault() has dropped the mmap lock when it returned -EBUSY or -EAGAIN, as 5.2's did: unlock here only when it returned 0 or another error, or the lock is released twice */
  mmap_read_unlock(M);
)

@compat_api depends on patch@
@@
-#define HMM_COMPAT_API 0x050200
+#define HMM_COMPAT_API 0x050300

// ---- what is left in the 5.2 form: reported in every mode ----

@left@
struct mm_struct *MM;
expression R, S, E, SH, B;
position p;
@@
(
hmm_range_register@p(R, MM, S, E, SH)
|
hmm_vma_fault@p(R, B)
|
hmm_vma_range_done@p(R)
|
hmm_mirror_mm_is_alive@p(...)
)

@left_dev@
identifier f =~ "^hmm_devmem_";
position p;
@@
f@p(...)

@script:python depends on patch@
p << left.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.2-to-5.3: no struct hmm_mirror in reach, a false or non-constant block argument, or an API 5.3 removed without a replacement (hmm_mirror_mm_is_alive); left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on patch@
p << left_dev.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.2-to-5.3: hmm_devmem_* was removed in 5.3 (use devm_memremap_pages() with MEMORY_DEVICE_PRIVATE); left as is\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on report@
p << left.p;
@@
print("%s:%s: 5.2 HMM API form (hmm_range_register by mm, hmm_vma_fault, hmm_vma_range_done or hmm_mirror_mm_is_alive): changed in 5.3" % (p[0].file, p[0].line))

@script:python depends on report@
p << left_dev.p;
@@
print("%s:%s: hmm_devmem_* (5.2): removed in 5.3" % (p[0].file, p[0].line))

@depends on context@
struct mm_struct *MM;
expression R, S, E, SH, B;
identifier f =~ "^hmm_devmem_";
@@
(
* hmm_range_register(R, MM, S, E, SH)
|
* hmm_vma_fault(R, B)
|
* hmm_vma_range_done(R)
|
* hmm_mirror_mm_is_alive(...)
|
* f(...)
)
