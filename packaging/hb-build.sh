#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hb-build.sh [-M SUBDIR] KDIR [KVER]: build the module(s) of this tree (the
# directory this script is in, or its SUBDIR) against the prepared kernel
# tree KDIR: first the compile probes (compat/probe.sh) on that very kernel,
# then kbuild with HB_PROBES pointing at their answers.
#
# Shipped inside the DKMS source trees (the compat package and every tree
# backports/gentree writes) and run by their dkms.conf MAKE line, so the
# probes run at DKMS build time on the target kernel, never at package
# build time.  Also what a generated tree's `make KDIR=...` runs.
#
# The toolchain follows the kernel, not this machine: ARCH comes from the
# kernel's .config unless set; a foreign architecture gets CROSS_COMPILE
# (default aarch64-linux-gnu- for arm64) unless set; CC is the compiler the
# kernel was built with (CONFIG_CC_VERSION_TEXT) if installed, else gcc.
# The probes' answers land in .hb-probes/<KVER>/ of this tree.

set -eu

die() {
	printf 'hb-build.sh: error: %s\n' "$*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
sub=
if [ "${1-}" = -M ]; then
	sub=$2
	shift 2
fi
[ $# -ge 1 ] || die "usage: hb-build.sh [-M SUBDIR] KDIR [KVER]"
kdir=$1
[ -d "$kdir" ] ||
	die "kernel tree '$kdir' does not exist; install the kernel's headers (linux-headers-KVER) or pass the right directory"
kdir=$(cd "$kdir" && pwd)
for f in Makefile .config include/generated/autoconf.h; do
	[ -f "$kdir/$f" ] ||
		die "'$kdir' is not a prepared kernel tree (no $f); install the kernel's headers package or run 'make modules_prepare' in it"
done
kver=${2:-$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
	"$kdir/include/generated/utsrelease.h" 2>/dev/null)}
[ -n "$kver" ] || die "cannot tell the release of '$kdir' (no include/generated/utsrelease.h); pass KVER"

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
kcc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$kdir/.config")
kcc=${kcc#"$cross"}
cc=${cross}gcc
if [ -n "$kcc" ] && command -v "$cross$kcc" >/dev/null 2>&1; then
	cc=$cross$kcc
fi
command -v "$cc" >/dev/null 2>&1 ||
	die "no C compiler '$cc' for kernel '$kver'; install gcc (or the cross compiler for $ARCH)"

set -- make -C "$kdir" CC="$cc"
[ -z "$ARCH" ] || set -- "$@" ARCH="$ARCH"
[ -z "$cross" ] || set -- "$@" CROSS_COMPILE="$cross"

probes=$here/.hb-probes/$kver
sh "$here/compat/probe.sh" "$probes" "$kdir" "$@" ||
	die "the compile probes failed against '$kdir' (see $probes/work/build.log)"

m=$here${sub:+/$sub}
"$@" M="$m" HB_PROBES="$probes" modules ||
	die "building $m against '$kdir' failed (kernel $kver)"
