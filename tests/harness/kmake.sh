#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kmake.sh ID ARGS...         run make for an external module (ARGS carry
#                             M=...) against kernel ID of the matrix, with
#                             the toolchain its row of versions asks for
# kmake.sh --kdir KDIR ARGS...  the same against a tree of the user's (ARCH,
#                             CROSS_COMPILE, CC come from the environment)
# kmake.sh --exec ID CMD...   run CMD in kernel ID's build environment (the
#                             sid chroot for 7.x, this machine otherwise)

set -eu
. "$(dirname "$0")/lib.sh"

if [ "${1-}" = --kdir ]; then
	kdir=$2
	shift 2
	exec make -C "$kdir" HB_TOP="$HB_TOP" "$@"
fi

in_sid() {
	# In the cached sid chroot, with the same paths inside as outside: the
	# project (and the cache, if it lives elsewhere) bound at their own
	# paths, proc mounted (objtool reads it), a private mount namespace.
	# Parts of the cache that are symlinks to another cache (a git
	# worktree sharing the main tree's downloads and unpacked kernels)
	# are bound at their targets' paths too.
	_links=
	for _l in "$HB_CACHE"/*; do
		if [ -L "$_l" ] && [ "${_l##*/}" != chroot ]; then
			_links="$_links $(readlink -f "$_l")"
		fi
	done
	exec env HB_TOP="$HB_TOP" HB_CACHE="$HB_CACHE" HB_LINKS="$_links" unshare -m sh -c '
		set -e
		ch=$1; shift
		for d in "$HB_TOP" "$HB_CACHE" $HB_LINKS; do
			case $d/ in "$HB_TOP"/?*) continue ;; esac
			if [ -d "$d" ]; then
				mkdir -p "$ch$d"
			else
				mkdir -p "$ch${d%/*}"
				: >>"$ch$d"
			fi
			mount --bind "$d" "$ch$d"
		done
		mount -t proc proc "$ch/proc"
		exec chroot "$ch" "$@"
	' sh "$HB_CACHE/chroot/sid" "$@"
}

if [ "${1-}" = --exec ]; then
	id=$2
	shift 2
	[ "$(hb_release_get "$id" BUILD)" = sid ] && in_sid "$@"
	exec "$@"
fi

id=${1:?usage: kmake.sh ID ARGS... | --kdir KDIR ARGS...}
shift
kdir=$(hb_release_get "$id" KDIR) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
kcc=$(hb_release_get "$id" KCC)
case $(hb_release_get "$id" BUILD) in
host)
	# The kernel's recorded compiler if this machine has it, else the
	# default gcc (5.10 was built with gcc-10, which Debian 12 lacks).
	cc=gcc
	command -v "$kcc" >/dev/null 2>&1 && cc=$kcc
	exec make -C "$kdir" CC="$cc" HB_TOP="$HB_TOP" "$@" ;;
cross)
	exec make -C "$kdir" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		HB_TOP="$HB_TOP" "$@" ;;
sid)
	in_sid make -C "$kdir" HB_TOP="$HB_TOP" "$@" ;;
*)
	hb_die "kernel $id: unknown build kind in versions" ;;
esac
