#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hb-build.sh [--check] [--compat-package] [-M SUBDIR] KDIR [KVER]: build
# the module(s) of this tree (the directory this script is in, or its
# SUBDIR) against the prepared kernel tree KDIR.
#
# First the checks, each failing with one message that names the fix: the
# kernel's headers are there and prepared, a compiler fit for the kernel
# is installed, the kernel has CONFIG_MMU_NOTIFIER (without it nothing can
# mirror a process).  Then the compile probes (compat/probe.sh) on that very
# kernel, or, with --compat-package (a tree gentree wrote to build against
# the installed hmm-backports-dkms), the flags `hmm-backports-config
# --make-flags KVER` prints.  Then kbuild.
#
# --check stops after the checks and probes.  dkms.conf runs it as
# PRE_BUILD, whose output dkms shows on the console (MAKE's goes to
# make.log only), so the reason a build cannot work is seen where the user
# looks; MAKE runs the same checks again (cheap: the probes are cached)
# and stops on the same message.
#
# Shipped inside the DKMS source trees (the compat package and every tree
# backports/gentree writes) and run by their dkms.conf, so the probes run
# at DKMS build time on the target kernel, never at package build time.
# Also what a generated tree's `make KDIR=...` runs.
#
# The toolchain follows the kernel, not this machine: ARCH comes from the
# kernel's .config unless set; a foreign architecture gets CROSS_COMPILE
# (default aarch64-linux-gnu- for arm64) unless set; the compiler is HB_CC
# if set, else the one the kernel was built with (CONFIG_CC_VERSION_TEXT)
# if installed, else gcc if it is not older than the kernel's.  The probes'
# answers land in .hb-probes/<KVER>/ of this tree.

set -eu

die() {
	printf 'hb-build.sh: error: %s\n' "$*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
sub='' check=0 dep=0
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1; shift ;;
	--compat-package) dep=1; shift ;;
	-M) sub=${2:?-M needs a directory}; shift 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || die "usage: hb-build.sh [--check] [--compat-package] [-M SUBDIR] KDIR [KVER]"
kdir=$1
kver_arg=${2-}
hdrs="the kernel's headers (Debian/Ubuntu: linux-headers-${kver_arg:-<release>}, RPM: kernel-devel-${kver_arg:-<release>})"
[ -d "$kdir" ] ||
	die "no kernel headers at '$kdir'${kver_arg:+ for kernel $kver_arg}: install $hdrs, or pass the right directory"
kdir=$(cd "$kdir" && pwd)
for f in Makefile .config include/generated/autoconf.h; do
	[ -f "$kdir/$f" ] ||
		die "'$kdir' is not a prepared kernel tree (no $f): install $hdrs, or run 'make modules_prepare' in that tree"
done
kver=${kver_arg:-$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
	"$kdir/include/generated/utsrelease.h" 2>/dev/null)}
[ -n "$kver" ] || die "cannot tell the release of '$kdir' (no include/generated/utsrelease.h); pass KVER"

# Nothing can mirror a process without MMU notifiers: say so before any
# compiler error does.
grep -q '^CONFIG_MMU_NOTIFIER=y' "$kdir/.config" ||
	die "kernel $kver is built without CONFIG_MMU_NOTIFIER, which the HMM mirror API needs:" \
		"hmm-backports cannot work on it.  Use a kernel built with CONFIG_MMU_NOTIFIER=y" \
		"(CONFIG_HMM_MIRROR=y selects it; every Debian, Ubuntu and RHEL kernel has it)"

# The kernel's architecture, and a cross compiler when it is not ours.
if [ -z "${ARCH-}" ]; then
	if grep -q '^CONFIG_ARM64=y' "$kdir/.config"; then
		ARCH=arm64
	elif grep -q '^CONFIG_X86_64=y' "$kdir/.config"; then
		ARCH=x86
	else
		ARCH=
	fi
fi
case $ARCH/$(uname -m) in
arm64/aarch64 | x86/x86_64 | /*) ;;
arm64/*) CROSS_COMPILE=${CROSS_COMPILE-aarch64-linux-gnu-} ;;
*)
	[ -n "${CROSS_COMPILE-}" ] ||
		die "kernel '$kver' is for $ARCH, this machine is $(uname -m): set CROSS_COMPILE" ;;
esac
cross=${CROSS_COMPILE-}

# The compiler: the kernel's own if installed; else gcc, unless it is older
# than the kernel's (an older gcc does not know the options a newer one
# built the kernel with, and fails with unrelated errors deep in the build).
ktext=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$kdir/.config")
kcc=${ktext%% *}
kcc=${kcc#"$cross"}
kgcc=$(sed -n 's/^CONFIG_GCC_VERSION=\([0-9]*\)$/\1/p' "$kdir/.config")
if [ -n "${HB_CC-}" ]; then
	cc=$HB_CC
	command -v "$cc" >/dev/null 2>&1 ||
		die "HB_CC names '$cc', which is not installed; install it or unset HB_CC"
elif [ -n "$kcc" ] && command -v "$cross$kcc" >/dev/null 2>&1; then
	cc=$cross$kcc
else
	cc=${cross}gcc
	want=${kcc:+$cross$kcc}
	command -v "$cc" >/dev/null 2>&1 ||
		die "no C compiler for kernel $kver: it was built with '${ktext:-an unknown compiler}';" \
			"install ${want:+$want (the kernel's) or }${cross}gcc${cross:+ (the cross compiler for $ARCH)}"
	if [ -n "$kgcc" ] && [ "$kgcc" -gt 0 ]; then
		major=$("$cc" -dumpversion 2>/dev/null | cut -d. -f1)
		case $major in '' | *[!0-9]*) major=0 ;; esac
		[ "$major" -ge $((kgcc / 10000)) ] ||
			die "compiler mismatch for kernel $kver: it was built with '$ktext'," \
				"this machine's $cc is version $major, too old for its build flags." \
				"Install ${want:-gcc-$((kgcc / 10000))} (or set HB_CC to a gcc >= $((kgcc / 10000)))"
	fi
fi

set -- make -C "$kdir" CC="$cc"
[ -z "$ARCH" ] || set -- "$@" ARCH="$ARCH"
[ -z "$cross" ] || set -- "$@" CROSS_COMPILE="$cross"

version=$(awk '$1 == "project" { print $2; exit }' "$here/versions" 2>/dev/null || true)
m=$here${sub:+/$sub}
if [ $dep = 1 ]; then
	# A tree built against the installed compat package: its headers,
	# probes' answers and Module.symvers for this kernel, published by
	# hmm-backports-dkms when it installed hmm_compat for it.
	command -v hmm-backports-config >/dev/null 2>&1 ||
		die "this driver builds against the hmm-backports compat package, which is not installed:" \
			"install hmm-backports-dkms (its package names it as a dependency)"
	flags=$(hmm-backports-config --make-flags "$kver") || exit 1
	[ $check = 0 ] || {
		echo "hb-build.sh: kernel $kver: $cc, hmm-backports $(hmm-backports-config --version) installed for it" >&2
		exit 0
	}
	# shellcheck disable=SC2086
	"$@" M="$m" $flags modules ||
		die "building $m against '$kdir' failed (kernel $kver)"
	exit 0
fi

probes=$here/.hb-probes/$kver
sh "$here/compat/probe.sh" "$probes" "$kdir" "$@" ||
	die "the compile probes failed against '$kdir' (see $probes/work/build.log)"
if [ $check = 1 ]; then
	echo "hb-build.sh: kernel $kver: $cc, compile probes answered ($probes/hb_probes.h)" >&2
	exit 0
fi
# The project version, for hmm_compat's MODULE_VERSION (modinfo).
[ -z "$version" ] || set -- "$@" KCFLAGS="${KCFLAGS:+$KCFLAGS }-DHB_VERSION=$version"
"$@" M="$m" HB_PROBES="$probes" modules ||
	die "building $m against '$kdir' failed (kernel $kver)"
