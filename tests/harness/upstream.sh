#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# upstream.sh ID: extract the kernel's own HMM tests (lib/test_hmm.c, its UAPI
# header, selftests' hmm-tests.c and the kselftest harness) from the
# linux-source package of kernel ID, once per source version, and print the
# directory they are in.  They are read at test time and never committed.

set -eu
. "$(dirname "$0")/lib.sh"

id=${1:?usage: upstream.sh ID}
deb=$(hb_release_get "$id" SOURCE) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
series=$(hb_release_get "$id" SERIES)
ver=$(hb_release_get "$id" VERSION)
dir=$HB_CACHE/upstream/$ver
if [ ! -f "$dir/.done" ]; then
	[ -f "$deb" ] || hb_die "$deb is missing; run 'make kernels REFRESH=1'"
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	# The package holds one tarball; stream it, keep only what we need.
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$series.tar.xz" |
		xz -dc -T0 |
		tar -x -C "$dir.tmp" --strip-components=1 --wildcards \
			"linux-source-$series/lib/test_hmm*" \
			"linux-source-$series/mm/gup_test.h" \
			"linux-source-$series/tools/testing/selftests/kselftest*" \
			"linux-source-$series/tools/testing/selftests/vm/*" \
			"linux-source-$series/tools/testing/selftests/mm/*" \
			2>"$dir.tmp.log" || true
	ls "$dir.tmp"/tools/testing/selftests/*/hmm-tests.c >/dev/null 2>&1 ||
		hb_die "linux-source-$series ($deb) has no hmm-tests.c" \
			"(see $dir.tmp.log)"
	touch "$dir.tmp/.done"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
	rm -f "$dir.tmp.log"
fi

# The donor harness (see selftest-harness in versions).
hd=$HB_CACHE/upstream/harness
if [ ! -f "$hd/.done" ]; then
	hdeb=$HB_CACHE/sources/harness.deb
	[ -f "$hdeb" ] || hb_die "$hdeb is missing; run 'make kernels'"
	hs=$(basename "$(readlink "$hdeb")" | sed 's/^linux-source-\([^_]*\)_.*/\1/')
	rm -rf "$hd.tmp"
	mkdir -p "$hd.tmp"
	dpkg-deb --fsys-tarfile "$hdeb" |
		tar -xO "./usr/src/linux-source-$hs.tar.xz" |
		xz -dc -T0 |
		tar -x -C "$hd.tmp" --strip-components=4 --wildcards \
			"linux-source-$hs/tools/testing/selftests/kselftest*.h"
	[ -f "$hd.tmp/kselftest_harness.h" ] ||
		hb_die "linux-source-$hs has no kselftest_harness.h"
	touch "$hd.tmp/.done"
	rm -rf "$hd"
	mv "$hd.tmp" "$hd"
fi
echo "$dir"
