#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hmm-tests-info.sh HMM-TESTS.C: list the tests of an upstream hmm-tests.c,
# one per line: "<fixture>.<variant>.<test> <mirror|devmem|bench>" (no
# variant part for a fixture without variants).  A test is "devmem" when its
# body uses device memory: the migration, exclusive-access, release or
# gup_test paths of lib/test_hmm.c, which a mirror-only driver cannot offer.
# A "bench" test (benchmark_*) measures speed: not a functional test, and
# it fails on a loaded TCG guest; speed belongs to `make bench`.  Read from the
# source of the release under test, so a new upstream test is classified by
# what it does, not by a list kept here.

set -eu
awk '
function flush() {
	if (tname == "") return
	if (tname ~ /^benchmark/) cls = "bench"
	else cls = (body ~ /hmm_migrate_|HMM_DMIRROR_MIGRATE|HMM_DMIRROR_EXCLUSIVE|HMM_DMIRROR_CHECK_EXCLUSIVE|HMM_DMIRROR_RELEASE|gup_test|GUP_/) ? "devmem" : "mirror"
	tests[++nt] = tfix SUBSEP tname SUBSEP cls
	tname = ""
}
/^FIXTURE_VARIANT_ADD\(/ {
	s = $0; sub(/^FIXTURE_VARIANT_ADD\( */, "", s); sub(/\).*/, "", s)
	split(s, a, / *, */); variants[a[1]] = variants[a[1]] " " a[2]
	next
}
# TEST(name), TEST_F(fixture, name), TEST_F_TIMEOUT(fixture, name, secs)
/^TEST(_F|_F_TIMEOUT)?\(/ {
	flush()
	f = $0; sub(/\(.*/, "", f)
	s = $0; sub(/^[A-Z_]*\( */, "", s); sub(/\).*/, "", s)
	n = split(s, a, / *, */)
	if (f == "TEST") { tfix = "global"; tname = a[1] } else { tfix = a[1]; tname = a[2] }
	body = ""
	next
}
tname != "" { body = body "\n" $0 }
END {
	flush()
	for (i = 1; i <= nt; i++) {
		split(tests[i], t, SUBSEP)
		nv = split(variants[t[1]], v, " ")
		if (nv == 0) print t[1] "." t[2], t[3]
		for (j = 1; j <= nv; j++) print t[1] "." v[j] "." t[2], t[3]
	}
}' "$1"
