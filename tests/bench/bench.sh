#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [ID...]: make bench.  Measures, on this machine, what the compat
# layer costs, each figure against its natural baseline in the same run:
#
#   1. run time in the guest (boot-bench.sh, two QEMU boots per kernel,
#      guest time counting guest instructions): each emulation path and old
#      glue against its native baseline, and how far the two boots agree;
#      and the passthrough glue's object code with and without the compat
#      headers (build-cost.sh)
#   2. the compile probes, cold/warm, -j1/-j2, against one probe at a time
#      (probe-cost.sh)
#   3. spatch/migrate over a whole kernel tree against plain spatch --dir
#      (migrate-cost.sh; skipped, saying why, without spatch/migrate)
#   4. the driver's compile time with the compat headers against native
#      (build-cost.sh)
#
# then profiles the slowest of them (profile.sh) and the run-time paths
# of every kernel against their baselines (guest-profile.sh), and writes
# $HB_CACHE/bench/report.md (printed) and raw.csv (every sample).  Nothing
# here asserts a time: a target missed is a "no" in the table.  Kernels:
# the arguments, else the default kernel and the arm64 kernels of versions.
#
# HB_BENCH_BUILD_RUNS (default 5), HB_BENCH_PROBE_RUNS (3),
# HB_BENCH_MIGRATE_RUNS (1), HB_BENCH_BOOTS (run-time boots per kernel, of
# the same build: 2, the report shows how far they agree), HB_BENCH_SKIP
# (words: runtime probes build migrate profile gprofile) tune it; boot-bench.sh
# (HB_BENCH_CLOCK: icount, the deterministic clock, or wall) and
# migrate-cost.sh read theirs.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # one id a word
	set -- "$(hb_default_kernel)" $(hb_records kernel | awk '$2 == "arm64" { print $1 }')
fi
hb_check_ids "$@"
for id in "$@"; do
	[ -f "$HB_CACHE/kernels/$id/release" ] ||
		hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id' first"
done
skip=" ${HB_BENCH_SKIP-} "
here=$(cd "$(dirname "$0")" && pwd)
dest=$HB_CACHE/bench
mkdir -p "$dest"
# A run of its own, renamed into place at the end: a failed or interrupted
# run leaves the previous report as it was.
out=$(mktemp -d "$dest/run.XXXXXX")
trap 'rm -rf "$out"' EXIT
trap 'exit 1' INT TERM HUP
: >"$out/raw.csv"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
failed=

# step NAME CMD...: one measurement; a failure is noted and the rest goes on.
step() {
	_n=$1
	shift
	case $skip in *" ${_n%%:*} "*) return 0 ;; esac
	hb_msg "bench: $_n ..."
	_t0=$(date +%s)
	if "$@"; then
		hb_msg "bench: $_n done in $(($(date +%s) - _t0)) s"
	else
		hb_msg "bench: $_n FAILED"
		echo "note,,,,,$_n failed (see the log above); its figures are missing or partial" >>"$out/raw.csv"
		failed="$failed $_n"
	fi
}

for id in "$@"; do
	step "build:$id" nice -n 10 "$here/build-cost.sh" "$id" "$out" "${HB_BENCH_BUILD_RUNS:-5}"
	step "probes:$id" nice -n 10 "$here/probe-cost.sh" "$id" "$out" "${HB_BENCH_PROBE_RUNS:-3}"
	step "runtime:$id" nice -n 10 "$here/boot-bench.sh" "$id" "$out" 1
done
# The run-time boots again, the same build (boot-bench.sh takes boot 1's
# modules), after the other kernels': how far two runs agree.
b=2
while [ "$b" -le "${HB_BENCH_BOOTS:-2}" ]; do
	for id in "$@"; do
		[ -f "$out/runtime-$id.1/modules.list" ] &&
			step "runtime:$id:$b" nice -n 10 "$here/boot-bench.sh" "$id" "$out" "$b"
	done
	b=$((b + 1))
done
step migrate nice -n 10 "$here/migrate-cost.sh" "$out" "${HB_BENCH_MIGRATE_RUNS:-1}"
step profile nice -n 10 "$here/profile.sh" "$out" "$1"

# gprofile ID: where each emulated path's guest instructions go against its
# baseline's (guest-profile.sh: one boot per module of run 1's build, on
# the deterministic clock), for the report: the why of a target missed.
gprofile() {
	[ -f "$out/runtime-$1.1/modules.list" ] || {
		hb_msg "bench: no run-time build of kernel $1 to profile"
		return 1
	}
	_pairs=$(awk -F, -v id="$1" '
		$1 == "runtime-base" && $2 == id { base[$3] = $6; isbase[$6] = 1 }
		END { for (m in base) if (!(m in isbase)) print m ":" base[m] }' \
		"$out/raw.csv" | sort)
	{
		echo "### Guest instructions per function, kernel $1: each emulated path against its baseline"
		echo ""
		echo "One boot per module (its hmm_bench alone, QEMU -icount, a TCG plugin counting the"
		echo "instructions executed per translation block between hmm_bench's markers around each metric,"
		echo "mapped to functions): the boots differ only in the module, so a function's difference is the"
		echo "module's extra work there; TOTAL is all of a metric's part (its set-up, warm-up and repetitions:"
		echo "a metric's ratio times only its timed calls, so the parts' differences in % are smaller than"
		echo "the ratios' where set-up dominates). Reading the names (the misses of section 1 are these"
		echo "costs): hb_hmm_range_fault, follow_page_*, __get_user_pages: the forced"
		echo "emulation's get_user_pages-based hmm_range_fault() (compat/hmm_range_fault.c) where the kernel"
		echo "walks the page table (hmm_vma_walk_pmd, walk_pgd_range); hb_mni_*: the emulated interval"
		echo "notifier, itself a plain mmu_notifier, so each invalidation also pays the kernel's SRCU and"
		echo "hlist walk (__srcu_read_lock, __mmu_notifier_invalidate_range_end) on top of an interval tree"
		echo "of its own; hmm_compat_fault_encoded, hmm_compat_range_dma_map/_unmap: the 5.2-5.4"
		echo "driver-encoded pfns translated to and from today's per page, and their DMA mapping loops;"
		echo "hmm_compat_invalidate, hmm_compat5x_sync, down_read/up_read: the mirror emulation's one"
		echo "whole-mm notifier calling each mirror's sync callback under mirrors_sem;"
		echo "hmm_compat_range_register/_unregister/_wait_until_valid: the 5.2-5.4 range's life (a 5.3/5.4"
		echo "kernel did that work in its own hmm_range_register()), which today's API, the baseline's,"
		echo "does not have: a cost of the old API, paid once per fault, that fai_us (one page) shows most."
		echo "dmirror_*: the test driver's own code, which differs from glue to glue (the baseline glue's"
		echo "functions are the rows it adds that the module lacks). Work the boots do not share moves a"
		echo "part by some 10^4 instructions either way (blake2s_compress_generic: the entropy pool;"
		echo "rcu_do_batch, *_rcu_free, __slab_free: RCU callbacks falling in one boot's part, not the other's)."
		echo ""
		# shellcheck disable=SC2086 # module:baseline words
		nice -n 10 "$here/guest-profile.sh" "$1" "$out/runtime-$1.1" $_pairs
	} >"$out/gprofile-$1.md.tmp" && mv "$out/gprofile-$1.md.tmp" "$out/gprofile-$1.md" ||
		return 1
	# For the report's why of each miss: per module and metric, the total
	# difference and the five functions that add most, as raw.csv rows
	# "gprofile,ID,module,metric:function,<baseline's count>,<difference>".
	for _w in $_pairs; do
		awk -v id="$1" -v m="${_w%%:*}" '
			$1 != "all" && ($2 == "TOTAL" || ($5 + 0 > 0 && n[$1]++ < 5)) {
				printf "gprofile,%s,%s,%s:%s,%s,%s\n", id, m, $1, $2, $3, $5 + 0
			}' "$out/runtime-$1.1/profile/${_w%%:*}.diff" >>"$out/raw.csv" ||
			return 1
	done
}
for id in "$@"; do
	step "gprofile:$id" gprofile "$id"
done

load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "note,,,,,host load average (1/5/15 min) at the start $load0, at the end $load1; $(hb_nproc) CPUs; kernels $*" >>"$out/raw.csv"
awk -v load="$load0" -v cpus="$(hb_nproc)" -f "$here/report.awk" "$out/raw.csv" >"$out/report.md"
[ -f "$out/profile.md" ] && cat "$out/profile.md" >>"$out/report.md"
for id in "$@"; do
	if [ -f "$out/gprofile-$id.md" ]; then
		cat "$out/gprofile-$id.md" >>"$out/report.md"
	fi
done

# Into place: the report, the raw figures, and the per-step work beside.
rm -rf "$dest/last"
mv "$out" "$dest/last"
trap - EXIT
cp "$dest/last/raw.csv" "$dest/raw.csv.tmp" && mv "$dest/raw.csv.tmp" "$dest/raw.csv"
cp "$dest/last/report.md" "$dest/report.md.tmp" && mv "$dest/report.md.tmp" "$dest/report.md"
cat "$dest/report.md"
hb_msg "bench: report in $dest/report.md, every sample in $dest/raw.csv, work files in $dest/last/"
[ -z "$failed" ] || hb_die "these steps failed:$failed (the report has the rest)"
