#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debroot.sh: the Debian 12 system the packaging chroot test (chroot-check.sh)
# installs hmm-backports-dkms into, with real apt, dpkg and dkms.  Sourced.
#
#   debroot_base        make (once) and print the cached base root tarball
#   debroot_new DIR     unpack a fresh copy of it into DIR
#   debroot_run DIR CMD...  run CMD (sh -c) as root inside DIR: a private
#                       mount namespace, /proc, /dev and /sys bound in
#
# The base: debootstrap --variant=minbase bookworm + dkms and the compiler
# (what `apt-get install dkms` brings), bookworm-security and -updates in
# sources.list, apt's lists, the headers of a first kernel installed (the
# newest 6.1 ABI) and those of a second (the ABI before it, still in the
# archive; 6.12+deb12's headers would pull its image and initramfs-tools)
# downloaded into apt's archive cache but not installed, so the test
# installs them offline.  Their releases are in /hb-kernels.
# Cached as $HB_CACHE/chroot/bookworm-pkg.tar, keyed by this file's
# recipe (the key is in .key beside it); make it again by removing it.
# Building it needs deb.debian.org; nothing of it touches the host system.

DEBROOT_SUITE=bookworm
DEBROOT_PKGS=dkms,gcc,make,libc6-dev,kmod,xz-utils,ca-certificates
DEBROOT_RECIPE="v2 $DEBROOT_SUITE $DEBROOT_PKGS k1=newest-6.1.0-N-amd64 k2=previous-6.1.0-N-amd64"

debroot_run() {
	_r=$1
	shift
	nice -n 10 unshare -m sh -c '
		set -e
		r=$1; shift
		for d in proc dev sys; do mkdir -p "$r/$d"; done
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mount --make-rslave "$r/dev"
		mount --rbind /sys "$r/sys"
		mount --make-rslave "$r/sys"
		exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
			TERM=dumb sh -c "$*"
	' sh "$_r" "$@"
}

debroot_base() {
	_tar=$HB_CACHE/chroot/bookworm-pkg.tar
	if [ -f "$_tar" ] && [ "$(cat "$_tar.key" 2>/dev/null)" = "$DEBROOT_RECIPE" ]; then
		echo "$_tar"
		return 0
	fi
	command -v debootstrap >/dev/null 2>&1 ||
		hb_die "debootstrap is needed for the packaging chroot test: apt-get install debootstrap"
	_uri=$(hb_records archive | awk '$1 == "bookworm" { print $2 }')
	_sec=$(hb_records archive | awk '$1 == "bookworm-security" { print $2 }')
	_b=$HB_CACHE/chroot/bookworm-pkg.tmp
	rm -rf "$_b" "$_tar.tmp"
	mkdir -p "$_b"
	hb_msg "chroot: debootstrap $DEBROOT_SUITE with dkms into $_b (once, a few minutes)"
	nice -n 10 debootstrap --variant=minbase --include="$DEBROOT_PKGS" \
		"$DEBROOT_SUITE" "$_b" "$_uri" >"$HB_CACHE/chroot/bookworm-pkg.log" 2>&1 ||
		hb_die "debootstrap of $DEBROOT_SUITE failed; see $HB_CACHE/chroot/bookworm-pkg.log"
	cat >"$_b/etc/apt/sources.list" <<EOS
deb $_uri $DEBROOT_SUITE main
deb $_uri $DEBROOT_SUITE-updates main
deb $_sec $DEBROOT_SUITE-security main
EOS
	# Keep the .debs apt downloads: the test installs offline from them.
	echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' \
		>"$_b/etc/apt/apt.conf.d/90hb-keep"
	echo 'APT::Install-Recommends "false";' >"$_b/etc/apt/apt.conf.d/90hb-norecommends"
	debroot_run "$_b" '
		set -e
		apt-get update -q
		k1=$(apt-cache pkgnames linux-headers-6.1.0- | grep -E "^linux-headers-6\.1\.0-[0-9]+-amd64\$" | sort -V | tail -n 1)
		k2=$(apt-cache pkgnames linux-headers-6.1.0- | grep -E "^linux-headers-6\.1\.0-[0-9]+-amd64\$" | sort -V | tail -n 2 | head -n 1)
		[ -n "$k1" ] && [ -n "$k2" ] && [ "$k1" != "$k2" ] || { echo "no two 6.1 ABIs of headers in the archive" >&2; exit 1; }
		apt-get install -y -q "$k1"
		apt-get install -y -q --download-only "$k2"
		printf "K1=%s\nK2=%s\n" "${k1#linux-headers-}" "${k2#linux-headers-}" >/hb-kernels
	' >>"$HB_CACHE/chroot/bookworm-pkg.log" 2>&1 ||
		hb_die "preparing the $DEBROOT_SUITE root (apt, kernel headers) failed; see $HB_CACHE/chroot/bookworm-pkg.log"
	(cd "$_b" && tar cf "$_tar.tmp" --numeric-owner .) ||
		hb_die "cannot write $_tar.tmp"
	rm -rf "$_b"
	mv "$_tar.tmp" "$_tar"
	echo "$DEBROOT_RECIPE" >"$_tar.key"
	echo "$_tar"
}

debroot_new() {
	rm -rf "$1"
	mkdir -p "$1"
	tar xf "$(debroot_base)" -C "$1" --numeric-owner
}
