#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh [ID]: the kernel-style checks of the project's kernel code:
# checkpatch.pl --strict (taken from the selftest-harness linux-source
# package in the cache, never committed) over compat/ and
# tests/{driver,unit,testhmm},
# then a W=1 C=2 (sparse) build of every module against kernel ID (default:
# the default kernel) with any warning reported.  Exit status 1 on findings.

set -eu
. "$(dirname "$0")/lib.sh"

id=${1:-$(hb_default_kernel)}
"$HB_TOP/tests/harness/kernels.sh" "$id" >/dev/null
command -v sparse >/dev/null ||
	hb_die "sparse is not installed: apt-get install sparse"

cp=$HB_CACHE/upstream/checkpatch
if [ ! -f "$cp/.done" ] || [ ! -f "$cp/scripts/kernel-doc" ]; then
	deb=$HB_CACHE/sources/harness.deb
	s=$(basename "$(readlink -f "$deb")" | sed 's/^linux-source-\([^_]*\)_.*/\1/')
	rm -rf "$cp.tmp"
	mkdir -p "$cp.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$s.tar.xz" |
		xz -dc -T0 | tar -x -C "$cp.tmp" --strip-components=1 --wildcards \
		"linux-source-$s/scripts/checkpatch.pl" \
		"linux-source-$s/scripts/spelling.txt" \
		"linux-source-$s/scripts/const_structs.checkpatch" \
		"linux-source-$s/scripts/kernel-doc"
	touch "$cp.tmp/.done"
	rm -rf "$cp"
	mv "$cp.tmp" "$cp"
fi

bad=0
files=$(cd "$HB_TOP" && ls compat/*.c compat/include/compat/*.h \
	compat/probes/*.c tests/driver/*.c tests/driver/*.h tests/unit/*.[ch] \
	tests/testhmm/*.c tests/testhmm/backport-include/linux/*.h \
	tests/include/*.h)
# shellcheck disable=SC2086
(cd "$HB_TOP" && perl "$cp/scripts/checkpatch.pl" --strict --no-tree \
	--terse --show-types -f $files) >"$HB_CACHE/lint-checkpatch.log" 2>&1 || true
if grep -v ' 0 errors, 0 warnings, 0 checks' "$HB_CACHE/lint-checkpatch.log" |
		grep -q .; then
	grep -v ' 0 errors, 0 warnings, 0 checks' "$HB_CACHE/lint-checkpatch.log"
	bad=1
fi

# kernel-doc: every documented function of the compat layer and the test
# driver parses, with its parameters and return value described.
(cd "$HB_TOP" && perl "$cp/scripts/kernel-doc" -none -Wall $files) \
	>"$HB_CACHE/lint-kernel-doc.log" 2>&1 || true
if grep -q . "$HB_CACHE/lint-kernel-doc.log"; then
	cat "$HB_CACHE/lint-kernel-doc.log"
	bad=1
fi

HB_KMAKE_FLAGS="W=1 C=2" "$HB_TOP/tests/harness/build.sh" "$id" >/dev/null 2>&1 ||
	hb_die "the W=1 C=2 build against kernel $id failed; run tests/harness/build.sh $id"
if cat "$HB_CACHE/build/$id"/*/build.log | grep -E 'warning:|error:' |
		grep -v 'pahole\|BTF' | grep -q .; then
	cat "$HB_CACHE/build/$id"/*/build.log | grep -E 'warning:|error:' |
		grep -v 'pahole\|BTF'
	bad=1
fi
[ $bad = 0 ] && echo "lint: checkpatch --strict, W=1 and sparse clean ($(echo "$files" | wc -w) files, kernel $id)"
exit $bad
