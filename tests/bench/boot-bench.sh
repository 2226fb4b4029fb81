#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# boot-bench.sh ID OUT: one QEMU boot of kernel ID of the matrix running
# tests/bench/hmm_bench against every mirror module of interest, in rounds,
# so that each module is compared with dmirror_modern of the same boot and
# the same round (the order rotates from round to round, so drift and
# position cancel).  The modules (built here, as tests/harness/build.sh
# builds them):
#
#   dmirror_modern   today's API, native (the baseline)
#   dmirror_emul     the same glue on the forced emulation (interval
#                    notifier + get_user_pages hmm_range_fault)
#   dmirror_g52/g53/g54   the old glues through the mirror emulation
#   dmirror_g54emul  the 5.4 glue on the fully forced stack
#
# Reuses tests/guest/init and its plan format (a job naming a program runs
# /bin/<prog> -m <module> [args]) and the harness's initramfs and QEMU
# steps (hb_initramfs, hb_qemu in tests/harness/lib.sh).  Writes OUT/runtime-ID/{plan,console.txt,
# results.tsv} and appends "runtime,ID,<module>,<metric>,<round>.<rep>,<value>"
# rows to OUT/raw.csv.
#
# HB_BENCH_ROUNDS (default 9), HB_BENCH_ARGS (hmm_bench arguments, default
# "-n 256 -r 15 -c 300"), HB_BENCH_MODULES, HB_BENCH_TIMEOUT (s, default 900).

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: boot-bench.sh ID OUT}
out=${2:?usage: boot-bench.sh ID OUT}
mkdir -p "$out"
out=$(cd "$out" && pwd)
hb_check_ids "$id"
arch=$(hb_release_get "$id" ARCH) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
vmlinuz=$(hb_release_get "$id" VMLINUZ)
rounds=${HB_BENCH_ROUNDS:-9}
args=${HB_BENCH_ARGS:--n 256 -r 15 -c 300}
mods=${HB_BENCH_MODULES:-dmirror_modern dmirror_emul dmirror_g52 dmirror_g53 dmirror_g54 dmirror_g54emul}
timeout=${HB_BENCH_TIMEOUT:-900}
res=$out/runtime-$id
rm -rf "$res"
mkdir -p "$res"

# The modules, built here from the tree as it is (the build directory
# make check uses may be rebuilt under our feet by a concurrent run), the
# way tests/harness/build.sh builds a glue.
kmake=$HB_TOP/tests/harness/kmake.sh
bld=$res/modules
mkdir -p "$bld"
"$HB_TOP/compat/probe.sh" "$bld/probes" "$(hb_release_get "$id" KDIR)" \
	"$kmake" "$id" || hb_die "the compile probes failed for kernel $id"
have=
for m in $mods; do
	g=${m#dmirror_}
	src=$HB_TOP/tests/driver/dmirror_glue_$g.c
	[ -f "$src" ] || { hb_msg "bench: no $src; $m not measured"; continue; }
	d=$bld/$g
	mkdir -p "$d"
	for f in Kbuild dmirror.h dmirror_core.c; do
		ln -s "$HB_TOP/tests/driver/$f" "$d/$f"
	done
	ln -s "$src" "$d/dmirror_glue_$g.c"
	for f in "$HB_TOP"/compat/*.c; do
		ln -s "$f" "$d/${f##*/}"
	done
	api=$(sed -n 's/^#define[	 ]*HMM_COMPAT_API[	 ]*\(0x[0-9a-fA-F]*\).*/\1/p' "$src" | head -n 1)
	if "$kmake" "$id" M="$d" DMIRROR_GLUE="$g" DMIRROR_API="${api:-modern}" \
			HB_PROBES="$bld/probes" modules >"$d/build.log" 2>&1; then
		cp "$d/$m.ko" "$bld/"
		have="$have $m"
	else
		hb_msg "bench: $m did not build for kernel $id (see $d/build.log); not measured"
	fi
done
echo " $have " | grep -q ' dmirror_modern ' ||
	hb_die "kernel $id has no dmirror_modern.ko (the baseline); see $bld/modern/build.log"

cc=$(hb_arch_cc "$arch")
"$HB_TOP/tests/harness/kmake.sh" --exec "$id" "$cc" -static -O2 -Wall -Wextra \
	-Werror -I"$HB_TOP/tests/include" -o "$res/hmm_bench" \
	"$HB_TOP/tests/bench/hmm_bench.c" >"$res/hmm_bench.log" 2>&1 || {
	cat "$res/hmm_bench.log" >&2
	hb_die "building hmm_bench for kernel $id failed; see $res/hmm_bench.log"
}

# The plan: round r runs every module once, the list rotated by r.
# shellcheck disable=SC2086 # one module a word
set -- $have
nm=$#
r=1
while [ "$r" -le "$rounds" ]; do
	k=0
	while [ "$k" -lt "$nm" ]; do
		i=$(((k + r - 1) % nm + 1))
		eval "m=\${$i}"
		echo "$m hmm_bench $args ;"
		k=$((k + 1))
	done
	r=$((r + 1))
done >"$res/plan"

mods_ko=
for m in $have; do
	mods_ko="$mods_ko $bld/$m.ko"
done
# shellcheck disable=SC2086 # a list of paths without blanks
hb_initramfs "$res" "$arch" "$res/hmm_bench" $mods_ko
rc=0
hb_qemu "$res" "$arch" "$vmlinuz" "$timeout" || rc=$?
"$HB_TOP/tests/harness/parse.sh" "$id" "$res/console.txt" "$rc" >"$res/results.tsv"

# The figures: "# BENCH <module> <metric> <value>", numbered per module
# and metric as <round>.<repetition> in the order the guest printed them.
awk -v id="$id" -v reps="$(echo "$args" | sed -n 's/.*-r *\([0-9]*\).*/\1/p')" '
	/^# BENCH / {
		k = $3 SUBSEP $4
		n = seen[k]++
		r = reps ? reps : 1
		printf "runtime,%s,%s,%s,%d.%d,%s\n", id, $3, $4, int(n / r) + 1, n % r + 1, $5
	}' "$res/console.txt" >>"$out/raw.csv"
if [ "$rc" != 0 ] || grep -q '	fail	' "$res/results.tsv"; then
	grep '	fail	' "$res/results.tsv" >&2 || true
	hb_msg "bench: kernel $id's benchmark boot had failures (qemu rc=$rc); see $res/console.txt"
	exit 1
fi
