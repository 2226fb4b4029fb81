#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh [--refresh] [ID...]: fetch and unpack the real Debian kernel
# builds of the matrix in `versions` into $HB_CACHE/kernels/<id>/.
#
# Packages come from the Debian archive through a private apt configuration
# (own sources list, state and cache under $HB_CACHE/apt): /etc/apt is never
# read or edited and nothing is installed system-wide.  Each kernel is
# resolved to the newest build in its suite at run time, downloaded with
# `apt-get download`, unpacked with `dpkg -x` and fixed up so that the headers
# directory works as KDIR for an external module build.  A kernel already in
# the cache is reused without any network access unless --refresh is given.

set -eu
. "$(dirname "$0")/lib.sh"

refresh=0
if [ "${1-}" = --refresh ]; then
	refresh=1
	shift
fi
[ $# -gt 0 ] || set -- $(hb_kernel_ids)
hb_check_ids "$@"

APTDIR=$HB_CACHE/apt

apt_opts() {
	echo "-q -o Dir::Etc::sourcelist=$APTDIR/sources.list" \
		"-o Dir::Etc::sourceparts=- -o Dir::State=$APTDIR/state" \
		"-o Dir::State::status=$APTDIR/status -o Dir::Cache=$APTDIR/cache" \
		"-o Dir::Etc::preferences=$APTDIR/preferences" \
		"-o Dir::Etc::preferencesparts=$APTDIR/preferences.d" \
		"-o APT::Architecture=amd64 -o APT::Architectures::=amd64" \
		"-o APT::Architectures::=arm64 -o APT::Sandbox::User=root" \
		"-o Acquire::Retries=3"
}

# The private apt configuration: one sources list for every suite named in
# `versions`, both architectures, the archive keyring.
apt_setup() {
	mkdir -p "$APTDIR/state/lists/partial" "$APTDIR/cache/archives/partial" \
		"$APTDIR/preferences.d"
	: >"$APTDIR/status"
	: >"$APTDIR/preferences"
	hb_records archive | while read -r suite uri; do
		echo "deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main"
	done >"$APTDIR/sources.list.new"
	mv "$APTDIR/sources.list.new" "$APTDIR/sources.list"
}

apt_updated=0
apt_update() {
	[ $apt_updated = 1 ] && return 0
	[ -r /usr/share/keyrings/debian-archive-keyring.gpg ] ||
		hb_die "the Debian archive keyring is missing;" \
			"install it: apt-get install debian-archive-keyring"
	apt_setup
	hb_msg "apt: updating the private package lists ($APTDIR)"
	# shellcheck disable=SC2046
	apt-get $(apt_opts) update >"$APTDIR/update.log" 2>&1 ||
		hb_die "apt-get update of the private sources failed" \
			"(see $APTDIR/update.log); check network access to" \
			"$(hb_records archive | awk '{ print $2 }' | sort -u | tr '\n' ' ')"
	apt_updated=1
}

# pkg_field PKG[:ARCH] FIELD: a control field of the candidate version.
pkg_field() {
	# shellcheck disable=SC2046
	apt-cache $(apt_opts) show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n 1
}

# download DIR SUITE PKG[:ARCH]...: fetch into DIR, naming the package and
# the suite when one cannot be had.
download() {
	_dir=$1 _suite=$2
	shift 2
	for _p in "$@"; do
		if ! (cd "$_dir" &&
		      # shellcheck disable=SC2046
		      apt-get $(apt_opts) download "$_p" >>"$_dir/download.log" 2>&1); then
			hb_die "could not download package $_p (suite $_suite)" \
				"from $(hb_records archive | awk -v s="$_suite" '$1 == s { print $2 }');" \
				"see $_dir/download.log.  If the archive dropped it, run" \
				"'make kernels REFRESH=1' to resolve the newest build again."
		fi
	done
}

# fetch_busybox ARCH: a static busybox for the guest's initramfs.
fetch_busybox() {
	_bb=$HB_CACHE/busybox/$1
	[ -x "$_bb/bin/busybox" ] && return 0
	apt_update
	rm -rf "$_bb.tmp"
	mkdir -p "$_bb.tmp/debs"
	download "$_bb.tmp/debs" bookworm "busybox-static:$1"
	dpkg -x "$_bb.tmp"/debs/busybox-static_*.deb "$_bb.tmp/root"
	mkdir -p "$_bb.tmp/bin"
	_f=$(ls "$_bb.tmp"/root/bin/busybox "$_bb.tmp"/root/usr/bin/busybox \
		2>/dev/null | head -n 1)
	[ -n "$_f" ] || hb_die "busybox-static:$1 holds no busybox binary"
	mv "$_f" "$_bb.tmp/bin/busybox"
	rm -rf "$_bb.tmp/root" "$_bb.tmp/debs"
	rm -rf "$_bb"
	mv "$_bb.tmp" "$_bb"
}

# fetch_source VERSION SERIES: linux-source-SERIES of exactly VERSION, kept
# as the .deb; the harness extracts only the files it needs (tests/harness/
# upstream.sh), so the 130-170 MB tarball is never unpacked whole.
fetch_source() {
	_src=$HB_CACHE/sources
	mkdir -p "$_src"
	for _f in "$_src"/linux-source-"$2"_"$1"_all.deb; do
		[ -f "$_f" ] && return 0
	done
	download "$_src" "$3" "linux-source-$2=$1"
}

# fetch_harness: the linux-source package whose kselftest harness builds the
# hmm-tests of kernels whose own harness cannot exclude tests (versions).
fetch_harness() {
	_src=$HB_CACHE/sources
	[ -f "$_src/harness.deb" ] && return 0
	set -- $(hb_records selftest-harness)
	apt_update
	mkdir -p "$_src"
	download "$_src" "$2" "$1"
	ln -sf "$(cd "$_src" && ls "$1"_*_all.deb | sort -V | tail -n 1)" \
		"$_src/harness.deb"
}

# sid_chroot: a Debian sid chroot with gcc >= 14 and glibc >= 2.38, for the
# kernels Debian 12's toolchain cannot build modules for (7.x).
sid_chroot() {
	_ch=$HB_CACHE/chroot/sid
	_cc=$(sed -n 's/^KCC=//p' "$1")
	[ -n "$_cc" ] || hb_die "no compiler recorded in $1"
	# pahole: BTF for modules; xz: compressed modules.
	_pkgs="$_cc,make,libc6-dev,libelf1t64,kmod,cpio,xz-utils,dwarves"
	[ "$(cat "$_ch/.ready" 2>/dev/null)" = "$_pkgs" ] && return 0
	command -v debootstrap >/dev/null ||
		hb_die "debootstrap is needed to build for the 7.x kernel;" \
			"install it: apt-get install debootstrap"
	_uri=$(hb_records archive | awk '$1 == "sid" { print $2 }')
	hb_msg "chroot: debootstrap sid with $_cc into $_ch (once, ~30 s)"
	rm -rf "$_ch"
	mkdir -p "$(dirname "$_ch")"
	debootstrap --variant=minbase \
		--include="$_pkgs" \
		sid "$_ch" "$_uri" >"$HB_CACHE/chroot/debootstrap.log" 2>&1 ||
		hb_die "debootstrap of sid failed (see" \
			"$HB_CACHE/chroot/debootstrap.log)"
	ln -sf "$_cc" "$_ch/usr/bin/gcc"
	echo "$_pkgs" >"$_ch/.ready"
}

# fetch_kernel ID: resolve, download, unpack, fix up.
fetch_kernel() {
	id=$1
	dir=$HB_CACHE/kernels/$id
	if [ $refresh = 0 ] && [ -f "$dir/release" ]; then
		hb_msg "kernel $id: cached ($(hb_release_get "$id" RELEASE))"
		if [ "$(hb_kernel_field "$id" 7)" = sid ]; then
			sid_chroot "$dir/release"
		fi
		return 0
	fi
	arch=$(hb_kernel_field "$id" 2)
	suite=$(hb_kernel_field "$id" 3)
	abire=$(hb_kernel_field "$id" 4)
	flavour=$(hb_kernel_field "$id" 5)
	layout=$(hb_kernel_field "$id" 6)
	build=$(hb_kernel_field "$id" 7)
	apt_update

	# shellcheck disable=SC2046
	hdr=$(apt-cache $(apt_opts) pkgnames linux-headers- |
	      grep -E "^linux-headers-($abire)-$flavour\$" | sort -V | tail -n 1)
	[ -n "$hdr" ] ||
		hb_die "kernel $id: no package matching" \
			"linux-headers-$abire-$flavour in suite $suite;" \
			"fix the kernel row of versions"
	abi=${hdr#linux-headers-}
	abi=${abi%-"$flavour"}
	ver=$(pkg_field "$hdr:$arch" Version)
	deps=$(pkg_field "$hdr:$arch" Depends)
	kbuild=$(echo "$deps" | tr ',' '\n' | sed -n 's/^ *\(linux-kbuild-[^ ]*\).*/\1/p')
	kcc=$(echo "$deps" | grep -o 'gcc-[0-9]*' | head -n 1)
	series=$(echo "$ver" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
	release=$abi-$flavour
	hb_msg "kernel $id: $release ($ver) from $suite"

	case $layout in
	image) image="linux-image-$release-unsigned:$arch" ;;
	split) image="linux-base-$release:$arch linux-binary-unsigned-$release:$arch linux-modules-$release:$arch" ;;
	*) hb_die "kernel $id: unknown image layout '$layout' in versions" ;;
	esac

	tmp=$dir.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp/debs"
	# The kbuild host tools are always amd64: they run on this machine,
	# also when cross-building for arm64.
	# shellcheck disable=SC2086
	download "$tmp/debs" "$suite" "$hdr:$arch" \
		"linux-headers-$abi-common" "$kbuild:amd64" $image
	fetch_source "$ver" "$series" "$suite"

	for deb in "$tmp"/debs/*.deb; do
		dpkg -x "$deb" "$tmp/root"
	done
	rm -rf "$tmp/debs"/*.deb

	kdir=$tmp/root/usr/src/linux-headers-$release
	[ -f "$kdir/Makefile" ] ||
		hb_die "kernel $id: $hdr has no usr/src/linux-headers-$release"
	# The flavour Makefile includes the -common one by its installed
	# absolute path (7.x also sets KBUILD_OUTPUT that way): point those at
	# the unpacked tree.
	sed -i "s|/usr/src/|$dir/root/usr/src/|g" "$kdir/Makefile"
	# Cross builds run the amd64 kbuild tools: the arm64 headers' links
	# name the kbuild directory by its installed path; redirect them.
	for l in scripts tools; do
		t=$(readlink "$kdir/$l" 2>/dev/null) || continue
		case $t in
		/*) ln -sfn "$dir/root$t" "$kdir/$l" ;;
		esac
	done

	vmlinuz=$(find "$tmp/root/boot" "$tmp/root/usr/lib/modules/$release" \
		-maxdepth 1 -name 'vmlinuz*' 2>/dev/null | head -n 1)
	config=$(find "$tmp/root/boot" "$tmp/root/usr/lib/modules/$release" \
		"$kdir" -maxdepth 1 \( -name 'config-*' -o -name 'config' -o \
		-name .config \) 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || hb_die "kernel $id: no vmlinuz in $image"
	[ -n "$config" ] || hb_die "kernel $id: no kernel config in $image"
	src=$(ls "$HB_CACHE"/sources/linux-source-"$series"_"$ver"_all.deb)

	{
		echo "ID=$id"
		echo "ARCH=$arch"
		echo "SUITE=$suite"
		echo "RELEASE=$release"
		echo "VERSION=$ver"
		echo "SERIES=$series"
		echo "BUILD=$build"
		echo "KCC=$kcc"
		echo "KDIR=$dir/root/usr/src/linux-headers-$release"
		echo "VMLINUZ=$dir${vmlinuz#"$tmp"}"
		echo "CONFIG=$dir${config#"$tmp"}"
		echo "SOURCE=$src"
		echo "PACKAGES=$hdr linux-headers-$abi-common $kbuild $image linux-source-$series"
	} >"$tmp/release"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	if [ "$build" = sid ]; then
		sid_chroot "$dir/release"
	fi
}

fetch_harness
for id in "$@"; do
	fetch_kernel "$id"
	fetch_busybox "$(hb_kernel_field "$id" 2)"
done
