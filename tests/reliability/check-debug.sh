#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-debug.sh: `make check-debug`.  Boot the debug kernel of
# debug-kernel.sh (KASAN, lockdep, kmemleak, DEBUG_VM, DEBUG_ATOMIC_SLEEP,
# fault injection) under QEMU and run the whole guest plan on it: every
# glue's module (native, every emulation path, every API generation; the
# generated glues too) through the project's suite and upstream hmm-tests,
# the unit tests, the stress, fuzzing and fault-injection programs; then a
# kmemleak scan.
# Fails on any test failure, any kmemleak report, any KASAN or lockdep
# splat and any warning in the kernel log (tests/harness/parse.sh's rules).
#
# The one exception, by design: the allocation-failure reports (warn_alloc:
# "page allocation failure", "vmalloc error") that hmm_failinj's injected
# failures cause, between its begin and end marks in the log, are counted
# and removed before parsing.  Anything else in that window still fails.
#
# Results: $HB_CACHE/results/debug/ (results.tsv, console.txt, summary.md),
# and the closing line "N passed, N failed, N skipped".
#
# HB_DEBUG_TIMEOUT (seconds, default 5400) bounds the boot.
# The kernel's own lib/test_hmm.c runs last, natively (the reference) and on
# the shim with every emulation forced, through the same hmm-tests.  A test
# the reference fails is the kernel's own defect under this config, not a
# result of this project: it is reported as a skip that says so, in both
# columns when the shim fails it as well.  A test only the shim fails
# is a failure.  HB_DEBUG_REFERENCE=0 leaves the two out.
# HB_DEBUG_FAILINJ_ARGS (default "-N 4000") and the build hook's
# HB_STRESS_ARGS / HB_FUZZ_ARGS set the reliability programs' sizes.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

h=$HB_TOP/tests/harness
"$HB_TOP/tests/reliability/debug-kernel.sh"
rel=$HB_CACHE/debug-kernel/release
get() { sed -n "s/^$1=//p" "$rel"; }
base=$(get BASE)
kdir=$(get KDIR)
vmlinuz=$(get VMLINUZ)
arch=amd64
res=$HB_CACHE/results/debug
bld=$HB_CACHE/build/debug
rm -rf "$res" "$bld"
mkdir -p "$res" "$bld"

# The modules, against the debug tree: every glue (build.sh --kdir builds
# them and the probes into a directory keyed on the tree's path) ...
"$h/build.sh" --kdir "$kdir" >"$bld/glues.log" 2>&1 || {
	tail -n 20 "$bld/glues.log" >&2
	hb_die "building the glues against the debug kernel failed; see $bld/glues.log"
}
kbld=$HB_CACHE/build/kdir-$(echo "$kdir" | cksum | cut -d' ' -f1)
[ -f "$kbld/probes/hb_probes.h" ] ||
	hb_die "build.sh --kdir left no probes in $kbld; has its output directory moved?"
# ... the unit-test modules, which build.sh --kdir built as for the matrix ...
cp "$kbld"/dmirror_*.ko "$kbld"/hb_test_*.ko "$bld/"
# ... and the kernel's own lib/test_hmm.c, built with the tree (TEST_HMM=m),
cp "$kdir/lib/test_hmm.ko" "$bld/" ||
	hb_die "the debug tree has no lib/test_hmm.ko; is CONFIG_TEST_HMM=m" \
		"still in tests/reliability/debug.config?"
# ... the same file unchanged on the shim with every emulation forced
# (test_hmm_shim), and the 5.7 driver's dev_private_owner tests
# (hb_test_devpriv57, hb_test_devpriv57emul): tests/testhmm/Kbuild, as
# tests/harness/build.sh builds them for the matrix; the tree has
# DEVICE_PRIVATE (debug.config).
up=$("$h/upstream.sh" "$base")
for t in shim devpriv57 devpriv57emul; do
	d=$bld/testhmm-$t
	mkdir -p "$d/backport-include/linux"
	ln -s "$HB_TOP/tests/testhmm/Kbuild" "$HB_TOP/tests/testhmm/devpriv57.c" "$d/"
	ln -s "$HB_TOP/backports/backport-include/linux/hmm.h" \
		"$HB_TOP/tests/testhmm/backport-include/linux/mmu_notifier.h" \
		"$d/backport-include/linux/"
	hb_link_compat "$d"
	[ "$t" != shim ] || cp "$up/lib/test_hmm.c" "$up/lib/test_hmm_uapi.h" "$d/"
	"$h/kmake.sh" --kdir "$kdir" M="$d" HB_TESTHMM="$t" \
		HB_PROBES="$kbld/probes" modules >"$d/build.log" 2>&1 ||
		hb_die "building tests/testhmm ($t) against the debug kernel failed; see $d/build.log"
	cp "$d"/*.ko "$bld/"
done

# The guest programs are user space: those of the matrix kernel the debug
# kernel's source comes from (same release, so the same hmm-tests).
# Built again when older than their sources: a stale suite would run
# yesterday's tests on the debug kernel.
if [ ! -x "$HB_CACHE/build/$base/hmm_suite" ] ||
		[ ! -x "$HB_CACHE/build/$base/hmm-tests" ] ||
		[ -n "$(find "$HB_TOP/tests/guest/hmm_suite.c" "$HB_TOP/tests/include" \
			-newer "$HB_CACHE/build/$base/hmm_suite" 2>/dev/null)" ]; then
	"$h/build.sh" "$base" >"$bld/base-build.log" 2>&1 || {
		tail -n 20 "$bld/base-build.log" >&2
		hb_die "building the guest programs of kernel $base failed; see $bld/base-build.log"
	}
fi
cp "$HB_CACHE/build/$base/hmm_suite" "$HB_CACHE/build/$base/hmm-tests" "$bld/"
HB_FAILINJ_ARGS=${HB_DEBUG_FAILINJ_ARGS:--N 4000} \
	"$HB_TOP/tests/reliability/build-hook.sh" "$base" "$bld"
cp "$HB_TOP/tests/reliability/hmm_kmemleak.sh" "$bld/guest-bin/hmm_kmemleak"

# The plan: boot.sh's, framed by a kmemleak clear and a final scan.
"$h/hmm-tests-info.sh" "$(ls "$up"/tools/testing/selftests/*/hmm-tests.c)" \
	>"$res/hmm-tests.info"
excl=$(awk '$2 == "devmem" || $2 == "bench" { n = split($1, p, "."); print "-T " p[n] }' \
	"$res/hmm-tests.info" | sort -u | tr '\n' ' ')
bench=$(awk '$2 == "bench" { n = split($1, p, "."); print "-T " p[n] }' \
	"$res/hmm-tests.info" | sort -u | tr '\n' ' ')
uapi=
grep -q HMM_DMIRROR_MIGRATE_TO_DEV "$up/lib/test_hmm_uapi.h" || uapi=uapi=1
first=$(cd "$bld" && ls dmirror_*.ko | head -n 1)
last=$(cd "$bld" && ls hb_test_*.ko dmirror_*.ko 2>/dev/null | head -n 1)
{
	echo "${first%.ko} hmm_kmemleak clear ;"
	for ko in "$bld"/dmirror_*.ko; do
		m=$(basename "$ko" .ko)
		echo "$m suite"
		echo "$m upstream $excl ; $uapi"
	done
	"$h/pairs.sh" debug "$bld" "$res/excluded.tsv"
	for ko in "$bld"/hb_test_*.ko; do
		[ -f "$ko" ] && echo "$(basename "$ko" .ko) unit ;"
	done
	# Every hmm_failinj last: the DMA API debugging turns itself off for
	# the rest of the boot when an injected failure hits its own
	# allocations ("cacheline tracking ENOMEM, dma-debug disabled", seen
	# in g53's), and the stress and fuzz runs of the glues that map pages
	# for DMA (g53, g54) must be checked by it.
	grep -v ' hmm_failinj ' "$bld/plan.d/reliability.plan" || :
	grep ' hmm_failinj ' "$bld/plan.d/reliability.plan" || :
	echo "${last%.ko} hmm_kmemleak scan ;"
	# The kernel's own lib/test_hmm.c, natively and on the shim, after
	# the kmemleak scan: on 6.12 it leaks its device names at unload
	# (cdev_device_del() without put_device()), which is not this
	# project's code either.
	if [ "${HB_DEBUG_REFERENCE:-1}" != 0 ]; then
		echo "test_hmm upstream $bench ;"
		echo "test_hmm_shim upstream $bench ;"
	fi
} >"$res/plan"

hb_initramfs "$res" "$arch" "$bld/hmm_suite" "$bld/hmm-tests" \
	"$bld"/guest-bin/* "$bld"/*.ko
hb_msg "check-debug: booting $vmlinuz (log: $res/console.txt)"
rc=0
# A big log buffer: the whole dmesg is read at the end, and a splat early
# in the run must not be overwritten by later messages.  A soft lockup or a
# hung task panics, so the stack reaches the console and the run ends
# instead of spinning until the timeout.
hb_qemu "$res" "$arch" "$vmlinuz" "${HB_DEBUG_TIMEOUT:-5400}" \
	log_buf_len=16M softlockup_panic=1 hung_task_panic=1 || rc=$?

# Take out the allocation-failure reports the injected failures cause:
# from a warn_alloc header to the end of its stack dump, only between
# hmm_failinj's marks.
awk -v cnt="$res/failinj-reports" '
/hb-failinj: begin/ { inj = 1 }
/hb-failinj: end/ { inj = 0 }
inj && /(page allocation failure: order:|vmalloc error: size)/ { drop = 1; n++ }
drop { if (/<\/TASK>/) drop = 0; next }
# The boot banner of PROVE_RCU, not a report (parse.sh matches "lockdep").
/^(\[[ 0-9.]+\] )?rcu:[[:space:]]*RCU lockdep checking is enabled\.$/ { next }
{ print }
END { print n + 0 >cnt }
' "$res/console.txt" >"$res/console.parsed"

{
	"$h/parse.sh" debug "$res/console.parsed" "$rc" | awk -F '\t' '
	# The reference column first: what the kernel own module fails.
	{ row[NR] = $0; col[NR] = $2; t[NR] = $3; st[NR] = $4; why[NR] = $5 }
	$2 == "test_hmm:upstream" && $4 == "fail" { native[$3] = $5 }
	END {
		OFS = "\t"
		for (i = 1; i <= NR; i++) {
			if ((col[i] == "test_hmm:upstream" || col[i] == "test_hmm_shim:upstream") &&
			    st[i] == "fail" && (t[i] in native)) {
				print "debug", col[i], t[i], "skip",
					"the kernel own lib/test_hmm.c fails it natively under this config (" native[t[i]] ")"
				continue
			}
			print row[i]
		}
	}'
	cat "$res/excluded.tsv" 2>/dev/null || true
	printf 'debug\tboot\tfailinj allocation-failure reports removed\tpass\t%s warn_alloc reports between the hmm_failinj marks\n' \
		"$(cat "$res/failinj-reports")"
} >"$res/results.tsv"

{
	echo "# hmm-backports: make check-debug"
	echo
	echo "Debug kernel: $vmlinuz ($(get VERSION), built in $(get BUILD_SECONDS) s);"
	echo "boot and plan: $(cat "$res/boot-seconds") s."
	echo
	echo "## Failures"
	echo
	awk -F '\t' '$4 == "fail" { printf "- %s %s: %s\n", $2, $3, $5 }' "$res/results.tsv"
	echo
	echo "## Counts reported by the reliability programs"
	echo
	awk '/^@@HB begin/ { col = $3 ":" $4 } /^# counts:/ { print "- " col " " substr($0, 3) }' \
		"$res/console.txt"
} >"$res/summary.md"
awk -F '\t' '$4 == "fail" { printf "FAIL %s %s: %s\n", $2, $3, $5 }' "$res/results.tsv"
if awk -F '\t' '$2 == "boot" && $4 == "fail" { f = 1 } END { exit !f }' "$res/results.tsv"; then
	echo "last console lines:"
	tail -n 25 "$res/console.txt"
fi
echo "report: $res/summary.md"
awk -F '\t' '{ n[$4]++ }
END {
	printf "%d not applicable (cannot apply to a mirror-only driver, or benchmarks)\n", n["na"]
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0
}' "$res/results.tsv"
