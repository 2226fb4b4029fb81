#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh ID: boot kernel ID of the matrix under QEMU (TCG, with a timeout)
# with an initramfs holding busybox, the modules and the static test programs
# built by build.sh, run the guest plan, and turn the serial console into
# $HB_CACHE/results/<id>/results.tsv:
#     <kernel> <column> <test> <pass|fail|skip|na> <reason>
# where a column is "<module>:<suite|upstream|unit>" or "boot".
#
# HB_BOOT_TIMEOUT (seconds, default 1200) bounds one boot.

set -eu
. "$(dirname "$0")/lib.sh"

id=${1:?usage: boot.sh ID}
hb_check_ids "$id"
arch=$(hb_release_get "$id" ARCH)
vmlinuz=$(hb_release_get "$id" VMLINUZ)
bld=$HB_CACHE/build/$id
res=$HB_CACHE/results/$id
timeout=${HB_BOOT_TIMEOUT:-1200}

rm -rf "$res"
mkdir -p "$res"
# What was booted, kept with the results (a report merged from several
# machines' results reads it from there).
hb_release_get "$id" RELEASE >"$res/release" || true
export id

# The plan: every glue's module runs the project's suite and upstream
# hmm-tests, without the tests that need device memory (skipped, with that
# reason); the reference module (where it built) runs all of hmm-tests but
# the benchmarks.
up=$("$HB_TOP/tests/harness/upstream.sh" "$id")
"$HB_TOP/tests/harness/hmm-tests-info.sh" \
	"$(ls "$up"/tools/testing/selftests/*/hmm-tests.c)" >"$res/hmm-tests.info"
excl=$(awk '$2 == "devmem" || $2 == "bench" { n = split($1, p, "."); print "-T " p[n] }' \
	"$res/hmm-tests.info" | sort -u | tr '\n' ' ')
bench=$(awk '$2 == "bench" { n = split($1, p, "."); print "-T " p[n] }' \
	"$res/hmm-tests.info" | sort -u | tr '\n' ' ')
# skipped MODULE CLASS REASON: result lines for the tests of that class not
# run against MODULE: "na" (not applicable), not "skip": they cannot apply
# to it (a mirror-only driver has no device memory; a benchmark is not a
# functional test), where a skip is a test that could have run but for a
# missing kernel feature or resource.
skipped() {
	awk -v m="$1" -v c="$2" -v why="$3" '$2 == c {
		printf "%s\t%s:upstream\t%s\tna\t%s\n", ENVIRON["id"], m, $1, why
	}' "$res/hmm-tests.info" >>"$res/excluded.tsv"
}
uapi=
# hmm-tests before v6.0 use the older ioctl numbering (see the UAPI header).
grep -q HMM_DMIRROR_MIGRATE_TO_DEV "$up/lib/test_hmm_uapi.h" || uapi=uapi=1
{
	for ko in "$bld"/dmirror_*.ko; do
		m=$(basename "$ko" .ko)
		echo "$m suite"
		echo "$m upstream $excl ; $uapi"
		skipped "$m" devmem "needs device memory (migration or exclusive access); not run against this mirror-only driver"
		skipped "$m" bench "a benchmark, not a functional test: speed belongs to make bench"
	done
	# Two modules mirroring one process (the suite's two_modules).
	"$HB_TOP/tests/harness/pairs.sh" "$id" "$bld" "$res/excluded.tsv"
	# Unit-test modules run their tests at load time; one build.sh did
	# not build for a reason (a .status file) is not applicable.
	for ko in "$bld"/hb_test_*.ko; do
		[ -f "$ko" ] && echo "$(basename "$ko" .ko) unit ;"
	done
	for st in "$bld"/hb_test_*.status; do
		[ -f "$st" ] || continue
		m=$(basename "$st" .status)
		printf '%s\t%s:unit\t%s\tna\t%s\n' "$id" "$m" "$m" \
			"$(cat "$st")" >>"$res/excluded.tsv"
	done
	# Jobs added by build hooks (tests/*/build-hook.sh), whose programs
	# are in $bld/guest-bin.
	cat "$bld"/plan.d/*.plan 2>/dev/null || true
	# The kernel's own lib/test_hmm.c: built natively (the reference,
	# test_hmm) and unchanged on the shim with every emulation forced
	# (test_hmm_shim); same hmm-tests run, same results expected, test by
	# test.  Where one did not build (no DEVICE_PRIVATE) every test of its
	# column is not applicable, with the reason build.sh recorded.
	for m in test_hmm test_hmm_shim; do
		if [ -f "$bld/$m.ko" ]; then
			echo "$m upstream $bench ;"
			skipped "$m" bench "a benchmark, not a functional test: speed belongs to make bench"
		else
			st=$bld/reference.status
			[ "$m" = test_hmm ] || st=$bld/reference-shim.status
			why=$(cat "$st" 2>/dev/null || echo "not built")
			for c in mirror devmem bench; do
				skipped "$m" "$c" "lib/test_hmm.c $why"
			done
		fi
	done
} >"$res/plan"

# The initramfs: the static test programs, those of build hooks, modules.
# shellcheck disable=SC2046 # file names without blanks (the cache's)
hb_initramfs "$res" "$arch" "$bld/hmm_suite" "$bld/hmm-tests" \
	$(ls "$bld"/guest-bin/* 2>/dev/null) "$bld"/*.ko

rc=0
hb_qemu "$res" "$arch" "$vmlinuz" "$timeout" || rc=$?

{
	"$HB_TOP/tests/harness/parse.sh" "$id" "$res/console.txt" "$rc"
	cat "$res/excluded.tsv" 2>/dev/null || true
	cat "$bld/build-failures.tsv" 2>/dev/null || true
} >"$res/results.tsv"
