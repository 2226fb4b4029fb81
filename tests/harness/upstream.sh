#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# upstream.sh ID: extract the kernel's own HMM tests (lib/test_hmm.c, its UAPI
# header, selftests' hmm-tests.c and the kselftest harness) from the
# linux-source package of kernel ID, once per source version, and print the
# directory they are in; also the selftest-harness release's kselftest
# headers (see versions).  They are read at test time and never committed.

set -eu
. "$(dirname "$0")/lib.sh"

# extract DEB DIR PATH...: the files matching PATH (relative to the source
# tree's top) from linux-source package DEB into DIR, once.  The package
# holds one tarball; it is streamed and only the wanted files are kept.
extract() {
	_deb=$1 _dir=$2
	shift 2
	[ -f "$_dir/.done" ] && return 0
	[ -f "$_deb" ] || hb_die "$_deb is missing; run 'make kernels REFRESH=1'"
	_s=$(basename "$(readlink -f "$_deb")" | sed 's/^linux-source-\([^_]*\)_.*/\1/')
	rm -rf "$_dir.tmp"
	mkdir -p "$_dir.tmp"
	_pats=
	for _p in "$@"; do
		_pats="$_pats linux-source-$_s/$_p"
	done
	# shellcheck disable=SC2086
	dpkg-deb --fsys-tarfile "$_deb" |
		tar -xO "./usr/src/linux-source-$_s.tar.xz" |
		xz -dc -T0 |
		tar -x -C "$_dir.tmp" --strip-components=1 --wildcards $_pats \
			2>"$_dir.log" || true
	touch "$_dir.tmp/.done"
	rm -rf "$_dir"
	mv "$_dir.tmp" "$_dir"
}

id=${1:?usage: upstream.sh ID}
deb=$(hb_release_get "$id" SOURCE) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
dir=$HB_CACHE/upstream/$(hb_release_get "$id" VERSION)
extract "$deb" "$dir" 'lib/test_hmm*' mm/gup_test.h \
	'tools/testing/selftests/kselftest*' 'tools/testing/selftests/vm/*' \
	'tools/testing/selftests/mm/*'
ls "$dir"/tools/testing/selftests/*/hmm-tests.c >/dev/null 2>&1 ||
	hb_die "$deb has no hmm-tests.c (see $dir.log)"

hd=$HB_CACHE/upstream/harness
extract "$HB_CACHE/sources/harness.deb" "$hd" \
	'tools/testing/selftests/kselftest*.h'
[ -f "$hd/tools/testing/selftests/kselftest_harness.h" ] ||
	hb_die "the selftest-harness package has no kselftest_harness.h" \
		"(see $hd.log)"
echo "$dir"
