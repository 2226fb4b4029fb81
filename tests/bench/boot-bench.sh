#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# boot-bench.sh ID OUT [BOOT]: one QEMU boot of kernel ID of the matrix
# running tests/bench/hmm_bench against every mirror module of interest, in
# rounds, so that each module is compared with its baseline of the same
# boot and the same round (the order rotates from round to round, so drift
# and position cancel).  The modules (built here, as tests/harness/build.sh
# builds them), each with its baseline:
#
#   dmirror_modern      today's API, native (the baseline of the others)
#   dmirror_emul        the same glue on the forced emulation (interval
#                       notifier + get_user_pages hmm_range_fault)
#   dmirror_moderndma   the modern glue DMA-mapping every fault as the 5.3/5.4
#                       glues do (tests/bench/dmirror_glue_moderndma.c): the
#                       baseline of g53, g54, g54emul
#   dmirror_g52/g53/g54 the old glues through the mirror emulation
#   dmirror_g54emul     the 5.4 glue on the fully forced stack
#   dmirror_nouveau     nouveau-style (an interval notifier per fault window),
#                       native: the baseline of nouveauemul
#   dmirror_nouveauemul the same on the forced emulation
#
# BOOT (default 1) numbers the boot: boot 2 and later reuse boot 1's modules
# and program (OUT/runtime-ID.1/), so that two boots measure the same build.
#
# The clock (HB_BENCH_CLOCK): "icount" (default), the deterministic one:
# QEMU's -icount shift=0,sleep=off (guest time advances one nanosecond per
# guest instruction, and jumps over idle time), -smp 1 (-smp 2 hangs at
# SMP bring-up under icount), no address-space randomisation (nokaslr
# norandmaps), so that a figure counts the work done, whatever the host's
# load; "wall": the guest record of versions as make check boots it, host
# time (QEMU TCG on a shared host: a few % of noise).
#
# Reuses tests/guest/init and its plan format (a job naming a program runs
# /bin/<prog> -m <module> [args]) and the harness's initramfs and QEMU
# steps (hb_initramfs, hb_qemu in tests/harness/lib.sh).  Writes
# OUT/runtime-ID.BOOT/{plan,console.txt,results.tsv} and appends to
# OUT/raw.csv "runtime,ID,<module>,<metric>,<boot>.<round>.<rep>,<value>"
# rows, a "runtime-base,ID,<module>,,,<baseline>" row per module, a
# "runtime-path,ID,<module>,<metric>,,emulated|native" row where hmm_bench
# names the path (churn_ps), and a "runtime-clock,ID,,,<boot>,<clock>" row.
#
# HB_BENCH_ROUNDS (default 3 under icount, 9 on the wall clock),
# HB_BENCH_ARGS (hmm_bench arguments, default "-n 256 -r 15 -c 300"),
# HB_BENCH_MODULES, HB_BENCH_BASELINES (module:baseline words; the others'
# is dmirror_modern), HB_BENCH_TIMEOUT (s, default 1800).

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: boot-bench.sh ID OUT [BOOT]}
out=${2:?usage: boot-bench.sh ID OUT [BOOT]}
boot=${3:-1}
mkdir -p "$out"
out=$(cd "$out" && pwd)
hb_check_ids "$id"
arch=$(hb_release_get "$id" ARCH) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
vmlinuz=$(hb_release_get "$id" VMLINUZ)
clock=${HB_BENCH_CLOCK:-icount}
case $clock in
icount)
	rounds=${HB_BENCH_ROUNDS:-3}
	HB_QEMU_EXTRA="-icount shift=0,sleep=off -smp 1"
	kargs="nokaslr norandmaps"
	;;
wall)
	rounds=${HB_BENCH_ROUNDS:-9}
	HB_QEMU_EXTRA=
	kargs=
	;;
*) hb_die "HB_BENCH_CLOCK is icount or wall, not '$clock'" ;;
esac
export HB_QEMU_EXTRA
args=${HB_BENCH_ARGS:--n 256 -r 15 -c 300}
mods=${HB_BENCH_MODULES:-dmirror_modern dmirror_emul dmirror_moderndma dmirror_g52 dmirror_g53 dmirror_g54 dmirror_g54emul dmirror_nouveau dmirror_nouveauemul}
bases=${HB_BENCH_BASELINES:-dmirror_g53:dmirror_moderndma dmirror_g54:dmirror_moderndma dmirror_g54emul:dmirror_moderndma dmirror_nouveauemul:dmirror_nouveau}
timeout=${HB_BENCH_TIMEOUT:-1800}
res=$out/runtime-$id.$boot
rm -rf "$res"
mkdir -p "$res"
first=$out/runtime-$id.1
kmake=$HB_TOP/tests/harness/kmake.sh
bld=$res/modules
mkdir -p "$bld"

# The modules, built here from the tree as it is (the build directory
# make check uses may be rebuilt under our feet by a concurrent run), the
# way tests/harness/build.sh builds a glue; a later boot takes the first
# boot's.
build_modules() {
	"$HB_TOP/compat/probe.sh" "$bld/probes" "$(hb_release_get "$id" KDIR)" \
		"$kmake" "$id" || hb_die "the compile probes failed for kernel $id"
	have=
	for m in $mods; do
		g=${m#dmirror_}
		src=$HB_TOP/tests/driver/dmirror_glue_$g.c
		# make bench's own glues (not make check's): tests/bench/
		[ -f "$src" ] || src=$HB_TOP/tests/bench/dmirror_glue_$g.c
		[ -f "$src" ] || { hb_msg "bench: no dmirror_glue_$g.c; $m not measured"; continue; }
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
		"$HB_TOP/tests/bench/hmm_bench.c" -lpthread >"$res/hmm_bench.log" 2>&1 || {
		cat "$res/hmm_bench.log" >&2
		hb_die "building hmm_bench for kernel $id failed; see $res/hmm_bench.log"
	}
	echo "$have" >"$res/modules.list"
}

if [ "$boot" = 1 ]; then
	build_modules
else
	[ -f "$first/modules.list" ] ||
		hb_die "no first boot in $first to take the modules from"
	have=$(cat "$first/modules.list")
	for m in $have; do
		cp "$first/modules/$m.ko" "$bld/"
	done
	cp "$first/hmm_bench" "$res/hmm_bench"
	cp "$first/modules.list" "$res/modules.list"
fi

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
# shellcheck disable=SC2086 # kernel arguments, one a word
hb_qemu "$res" "$arch" "$vmlinuz" "$timeout" $kargs || rc=$?
"$HB_TOP/tests/harness/parse.sh" "$id" "$res/console.txt" "$rc" >"$res/results.tsv"

# The figures: "# BENCH <module> <metric> <value>", numbered per module
# and metric as <round>.<repetition> in the order the guest printed them.
{
echo "runtime-clock,$id,,,$boot,$clock"
for m in $have; do
	b=dmirror_modern
	for w in $bases; do
		[ "${w%%:*}" = "$m" ] && b=${w#*:}
	done
	echo "runtime-base,$id,$m,,,$b"
done
awk -v id="$id" -v boot="$boot" -v reps="$(echo "$args" | sed -n 's/.*-r *\([0-9]*\).*/\1/p')" '
	/^# BENCH / {
		k = $3 SUBSEP $4
		n = seen[k]++
		r = reps ? reps : 1
		printf "runtime,%s,%s,%s,%d.%d.%d,%s\n", id, $3, $4, boot, int(n / r) + 1, n % r + 1, $5
	}
	/^# BENCHPATH / && !path[$3, $4]++ {
		printf "runtime-path,%s,%s,%s,,%s\n", id, $3, $4, $5
	}' "$res/console.txt"
} >>"$out/raw.csv"
if [ "$rc" != 0 ] || grep -q '	fail	' "$res/results.tsv"; then
	grep '	fail	' "$res/results.tsv" >&2 || true
	hb_msg "bench: kernel $id's benchmark boot had failures (qemu rc=$rc); see $res/console.txt"
	exit 1
fi
