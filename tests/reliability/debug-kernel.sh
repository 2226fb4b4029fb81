#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh: build the debug kernel of `make debug-kernel` into
# $HB_CACHE/debug-kernel/: Debian's linux-source of kernel HB_DEBUG_BASE of
# the matrix (default 6.12, an amd64 kernel built with this machine's gcc),
# configured `make tinyconfig` + tests/reliability/debug.config (KASAN,
# lockdep, kmemleak, DEBUG_VM, fault injection, SLUB debugging, HMM), built
# with `nice -n 10 make -j$(nproc)`.  Writes $HB_CACHE/debug-kernel/release
# (KDIR, VMLINUZ, VERSION, BUILD_SECONDS) for check-debug.sh.
#
# Everything is cached: the source is unpacked once per package version, the
# tree is reconfigured only when debug.config changes, and a build already
# done for this configuration is not redone.  An interrupted run leaves no
# half-unpacked tree behind (unpacked beside, then renamed); an interrupted
# build is resumed by make.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

base=${HB_DEBUG_BASE:-6.12}
hb_check_ids "$base"
[ "$(hb_kernel_field "$base" 2)" = amd64 ] && [ "$(hb_kernel_field "$base" 7)" = host ] ||
	hb_die "HB_DEBUG_BASE=$base: the debug kernel is built from an amd64" \
		"kernel of the matrix built with this machine's gcc (build 'host'" \
		"in versions); pick one of those, e.g. HB_DEBUG_BASE=6.12"
# A kernel build needs more than make check (whose packages .ci/run-deps
# installs): say what is missing before fetching or unpacking anything.
need=
for t in flex bison bc; do
	command -v "$t" >/dev/null 2>&1 || need="$need $t"
done
# objtool (x86-64's ORC unwinder) reads ELF through libelf.
[ -f /usr/include/gelf.h ] || need="$need libelf-dev"
[ -z "$need" ] ||
	hb_die "building the debug kernel needs:$need; install them" \
		"(apt-get install$need) and run again"

"$HB_TOP/tests/harness/kernels.sh" "$base"
deb=$(hb_release_get "$base" SOURCE)
ver=$(hb_release_get "$base" VERSION)
[ -f "$deb" ] || hb_die "$deb is missing; run 'make kernels REFRESH=1 KERNELS=$base'"
frag=$HB_TOP/tests/reliability/debug.config
top=$HB_CACHE/debug-kernel
dir=$top/linux-$ver
mkdir -p "$top"

if [ ! -f "$dir/.hb-unpacked" ]; then
	hb_msg "debug kernel: unpacking $(basename "$deb") into $dir"
	s=$(dpkg-deb -f "$deb" Package | sed 's/^linux-source-//')
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$s.tar.xz" |
		nice -n 10 xz -dc -T0 | tar -x -C "$dir.tmp" --strip-components=1 ||
		hb_die "unpacking $deb failed (disk full? see the messages above)"
	touch "$dir.tmp/.hb-unpacked"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi

# The configuration, redone when the fragment or the source changes.
key=$(cksum <"$frag" | cut -d' ' -f1)-$ver
if [ "$(cat "$dir/.hb-config-key" 2>/dev/null)" != "$key" ]; then
	hb_msg "debug kernel: configuring (tinyconfig + $frag)"
	rm -f "$dir/.hb-config-key" "$dir/.hb-built-key"
	{
		make -C "$dir" tinyconfig &&
			"$dir/scripts/kconfig/merge_config.sh" -m -O "$dir" \
				"$dir/.config" "$frag" &&
			make -C "$dir" olddefconfig
	} >"$top/config.log" 2>&1 ||
		hb_die "configuring the debug kernel failed; see $top/config.log"
	# Kconfig silently drops an option whose dependencies are not met:
	# every line of the fragment must have landed.
	missing=$(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=\(.*\)$/\1 \2/p' "$frag" |
		while read -r k v; do
			if [ "$v" = n ]; then
				grep -q "^$k=" "$dir/.config" && echo "$k=$v"
			else
				grep -qx "$k=$v" "$dir/.config" || echo "$k=$v"
			fi
		done)
	[ -z "$missing" ] ||
		hb_die "Kconfig dropped these options of $frag:" $missing \
			"; fix their dependencies in the fragment (see" \
			"'make -C $dir menuconfig', search for each)"
	echo "$key" >"$dir/.hb-config-key"
fi

if [ "$(cat "$dir/.hb-built-key" 2>/dev/null)" != "$key" ] ||
		[ ! -f "$dir/arch/x86/boot/bzImage" ]; then
	jobs=${HB_DEBUG_JOBS:-$(hb_nproc)}
	hb_msg "debug kernel: building bzImage and modules (nice -n 10 make -j$jobs; log: $top/build.log)"
	start=$(date +%s)
	nice -n 10 make -C "$dir" -j"$jobs" bzImage modules >"$top/build.log" 2>&1 || {
		tail -n 20 "$top/build.log" >&2
		hb_die "building the debug kernel failed; see $top/build.log"
	}
	end=$(date +%s)
	echo "$((end - start))" >"$top/build-seconds"
	echo "$key" >"$dir/.hb-built-key"
fi

cat >"$top/release.tmp" <<EOR
BASE=$base
VERSION=$ver
KDIR=$dir
VMLINUZ=$dir/arch/x86/boot/bzImage
BUILD_SECONDS=$(cat "$top/build-seconds" 2>/dev/null || echo unknown)
EOR
mv "$top/release.tmp" "$top/release"
hb_msg "debug kernel: $dir/arch/x86/boot/bzImage" \
	"(last full build: $(cat "$top/build-seconds" 2>/dev/null || echo ?) s)"
