#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-cost.sh ID OUT N: what the compat headers cost a passthrough build
# on kernel ID of the matrix, against the same driver on the kernel's own
# headers, built side by side:
#
#   compat   tests/driver/dmirror_glue_modern.c as it is (<compat/hmm.h>)
#   native   a copy in which <compat/hmm.h> is replaced by
#            <linux/mmu_notifier.h> + <linux/hmm.h>
#
# 1. Object code: `objdump -dr --no-show-raw-insn` of the two glue objects,
#    the file names dropped; identical or a diff (OUT/objdiff-ID-GLUE.txt),
#    for the modern glue, the same saying HMM_COMPAT_API 0x050900, and the
#    ODP-style glue (where the kernel has <linux/hmm-dma.h>).
# 2. Compile time, interleaved compat/native N times each (glue_cc: 4N, it
#    is short and the noise of a shared machine is not):
#    glue_cc      the glue object's own compiler command (from kbuild's
#                 .cmd file, run in the kernel tree): the headers' cost alone
#    module       the whole module through kbuild (`make M=... modules`):
#                 compat = the glue + core + the compat objects the Kbuild
#                 links for today's API (only those the probes find the
#                 kernel lacking: tests/driver/Kbuild); native = glue + core
#                 only
# Appends CSV rows "build,ID,<variant>,<metric>,<run>,<seconds>" and
# "objcode,ID,glue_<name>,identical|differs|n/a,0,<diff lines>" to OUT/raw.csv.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: build-cost.sh ID OUT N}
out=${2:?usage: build-cost.sh ID OUT N}
n=${3:-5}
mkdir -p "$out"
out=$(cd "$out" && pwd)
kdir=$(hb_release_get "$id" KDIR) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
kmake=$HB_TOP/tests/harness/kmake.sh
drv=$HB_TOP/tests/driver
w=$out/build-$id
rm -rf "$w"
mkdir -p "$w"

# The probes' answers (hb_probes.h, included by dmirror.h), once.
"$HB_TOP/compat/probe.sh" "$w/probes" "$kdir" "$kmake" "$id" ||
	hb_die "the compile probes failed for kernel $id"

for v in compat native; do
	d=$w/$v
	mkdir -p "$d"
	for f in Kbuild dmirror.h dmirror_core.c; do
		ln -s "$drv/$f" "$d/$f"
	done
	if [ $v != native ]; then
		ln -s "$drv/dmirror_glue_modern.c" "$d/dmirror_glue_modern.c"
		for f in "$HB_TOP"/compat/*.c; do
			ln -s "$f" "$d/${f##*/}"
		done
	else
		grep -q '^#include <compat/hmm.h>$' "$drv/dmirror_glue_modern.c" ||
			hb_die "tests/driver/dmirror_glue_modern.c no longer includes <compat/hmm.h> on a line of its own; update $0"
		sed 's|^#include <compat/hmm.h>$|#include <linux/mmu_notifier.h>\n#include <linux/hmm.h>|' \
			"$drv/dmirror_glue_modern.c" >"$d/dmirror_glue_modern.c"
	fi
done

# kb VARIANT TARGETS...: kbuild in that variant's directory.  native names
# a DMIRROR_API no compat-objs-* list exists for, so no compat object is
# built.
kb() {
	_v=$1
	shift
	_api=modern
	[ "$_v" != compat ] && _api=native
	"$kmake" "$id" M="$w/$_v" DMIRROR_GLUE=modern DMIRROR_API=$_api \
		HB_PROBES="$w/probes" "$@"
}

# 1. Object code, of three glues: modern (today's API as the newest kernel
# has it: on a kernel before v6.16 the hmm_pfns translation is compiled in,
# so only there it differs), modern59 (the same source saying it is
# written for 5.9's API, HMM_COMPAT_API 0x050900: the kernel's own
# encoding, nothing added on any kernel with today's hmm_range_fault() but
# the two-pass notifier wrapper before v7.1, compat/mmu_interval_finish.h),
# odp (<linux/hmm-dma.h>: compared where the kernel has that header).
cc=$(hb_arch_cc "$(hb_release_get "$id" ARCH)")
objdump=objdump
[ "$cc" = gcc ] || objdump=${cc%gcc}objdump
# objcmp NAME GLUE DEFINE NATIVE: GLUE's object on <compat/hmm.h> (with the
# line DEFINE before it, if any) against the same source with the lines
# NATIVE (\n-separated) in its place; a row "objcode,ID,glue_NAME,...".
objcmp() {
	_o=$w/obj-$1
	for _v in compat native; do
		mkdir -p "$_o/$_v"
		for f in Kbuild dmirror.h dmirror_core.c; do
			ln -sf "$drv/$f" "$_o/$_v/$f"
		done
		if [ $_v = compat ]; then
			_to=${3:+$3\\n}'#include <compat/hmm.h>'
		else
			_to=$4
		fi
		sed "s|^#include <compat/hmm.h>\$|$_to|" "$drv/dmirror_glue_$2.c" \
			>"$_o/$_v/dmirror_glue_$2.c"
		if ! "$kmake" "$id" M="$_o/$_v" DMIRROR_GLUE="$2" \
			DMIRROR_API=native HB_PROBES="$w/probes" \
			"dmirror_glue_$2.o" >"$_o/$_v/build.log" 2>&1; then
			[ $_v = native ] && [ "$1" = odp ] && {
				printf 'objcode,%s,glue_%s,n/a,0,0\n' "$id" "$1" \
					>>"$out/raw.csv"
				return 0
			}
			tail -n 20 "$_o/$_v/build.log" >&2
			hb_die "building the $_v $1 glue object for kernel $id failed; see $_o/$_v/build.log"
		fi
		"$objdump" -dr --no-show-raw-insn "$_o/$_v/dmirror_glue_$2.o" |
			sed '/file format/d; s|'"$_o/$_v"'/||g' >"$_o/$_v.dis"
	done
	_diff=$out/objdiff-$id-$1.txt
	if cmp -s "$_o/compat.dis" "$_o/native.dis"; then
		_same=identical
		: >"$_diff"
	else
		_same=differs
		diff -u "$_o/native.dis" "$_o/compat.dis" >"$_diff" || true
	fi
	printf 'objcode,%s,glue_%s,%s,0,%s\n' "$id" "$1" "$_same" \
		"$(grep -c '^[-+][^-+]' "$_diff" || true)" >>"$out/raw.csv"
}
grep -q '^#include <compat/hmm.h>$' "$drv/dmirror_glue_modern.c" &&
	grep -q '^#include <compat/hmm.h>$' "$drv/dmirror_glue_odp.c" ||
	hb_die "a glue no longer includes <compat/hmm.h> on a line of its own; update $0"
objcmp modern modern '' '#include <linux/mmu_notifier.h>\n#include <linux/hmm.h>'
objcmp modern59 modern '#define HMM_COMPAT_API 0x050900' \
	'#include <linux/mmu_notifier.h>\n#include <linux/hmm.h>'
objcmp odp odp '' \
	'#include <linux/mmu_notifier.h>\n#include <linux/hmm.h>\n#include <linux/hmm-dma.h>\n#include <linux/pci-p2pdma.h>'
# The compile-time runs below use the modern glue's objects.
for v in compat native; do
	kb $v dmirror_glue_modern.o >"$w/$v/build.log" 2>&1 || {
		tail -n 20 "$w/$v/build.log" >&2
		hb_die "building the $v glue object for kernel $id failed; see $w/$v/build.log"
	}
done
# Also the sizes of the sections, for the report's note.
for v in compat native; do
	printf '%s: ' "$v"
	size "$w/$v/dmirror_glue_modern.o" | awk 'NR == 2 { print "text " $1 " data " $2 " bss " $3 }'
done >"$out/objsize-$id.txt"

# cpu() in awk: seconds of a `times` field such as 1m2.500000s.
cpufn='function cpu(s,    a) { split(s, a, /[ms]/); return a[1] * 60 + a[2] }'

# 2. Compile time.  The compiler command kbuild ran, minus objtool (the
# same for both and not the headers' cost), run where kbuild ran it: the
# kernel tree, or (v6.13+, its paths relative) the module's directory.
for v in compat native; do
	_cmd=$(sed -n 's/^\(saved\)\{0,1\}cmd_[^ ]*dmirror_glue_modern\.o := //p' \
		"$w/$v/.dmirror_glue_modern.o.cmd" |
		sed 's/; *\.\/tools\/objtool.*//; s/; *\.\/scripts\/.*//')
	case $_cmd in
	*"$w/$v/dmirror_glue_modern.c"*) _dir=$kdir ;;
	*) _dir=$w/$v ;;
	esac
	[ -z "$_cmd" ] || printf 'cd %s && %s\n' "$_dir" "$_cmd" >"$w/$v/cc.sh"
	[ -s "$w/$v/cc.sh" ] ||
		hb_die "no compiler command in $w/$v/.dmirror_glue_modern.o.cmd (kbuild's .cmd format changed?)"
done
# One loop inside the kernel's build environment (the sid chroot for 7.x)
# so that entering it is not timed.
cat >"$w/time.sh" <<'EOF'
cd "$1" || exit 1
w=$2 n=$3
ns() { date +%s%N; }
i=1
# Alternate which goes first (ABBA...) so that order effects cancel.
while [ "$i" -le "$n" ]; do
	order="compat native"
	[ $((i % 2)) = 0 ] && order="native compat"
	for v in $order; do
		t0=$(ns)
		c=$( (sh "$w/$v/cc.sh" >/dev/null 2>&1 && times) ) ||
			{ echo "compile of $v failed" >&2; exit 1; }
		t1=$(ns)
		echo "$v $i $t0 $t1 $(echo "$c" | tail -n 1)"
	done
	i=$((i + 1))
done
EOF
"$kmake" --exec "$id" sh "$w/time.sh" "$kdir" "$w" "$((n * 4))" >"$w/cc.times" ||
	hb_die "timing the glue compile for kernel $id failed"
awk -v id="$id" "$cpufn"'
	{ printf "build,%s,%s,glue_cc_s,%d,%.4f\n", id, $1, $2, ($4 - $3) / 1e9
	  printf "build,%s,%s,glue_cc_cpu_s,%d,%.4f\n", id, $1, $2, cpu($5) + cpu($6) }' \
	"$w/cc.times" >>"$out/raw.csv"

ns() { date +%s%N; }
i=1
while [ "$i" -le "$n" ]; do
	order="compat native"
	[ $((i % 2)) = 0 ] && order="native compat"
	for v in $order; do
		kb $v clean >/dev/null 2>&1 || true
		t0=$(ns)
		# CPU time too (`times` in a subshell: its children's user and
		# system time), which the load of a shared host stretches less.
		c=$( (kb $v modules >"$w/$v/modules.log" 2>&1 && times) ) || {
			tail -n 20 "$w/$v/modules.log" >&2
			hb_die "building the $v module for kernel $id failed; see $w/$v/modules.log"
		}
		t1=$(ns)
		echo "$t0 $t1 $(echo "$c" | tail -n 1)" | awk -v id="$id" -v v="$v" -v i="$i" "$cpufn"'
			{ printf "build,%s,%s,module_s,%d,%.4f\n", id, v, i, ($2 - $1) / 1e9
			  printf "build,%s,%s,module_cpu_s,%d,%.4f\n", id, v, i, cpu($3) + cpu($4) }' \
			>>"$out/raw.csv"
	done
	i=$((i + 1))
done
