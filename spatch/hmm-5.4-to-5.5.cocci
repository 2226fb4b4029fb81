// SPDX-License-Identifier: GPL-2.0
/// Migrate a driver's HMM mirror call sites from the Linux 5.4 API
/// (generation G5 in `versions`) to the 5.5 API (G6): struct hmm_mirror is
/// gone, replaced by the interval notifier (99cb252f5e68 "mm/mmu_notifier:
/// add an interval tree notifier", a22dd506400d "mm/hmm: remove hmm_mirror
/// and related").
///
/// The mirror, one callback for the whole mm, becomes one
/// mmu_interval_notifier over the whole address space (as lib/test_hmm.c
/// does), in the same field, so container_of() and every &x->mirror stay:
///  - the struct hmm_mirror field, parameters and locals become struct
///    mmu_interval_notifier;
///  - the hmm_mirror_ops become mmu_interval_notifier_ops: the
///    sync_cpu_device_pagetables() callback is the invalidate() callback,
///    returning bool (true for 0, false for -EAGAIN) with a cur_seq
///    argument, and calls mmu_interval_set_seq(mni, cur_seq) right after it
///    takes the driver's lock (the lock the fault path holds around
///    read_retry); a release() callback is called from invalidate() on
///    MMU_NOTIFY_RELEASE, the event 5.5 delivers instead;
///  - mirror.ops = &ops is dropped; hmm_mirror_register(m, mm) (called with
///    mmap_sem held for write) becomes mmu_interval_notifier_insert_locked(
///    m, mm, 0, ULONG_MAX & PAGE_MASK, &ops), hmm_mirror_unregister()
///    mmu_interval_notifier_remove();
///  - per range: hmm_range_register(range, m) + its error check becomes
///    range->notifier = m; hmm_range_wait_until_valid() becomes
///    range->notifier_seq = mmu_interval_read_begin(range->notifier) before
///    the fault; hmm_range_valid(range) becomes
///    !mmu_interval_read_retry(range->notifier, range->notifier_seq);
///    hmm_range_unregister() goes;
///  - HMM_COMPAT_API 0x050400 (compat/hmm.h) becomes 0x050500.
/// Reported and left as is: a callback return value other than 0/-EAGAIN,
/// a callback without a recognised lock (the set_seq is then placed first
/// and reported), other uses of hmm_range_register/wait_until_valid,
/// range->valid, struct hmm, hmm_range_dma_map/unmap (removed in 5.5).
//
// Confidence: Moderate
// Options: --include-headers --local-includes
// Comments: part of spatch/migrate (hmm-backports); context and report
//   modes flag the 5.4 forms without changing anything.

virtual patch
virtual context
virtual report

// The callbacks, by their 5.4 signatures: the tables that name them may
// be single structs or arrays of them, one per kind of mirror (amdgpu's
// amdgpu_hmm_mirror_ops[] = { [TYPE] = { ... } }).
@ops@
identifier SYNC, m0, u0;
@@
int SYNC(struct hmm_mirror *m0, const struct mmu_notifier_range *u0) { ... }

@tab@
identifier O, ops.SYNC;
@@
struct hmm_mirror_ops O = { ..., .sync_cpu_device_pagetables = SYNC, ... };

@tabarr@
identifier O, ops.SYNC;
expression I;
@@
struct hmm_mirror_ops O[...] = { ..., [I] = { ..., .sync_cpu_device_pagetables = SYNC, ...}, ...};

@relsig@
identifier REL, m0;
@@
void REL(struct hmm_mirror *m0) { ... }

@rel_tab@
identifier tab.O, relsig.REL;
@@
struct hmm_mirror_ops O = { ..., .release = REL, ... };

@rel_arr@
identifier tabarr.O, relsig.REL;
expression I;
@@
struct hmm_mirror_ops O[...] = { ..., [I] = { ..., .release = REL, ...}, ...};

@rel depends on rel_tab || rel_arr@
identifier relsig.REL;
@@
REL(...) { ... }

// ---- the callback ----

// Only a callback whose every return is 0 or -EAGAIN is converted.
@okret@
identifier ops.SYNC;
position p;
@@
SYNC(...) {
<+...
\(return@p 0;\|return@p -EAGAIN;\)
...+>
}

@badret@
identifier ops.SYNC;
expression E;
position p != okret.p;
@@
SYNC(...) {
<+...
return@p E;
...+>
}

@script:python depends on patch@
p << badret.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.4-to-5.5: the mirror callback returns a value other than 0 or -EAGAIN, which has no bool invalidate() meaning; the mirror is left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@sync depends on patch && !badret@
identifier ops.SYNC, m, u;
typedef bool;
@@
- int SYNC(struct hmm_mirror *m, const struct mmu_notifier_range *u)
+ bool SYNC(struct mmu_interval_notifier *m,
+	   const struct mmu_notifier_range *u, unsigned long cur_seq)
  { ... }

@depends on sync@
identifier ops.SYNC;
@@
SYNC(...) {
<...
(
- return 0;
+ return true;
|
- return -EAGAIN;
+ return false;
)
...>
}

// mmu_interval_set_seq() under the driver's lock: after the blockable
// lock / trylock pair, else after the first lock taken.
@seq_pair depends on sync@
identifier ops.SYNC, sync.m, sync.u;
expression L;
identifier lk =~ "^(mutex_lock|spin_lock|spin_lock_irq|down_write|down_read)$";
identifier tl =~ "^(mutex_trylock|spin_trylock|down_write_trylock|down_read_trylock)$";
statement S;
@@
SYNC(...) {
...
if (mmu_notifier_range_blockable(u))
lk(L);
else if (!tl(L)) S
+ mmu_interval_set_seq(m, cur_seq);
...
}

// A driver helper that takes the lock and fails when it cannot block
// (amdgpu_mn_read_lock(amn, blockable)): after its check.
@seq_helper depends on sync && !seq_pair@
identifier ops.SYNC, sync.m;
identifier lk =~ "lock";
expression list ES;
@@
SYNC(...) {
... when != lk(ES)
if (lk(ES))
	return false;
+ mmu_interval_set_seq(m, cur_seq);
...
}

@seq_first depends on sync && !seq_pair && !seq_helper@
identifier ops.SYNC, sync.m;
expression L;
identifier lk =~ "^(mutex_lock|spin_lock|spin_lock_irq|down_write|down_read)$";
identifier tl =~ "^(mutex_trylock|spin_trylock|down_write_trylock|down_read_trylock)$";
@@
SYNC(...) {
... when != lk(L)
lk(L);
+ mmu_interval_set_seq(m, cur_seq);
...
}

@seq_none depends on sync && !seq_pair && !seq_helper && !seq_first@
identifier ops.SYNC, sync.m;
statement S;
position p;
@@
SYNC@p(...) {
... when != S
+ /* HMM-MIGRATE: no driver lock recognised in this invalidate callback: mmu_interval_set_seq() was put first; move it under the lock the fault path holds around mmu_interval_read_retry() */
+ mmu_interval_set_seq(m, cur_seq);
S
...
}

@script:python depends on seq_none@
p << seq_none.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.4-to-5.5: no driver lock recognised in this invalidate callback: mmu_interval_set_seq() was put first; move it under the lock the fault path holds around mmu_interval_read_retry()\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

// The release callback: 5.5 delivers MMU_NOTIFY_RELEASE to invalidate(),
// checked before the driver's lock is taken (release takes it itself).
@rel_pair depends on sync && rel@
identifier ops.SYNC, relsig.REL, sync.m, sync.u;
expression L;
identifier lk =~ "^(mutex_lock|spin_lock|spin_lock_irq|down_write|down_read)$";
identifier tl =~ "^(mutex_trylock|spin_trylock|down_write_trylock|down_read_trylock)$";
statement S;
@@
SYNC(...) {
...
+ if (u->event == MMU_NOTIFY_RELEASE) {
+	REL(m);
+	return true;
+ }
if (mmu_notifier_range_blockable(u))
lk(L);
else if (!tl(L)) S
...
}

@rel_helper depends on sync && rel && !rel_pair@
identifier ops.SYNC, relsig.REL, sync.m, sync.u;
identifier lk =~ "lock";
expression list ES;
@@
SYNC(...) {
... when != lk(ES)
+ if (u->event == MMU_NOTIFY_RELEASE) {
+	REL(m);
+	return true;
+ }
if (lk(ES))
	return false;
...
}

@rel_first depends on sync && rel && !rel_pair && !rel_helper@
identifier ops.SYNC, relsig.REL, sync.m, sync.u;
expression L;
identifier lk =~ "^(mutex_lock|spin_lock|spin_lock_irq|down_write|down_read)$";
identifier tl =~ "^(mutex_trylock|spin_trylock|down_write_trylock|down_read_trylock)$";
@@
SYNC(...) {
... when != lk(L)
+ if (u->event == MMU_NOTIFY_RELEASE) {
+	REL(m);
+	return true;
+ }
lk(L);
...
}

@rel_none depends on sync && rel && !rel_pair && !rel_helper && !rel_first@
identifier ops.SYNC, relsig.REL;
statement S;
position p;
@@
SYNC@p(...) {
... when != S
+ /* HMM-MIGRATE: the mirror's release() callback is no longer called: 5.5 delivers MMU_NOTIFY_RELEASE to invalidate(); call it here on that event, before the driver's lock is taken */
S
...
}

@script:python depends on rel_none@
p << rel_none.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.4-to-5.5: the mirror's release() callback is no longer called: no driver lock recognised in invalidate() to call it before on MMU_NOTIFY_RELEASE; call it by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

// The release callback is called from invalidate(): declare it first.
// (after the struct embedding the mirror: the callback's own header has
// been rewritten, so nothing there to attach to).
@depends on rel_pair || rel_helper || rel_first@
identifier relsig.REL, T, F;
@@
struct T { ... struct hmm_mirror F; ... };
+
+static void REL(struct mmu_interval_notifier *mni);

@depends on sync && rel_tab@
identifier tab.O, relsig.REL;
@@
struct hmm_mirror_ops O = { ...,
- .release = REL,
  ...};

@depends on sync@
identifier tab.O, ops.SYNC;
@@
- struct hmm_mirror_ops
+ struct mmu_interval_notifier_ops
  O = { ...,
- .sync_cpu_device_pagetables = SYNC,
+ .invalidate = SYNC,
  ...};

@depends on sync && rel_arr@
identifier tabarr.O, relsig.REL;
expression I;
@@
struct hmm_mirror_ops O[...] = { ..., [I] = { ...,
- .release = REL,
 ...}, ...};

@arr_sync depends on sync@
identifier tabarr.O, ops.SYNC;
expression I;
@@
struct hmm_mirror_ops O[...] = { ..., [I] = { ...,
- .sync_cpu_device_pagetables = SYNC,
+ .invalidate = SYNC,
 ...}, ...};

@depends on arr_sync@
identifier tabarr.O;
@@
- struct hmm_mirror_ops
+ struct mmu_interval_notifier_ops
  O[...] = ...;

// ---- the mirror becomes a notifier, everywhere ----

@depends on patch && !badret@
identifier T, F;
@@
struct T { ...
- struct hmm_mirror F;
+ struct mmu_interval_notifier F;
  ... };

@depends on patch && !badret@
identifier fn, x;
@@
fn(...,
- struct hmm_mirror *x
+ struct mmu_interval_notifier *x
 , ...) { ... }

@depends on patch && !badret@
identifier x;
@@
- struct hmm_mirror *x
+ struct mmu_interval_notifier *x
  ;

@depends on patch && !badret@
identifier x;
expression E;
@@
- struct hmm_mirror *x
+ struct mmu_interval_notifier *x
  = E;

@depends on sync@
identifier tab.O;
expression X, R;
@@
(
- X.ops = &O;
|
- R->ops = &O;
)

@depends on sync@
identifier tab.O;
expression M, MM;
@@
- hmm_mirror_register(M, MM)
+ mmu_interval_notifier_insert_locked(M, MM, 0, ULONG_MAX & PAGE_MASK, &O)

// An array of tables: the mirror's .ops = &table[index] before the
// register names the one it inserts with.
@depends on arr_sync@
identifier tabarr.O;
expression X, R, E, MM;
@@
(
- X.ops = &O[E];
  ...
- hmm_mirror_register(&X, MM)
+ mmu_interval_notifier_insert_locked(&X, MM, 0, ULONG_MAX & PAGE_MASK,
+				    &O[E])
|
- R->ops = &O[E];
  ...
- hmm_mirror_register(R, MM)
+ mmu_interval_notifier_insert_locked(R, MM, 0, ULONG_MAX & PAGE_MASK,
+				    &O[E])
)

@depends on patch && !badret@
expression M;
@@
- hmm_mirror_unregister(M)
+ mmu_interval_notifier_remove(M)

// The mm behind the mirror (mirror->hmm->mmu_notifier.mm in 5.4, what the
// 5.3 -> 5.4 step writes for range->vma->vm_mm) is the notifier's own.
@depends on patch && !badret@
expression E;
@@
(
- E->hmm->mmu_notifier.mm
+ E->mm
|
- E.hmm->mmu_notifier.mm
+ E.mm
)

// ---- ranges ----

// hmm_range_register() also took a reference on the mm (mmget_not_zero(),
// failing with -EFAULT) that hmm_range_unregister() dropped: where the
// driver checked its result, the pin is carried (the notifier's mm), and
// every hmm_range_unregister() of the file becomes the mmput().  A bare
// hmm_range_register() statement only sets the notifier; spatch/migrate's
// check then reports a fault path without an mm reference of its own.
@pinned depends on patch@
expression X, R, M, V;
statement S;
@@
(
- V = hmm_range_register(&X, M);
+ X.notifier = M;
+ V = mmget_not_zero(X.notifier->mm) ? 0 : -EFAULT;
  if (V) S
|
- V = hmm_range_register(R, M);
+ R->notifier = M;
+ V = mmget_not_zero(R->notifier->mm) ? 0 : -EFAULT;
  if (V) S
|
+ X.notifier = M;
- if (hmm_range_register(&X, M)) S
+ if (!mmget_not_zero(X.notifier->mm)) S
|
+ R->notifier = M;
- if (hmm_range_register(R, M)) S
+ if (!mmget_not_zero(R->notifier->mm)) S
)

@depends on patch@
expression X, R, M;
@@
(
- hmm_range_register(&X, M);
+ X.notifier = M;
|
- hmm_range_register(R, M);
+ R->notifier = M;
)

@depends on patch && pinned@
expression X, R;
@@
(
- hmm_range_unregister(&X);
+ mmput(X.notifier->mm);
|
- hmm_range_unregister(R);
+ mmput(R->notifier->mm);
)

@depends on patch && !pinned@
expression X, R;
@@
(
- hmm_range_unregister(&X);
|
- hmm_range_unregister(R);
)

// mmget_not_zero()/mmput() are declared in <linux/sched/mm.h>.
@has_sched_mm@
@@
#include <linux/sched/mm.h>

@depends on patch && pinned && !has_sched_mm@
@@
(
#include <linux/hmm.h>
+#include <linux/sched/mm.h>
|
#include <compat/hmm.h>
+#include <linux/sched/mm.h>
)

@depends on patch@
expression X, R, T;
statement S;
@@
(
- if (!hmm_range_wait_until_valid(&X, T)) S
+ X.notifier_seq = mmu_interval_read_begin(X.notifier);
|
- if (!hmm_range_wait_until_valid(R, T)) S
+ R->notifier_seq = mmu_interval_read_begin(R->notifier);
|
- hmm_range_wait_until_valid(&X, T);
+ X.notifier_seq = mmu_interval_read_begin(X.notifier);
|
- hmm_range_wait_until_valid(R, T);
+ R->notifier_seq = mmu_interval_read_begin(R->notifier);
)

@depends on patch@
expression X, R;
@@
(
- hmm_range_valid(&X)
+ !mmu_interval_read_retry(X.notifier, X.notifier_seq)
|
- hmm_range_valid(R)
+ !mmu_interval_read_retry(R->notifier, R->notifier_seq)
)

@compat_api depends on patch@
@@
-#define HMM_COMPAT_API 0x050400
+#define HMM_COMPAT_API 0x050500

// ---- what is left in the 5.4 form ----

@left@
position p;
struct hmm_range *RP;
struct hmm_range X;
identifier I;
@@
(
hmm_range_register@p(...)
|
hmm_range_wait_until_valid@p(...)
|
hmm_range_valid@p(...)
|
hmm_range_unregister@p(...)
|
hmm_mirror_register@p(...)
|
hmm_mirror_unregister@p(...)
|
hmm_range_dma_map@p(...)
|
hmm_range_dma_unmap@p(...)
|
RP->valid@p
|
X.valid@p
)

@left_decl@
position p;
identifier I;
type T = {struct hmm_mirror_ops, struct hmm_mirror, struct hmm *};
@@
T I@p;

@script:python depends on patch@
p << left_decl.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.4-to-5.5: struct hmm_mirror_ops/hmm_mirror/hmm left (no sync_cpu_device_pagetables callback this step could convert); convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on patch@
p << left.p;
@@
import sys
sys.stderr.write("NOT-CONVERTED %s:%s: hmm-5.4-to-5.5: a 5.4 form this step cannot rewrite safely (a mirror callback returning other than 0/-EAGAIN, a range call outside the register/check, wait/retry and unregister patterns, range->valid, struct hmm, or hmm_range_dma_map/unmap, removed in 5.5); left as is, convert by hand\n" % (p[0].file if "cocci_small_output" not in p[0].file else "%s#%s#%d" % (p[0].file, p[0].current_element, int(p[0].line) - int(p[0].current_element_line)), p[0].line))

@script:python depends on report@
p << left.p;
@@
print("%s:%s: 5.4 HMM API form (struct hmm_mirror, hmm_range_register/wait_until_valid/valid/unregister, hmm_range_dma_map): changed in 5.5" % (p[0].file, p[0].line))

@depends on context@
@@
(
* hmm_range_register(...)
|
* hmm_range_wait_until_valid(...)
|
* hmm_range_valid(...)
|
* hmm_range_unregister(...)
|
* hmm_mirror_register(...)
|
* hmm_mirror_unregister(...)
|
* hmm_range_dma_map(...)
|
* hmm_range_dma_unmap(...)
)
