#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# probe-cost.sh ID OUT N: wall time of the compile probes (compat/probe.sh)
# for kernel ID of the matrix, N times each, interleaved:
#
#   cold_j1, cold_j2   an empty OUTDIR, kbuild with -j1 / -j2
#   warm_j1, warm_j2   a second run on the same OUTDIR (the cached answer)
#   serial             the common alternative: one probe at a time, each
#                      compiled by its own kbuild invocation, no cache
#
# probe.sh picks -j from the CPU count; the job count is set here by the
# make wrapper it is given (tests/bench/jmake), which rewrites that -j, so
# probe.sh itself is measured unchanged.  Each cold run's hb_probes.h is
# checked equal to the serial one's answers (a faster wrong answer is not a
# result).  Appends "probes,ID,<variant>,wall_s,<run>,<seconds>" to
# OUT/raw.csv.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: probe-cost.sh ID OUT N}
out=${2:?usage: probe-cost.sh ID OUT N}
n=${3:-3}
mkdir -p "$out"
out=$(cd "$out" && pwd)
kdir=$(hb_release_get "$id" KDIR) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
jmake=$HB_TOP/tests/bench/jmake
w=$out/probes-$id
rm -rf "$w"
mkdir -p "$w"

ns() { date +%s%N; }
secs() { echo "$1 $2" | awk '{ printf "%.4f", ($2 - $1) / 1e9 }'; }
row() { printf 'probes,%s,%s,wall_s,%d,%s\n' "$id" "$1" "$2" "$3" >>"$out/raw.csv"; }

# answers FILE: the HB_HAVE_ lines of a hb_probes.h, sorted.
answers() { grep 'HB_HAVE_' "$1" | sort; }

# serial DIR: every probe on its own, the way a configure script does it.
serial() {
	for _p in "$HB_TOP"/compat/probes/*.c; do
		_n=$(basename "$_p" .c)
		_d=$1/$_n
		mkdir -p "$_d"
		ln -s "$_p" "$_d/probe_$_n.c"
		echo "obj-m := probe_$_n.o" >"$_d/Kbuild"
		HB_BENCH_JOBS=1 "$jmake" "$id" M="$_d" -j1 "probe_$_n.o" \
			>"$_d/build.log" 2>&1 || true
		_m=HB_HAVE_$(echo "$_n" | tr '[:lower:]' '[:upper:]')
		if [ -f "$_d/probe_$_n.o" ]; then
			echo "#define $_m 1"
		else
			echo "/* #undef $_m */"
		fi
	done >"$1/answers"
}

i=1
while [ "$i" -le "$n" ]; do
	for j in 1 2; do
		d=$w/run$i-j$j
		t0=$(ns)
		# The CPU time of the cold run too (the shell's `times`: its
		# children's user + system), which the host's load does not
		# stretch as it does the wall time.
		HB_BENCH_JOBS=$j sh -c '"$@" && times' sh "$HB_TOP/compat/probe.sh" \
			"$d" "$kdir" "$jmake" "$id" >"$d.times" ||
			hb_die "compat/probe.sh failed for kernel $id (cold, -j$j)"
		t1=$(ns)
		printf 'probes,%s,cold_j%s,cpu_s,%d,%s\n' "$id" "$j" "$i" "$(awk 'NR == 2 {
			t = 0
			for (f = 1; f <= 2; f++) { split($f, a, /[ms]/); t += a[1] * 60 + a[2] }
			printf "%.2f", t }' "$d.times")" >>"$out/raw.csv"
		HB_BENCH_JOBS=$j "$HB_TOP/compat/probe.sh" "$d" "$kdir" "$jmake" "$id" ||
			hb_die "compat/probe.sh failed for kernel $id (warm, -j$j)"
		t2=$(ns)
		row "cold_j$j" "$i" "$(secs "$t0" "$t1")"
		row "warm_j$j" "$i" "$(secs "$t1" "$t2")"
	done
	d=$w/run$i-serial
	mkdir -p "$d"
	t0=$(ns)
	serial "$d"
	t1=$(ns)
	row serial "$i" "$(secs "$t0" "$t1")"
	for j in 1 2; do
		[ "$(answers "$w/run$i-j$j/hb_probes.h")" = "$(answers "$d/answers")" ] || {
			diff "$d/answers" "$w/run$i-j$j/hb_probes.h" >&2 || true
			hb_die "compat/probe.sh -j$j and the serial probes disagree for kernel $id (run $i)"
		}
	done
	i=$((i + 1))
done
