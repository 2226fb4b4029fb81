#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# probe.sh OUTDIR KDIR [MAKE...]: answer every compat/probes/*.c question
# about the prepared kernel tree KDIR and write OUTDIR/hb_probes.h.
#
# MAKE... is the command that runs that tree's make for an external module
# (default: make -C KDIR; add ARCH=, CROSS_COMPILE= as needed); probe.sh
# appends `M=<dir> -k <objects>`.  All probes compile in one
# parallel kbuild pass; a probe whose object builds defines HB_HAVE_<NAME>
# (in hb_probes.h for C, and as `HB_HAVE_<NAME> := y` in hb_probes.mk for
# a Kbuild file).
# The answer is cached in OUTDIR, keyed by everything that can change it
# (the tree's .config and generated headers, the kernel headers the probes
# include, the compiler and its version, the make command line and the
# kbuild flags in the environment, the probes' sources): a repeat run of
# the same build compiles nothing.  A tree that is not prepared for
# external modules is refused before any probe runs.

set -eu

out=${1:?usage: probe.sh OUTDIR KDIR [MAKE...]}
kdir=${2:?usage: probe.sh OUTDIR KDIR [MAKE...]}
shift 2
[ $# -gt 0 ] || set -- make -C "$kdir"
here=$(cd "$(dirname "$0")" && pwd)
# Absolute: kbuild resolves a relative M= against KDIR.
mkdir -p "$out"
out=$(cd "$out" && pwd)
probes=$here/probes
[ -f "$kdir/.config" ] || {
	echo "probe.sh: $kdir has no .config: not a prepared kernel tree." \
		"Point KDIR at the build directory of a configured kernel" \
		"(/lib/modules/<release>/build, from the distro's" \
		"linux-headers / kernel-devel package), or run 'make" \
		"olddefconfig && make modules_prepare' in it" >&2
	exit 1
}

# A half-prepared tree compiles some probes and not others: answers that
# look real and are wrong.  Refuse it before any probe runs.
missing=
for f in include/generated/autoconf.h include/generated/utsrelease.h \
	 include/generated/asm-offsets.h scripts/mod/modpost; do
	[ -e "$kdir/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	echo "probe.sh: $kdir is not prepared for building modules (missing:$missing)." \
		"Run 'make modules_prepare' in it (with its .config), or" \
		"install the distro's headers package for that kernel" \
		"(Debian/Ubuntu: linux-headers-<release>; RHEL: kernel-devel)" >&2
	exit 1
fi
if [ ! -f "$kdir/Module.symvers" ] && [ -z "${KBUILD_MODPOST_WARN-}" ]; then
	echo "probe.sh: $kdir has no Module.symvers: modpost cannot check the" \
		"kernel symbols a module uses (modules_prepare does not" \
		"write it).  Build the kernel once ('make modules' in it)," \
		"or use the distro's headers package (linux-headers-<release>" \
		"/ kernel-devel ships it); or, accepting that the symbols a" \
		"module uses then go unchecked, set KBUILD_MODPOST_WARN=1" >&2
	exit 1
fi

# The compiler the build will use, as named by the make command line or
# the environment (CC=, LLVM=, CROSS_COMPILE=), and its version: a
# different compiler can change an answer.
cc=${CC-}
llvm=${LLVM-}
cross=${CROSS_COMPILE-}
for a in "$@"; do
	case $a in
	CC=*) cc=${a#CC=} ;;
	LLVM=*) llvm=${a#LLVM=} ;;
	CROSS_COMPILE=*) cross=${a#CROSS_COMPILE=} ;;
	esac
done
if [ -z "$cc" ]; then
	if [ -n "$llvm" ]; then cc=clang; else cc=${cross}gcc; fi
fi
ccver=$($cc --version 2>/dev/null | head -n 1 || true)

# Everything that changes an answer: the tree's configuration and
# generated headers, the kernel headers the probes read, the compiler, the
# make command line (ARCH=, KCFLAGS=, -D...), the flags kbuild reads from
# the environment, the probes and this script.
hdrs=
for h in $(sed -n 's/^#include <\(.*\)>$/\1/p' "$probes"/*.c | sort -u); do
	for d in "$kdir/include" "$kdir/source/include"; do
		[ -f "$d/$h" ] && hdrs="$hdrs $d/$h"
	done
done
# shellcheck disable=SC2086
key=$({
	cat "$kdir/.config" "$kdir"/include/generated/*.h $hdrs \
		"$probes"/*.c "$0"
	echo "cc: $cc: $ccver"
	echo "make: $*"
	echo "env: KCFLAGS=${KCFLAGS-} KCPPFLAGS=${KCPPFLAGS-}" \
		"EXTRA_CFLAGS=${EXTRA_CFLAGS-} ARCH=${ARCH-} LLVM=$llvm" \
		"CROSS_COMPILE=$cross"
} 2>/dev/null | cksum | cut -d' ' -f1)
if [ -f "$out/hb_probes.h" ] && [ "$(cat "$out/key" 2>/dev/null)" = "$key" ]; then
	exit 0
fi

work=$out/work
rm -rf "$work"
mkdir -p "$work"
objs=
for p in "$probes"/*.c; do
	n=$(basename "$p" .c)
	ln -s "$p" "$work/probe_$n.c"
	objs="$objs probe_$n.o"
done
# shellcheck disable=SC2086
echo "obj-m := $objs" >"$work/Kbuild"

# One pass, -k: a probe that does not compile is an answer, not an error.
# shellcheck disable=SC2086
"$@" M="$work" -k -j"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)" \
	$objs >"$work/build.log" 2>&1 || true

# A tree that cannot build even the simplest probe is not a prepared tree,
# or not for this compiler: say which, and what to do.
if ! ls "$work"/probe_*.o >/dev/null 2>&1; then
	tail -n 15 "$work/build.log" >&2
	want=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$kdir/.config")
	if grep -q 'not found\|No such file or directory.*gcc\|unrecognized command[- ]line option\|unknown argument' \
			"$work/build.log"; then
		echo "probe.sh: the compiler cannot build modules for $kdir:" \
			"the kernel was built with '${want:-an unknown compiler}'." \
			"Install that compiler, or pass CC=<it> (and the same" \
			"to the driver build), or build where it is (for" \
			"Debian's 7.x kernels: a sid chroot, as" \
			"tests/harness/kmake.sh does).  See $work/build.log" >&2
	else
		echo "probe.sh: no probe compiled against $kdir; is it a" \
			"prepared tree (run 'make modules_prepare' in it) for" \
			"this compiler (the kernel's: '${want:-unknown}')?" \
			"See $work/build.log" >&2
	fi
	exit 1
fi

{
	echo "/* SPDX-License-Identifier: GPL-2.0 */"
	echo "/* Generated by compat/probe.sh for $kdir: do not edit. */"
	echo "#ifndef _HB_PROBES_H"
	echo "#define _HB_PROBES_H"
	for p in "$probes"/*.c; do
		n=$(basename "$p" .c)
		m=HB_HAVE_$(echo "$n" | tr '[:lower:]' '[:upper:]')
		if [ -f "$work/probe_$n.o" ]; then
			echo "#define $m 1"
		else
			echo "/* #undef $m */"
		fi
	done
	echo
	echo "/* The target kernel's own HMM-related configuration (its .config). */"
	for c in HMM_MIRROR MMU_NOTIFIER DEVICE_PRIVATE ZONE_DEVICE HMM \
		 ARCH_HAS_HMM ARCH_HAS_HMM_MIRROR ARCH_HAS_HMM_DEVICE 64BIT; do
		if grep -q "^CONFIG_$c=[ym]" "$kdir/.config"; then
			echo "#define HB_KERNEL_$c 1"
		else
			echo "/* #undef HB_KERNEL_$c */"
		fi
	done
	echo "#endif /* _HB_PROBES_H */"
} >"$out/hb_probes.h.tmp"
# The same answers for a Kbuild file (hb_probes.mk), so that a module links
# only the compat objects this kernel needs.
sed -n 's/^#define \(HB_[A-Z0-9_]*\) 1$/\1 := y/p' "$out/hb_probes.h.tmp" \
	>"$out/hb_probes.mk.tmp"
mv "$out/hb_probes.mk.tmp" "$out/hb_probes.mk"
mv "$out/hb_probes.h.tmp" "$out/hb_probes.h"
echo "$key" >"$out/key"
