#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# profile.sh OUT ID: where the time goes in the slow parts make bench
# measured, written to OUT/profile.md (appended to the report):
#
#   - the cold compile probes of kernel ID (-j2): CPU time per program
#     (perf record -e cpu-clock, software clock: works without hardware
#     counters; `perf report --sort comm`)
#   - spatch/migrate over the whole tree: its own per-step timings (--stats
#     log of migrate-cost.sh), and what one spatch start costs per step
#     (spatch on an empty file: parsing the semantic patch and starting
#     Python), times the number of candidate files, since migrate starts
#     one spatch per file and step.
#
# A profiler that does not work here is said so in the report, not an error.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

out=${1:?usage: profile.sh OUT ID}
id=${2:?usage: profile.sh OUT ID}
mkdir -p "$out"
out=$(cd "$out" && pwd)
p=$out/profile
rm -rf "$p"
mkdir -p "$p"
kdir=$(hb_release_get "$id" KDIR) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"

ns() { date +%s%N; }

{
	echo "## Profile"
	echo ""
	echo "### Cold compile probes, kernel $id, -j2 (perf, cpu-clock)"
	echo ""
	if command -v perf >/dev/null 2>&1 &&
			perf record -e cpu-clock -o "$p/perf-probe.data" -- true >/dev/null 2>&1; then
		HB_BENCH_JOBS=2 perf record -e cpu-clock -F 499 -o "$p/perf-probe.data" -- \
			"$HB_TOP/compat/probe.sh" "$p/probes" "$kdir" \
			"$HB_TOP/tests/bench/jmake" "$id" >"$p/perf-probe.log" 2>&1 ||
			hb_die "profiling compat/probe.sh failed; see $p/perf-probe.log"
		echo "| program | share of CPU samples |"
		echo "|---|---|"
		perf report -i "$p/perf-probe.data" --sort comm --stdio -g none 2>/dev/null |
			awk '/^ *[0-9.]+%/ && n < 8 { printf "| %s | %s |\n", $2, $1; n++ }'
		echo ""
		echo "$(ls "$HB_TOP"/compat/probes/*.c | wc -l) probes, each its own translation unit: cc1 parsing the kernel headers again for each is the bulk; nm is kbuild's check-local-export on each object."
	else
		echo "perf does not work on this machine (perf_event_paranoid or no perf): not profiled."
	fi
	echo ""

	log=$out/migrate/whole_migrate_j2-1.log
	if [ -f "$log" ]; then
		echo "### spatch/migrate over the whole tree, -j 2 (its --stats)"
		echo ""
		echo '```'
		grep -E '^(step |stats:)' "$log" || true
		echo '```'
		echo ""
		ncand=$(sed -n 's/^stats: \([0-9]*\) candidate.*/\1/p' "$log" | head -n 1)
		echo 'int hb_bench_empty;' >"$p/empty.c"
		echo "| step | one spatch start, s | × ${ncand:-?} candidates / 2 jobs, s |"
		echo "|---|---|---|"
		for s in "$HB_TOP"/spatch/hmm-*-to-*.cocci; do
			t0=$(ns)
			spatch --sp-file "$s" -D patch --very-quiet "$p/empty.c" >/dev/null 2>&1 || true
			t1=$(ns)
			echo "$(basename "$s" .cocci) $t0 $t1 ${ncand:-0}" |
				awk '{ t = ($3 - $2) / 1e9; printf "| %s | %.2f | %.1f |\n", $1, t, t * $4 / 2 }'
		done
		echo ""
		echo "migrate runs one spatch per candidate file and step (xargs -n 1), so each file pays the"
		echo "semantic patch's parse again; the whole_batched_spatch_j2 row of section 3 is one spatch -j 2"
		echo "--dir per step over the same candidates (a finding for spatch/migrate, not changed here)."
	else
		echo "### spatch/migrate: not measured in this run (no $log)"
	fi
	echo ""
} >"$out/profile.md.tmp"
mv "$out/profile.md.tmp" "$out/profile.md"
