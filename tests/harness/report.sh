#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# report.sh ID...: collect $HB_CACHE/results/<id>/results.tsv of the given
# kernels (and the host checks, $HB_CACHE/results/host) into one Markdown
# report ($HB_CACHE/results/report.md) and print its first part:
#  1. summary: a line per kernel (release, boot seconds, passed, failed,
#     skipped, not applicable) and the host checks;
#  2. the matrix: a row per module:program, a column per kernel, cells
#     passed/failed/skipped (not-applicable tests are not in the cells);
#  3. the failures: test, kernel, assertion, and the last console lines of
#     each kernel that had one;
# then (report.md only) every test, kernel by kernel.  The last two lines:
#     N not applicable (cannot apply to a mirror-only driver, or benchmarks)
#     N passed, N failed, N skipped
# Exits non-zero if anything failed or a kernel has no results.
#
# Result directories of kernels run on other machines (make check
# KERNELS=<id> there) merge by copying them into $HB_CACHE/results first:
# `make report` (HB_RESULTS=dir1:dir2... to read them in place).

set -eu
. "$(dirname "$0")/lib.sh"

res=$HB_CACHE/results
mkdir -p "$res"
all=$res/all.tsv
: >"$all"
# Where each kernel's results are: the own results directory, or one of
# HB_RESULTS (a merge of shards).
dirs=$res
[ -z "${HB_RESULTS-}" ] || dirs="$(echo "$HB_RESULTS" | tr ':' ' ') $res"
resdir() {
	for _d in $dirs; do
		[ -s "$_d/$1/results.tsv" ] && { echo "$_d/$1"; return 0; }
	done
	echo "$res/$1"
}
for id in "$@"; do
	f=$(resdir "$id")/results.tsv
	if [ -s "$f" ]; then
		cat "$f" >>"$all"
	else
		printf '%s\tboot\tboot\tfail\tno results (boot did not run)\n' \
			"$id" >>"$all"
	fi
done
# Host-side checks (host-checks.sh) are the "host" row.
hostf=
for _d in $dirs; do
	if ls "$_d"/host/*.tsv >/dev/null 2>&1; then
		hostf=$_d/host
		break
	fi
done
[ -z "$hostf" ] || cat "$hostf"/*.tsv >>"$all"

# kernel info: id, release, boot seconds (tab separated), for the tables.
info=$res/kernels.tsv
: >"$info"
for id in "$@"; do
	d=$(resdir "$id")
	rel=$(cat "$d/release" 2>/dev/null || hb_release_get "$id" RELEASE ||
		echo '?')
	printf '%s\t%s\t%s\n' "$id" "$rel" \
		"$(cat "$d/boot-seconds" 2>/dev/null || echo -)" >>"$info"
done

awk -F '\t' -v info="$info" '
BEGIN {
	while ((getline l < info) > 0) {
		split(l, f, "\t"); K[++nk] = f[1]; rel[f[1]] = f[2]; secs[f[1]] = f[3]
	}
}
$2 == "last" { next }
{
	k = $1; c = $2; t = $3; s = $4
	if (k == "host") { hostn[s]++; hc[c, s]++; if (!(c in hcs)) { hcs[c] = 1; hcol[++nh] = c } }
	else {
		kn[k, s]++
		if (!(c in colseen)) { colseen[c] = 1; cols[++nc] = c }
		n[k, c, s]++
	}
	if (s == "fail") fails[++nf] = $0
	if (!((c, t) in testseen)) { testseen[c, t] = 1; tests[c, ++nt[c]] = t }
	cell[k, c, t] = s
	tot[s]++
}
function cellv(p, f, s, na) { return p + f + s > 0 ? sprintf("%d/%d/%d", p, f, s) : na > 0 ? "n/a" : "-" }
END {
	print "## Summary\n"
	print "| kernel | release | boot s | passed | failed | skipped | n/a |"
	print "|---|---|---|--:|--:|--:|--:|"
	for (j = 1; j <= nk; j++) {
		k = K[j]
		printf "| %s | %s | %s | %d | %d | %d | %d |\n", k, rel[k], secs[k],
			kn[k, "pass"], kn[k, "fail"], kn[k, "skip"], kn[k, "na"]
	}
	if (nh)
		printf "| host | checks | - | %d | %d | %d | %d |\n",
			hostn["pass"], hostn["fail"], hostn["skip"], hostn["na"]
	printf "\n## Matrix (passed/failed/skipped)\n\n| module:program |"
	for (j = 1; j <= nk; j++) printf " %s |", K[j]
	printf "\n|---|"
	for (j = 1; j <= nk; j++) printf "---|"
	printf "\n"
	for (i = 1; i <= nc; i++) {
		c = cols[i]
		printf "| %s |", c
		for (j = 1; j <= nk; j++)
			printf " %s |", cellv(n[K[j], c, "pass"], n[K[j], c, "fail"], n[K[j], c, "skip"], n[K[j], c, "na"])
		printf "\n"
	}
	for (i = 1; i <= nh; i++) {
		c = hcol[i]
		printf "| host: %s | %s |", c, cellv(hc[c, "pass"], hc[c, "fail"], hc[c, "skip"], hc[c, "na"])
		for (j = 2; j <= nk; j++) printf " |"
		printf "\n"
	}
	printf "\n## Failures\n\n"
	if (!nf) print "None."
	for (i = 1; i <= nf; i++) {
		split(fails[i], f, "\t")
		printf "- %s, %s, %s: %s\n", f[1], f[2], f[3], f[5]
		failk[f[1]] = 1
	}
	for (k in failk) print k > "/dev/stderr"
}' "$all" >"$res/summary.md" 2>"$res/failed-kernels"

# The last console lines of every kernel with a failure.
for id in $(sort -u "$res/failed-kernels"); do
	[ "$id" != host ] || continue
	c=$(resdir "$id")/console.txt
	[ -f "$c" ] || continue
	{
		echo
		echo "Last console lines of $id ($c):"
		echo
		echo '```'
		tail -n 15 "$c"
		echo '```'
	} >>"$res/summary.md"
done

# Per test: a table per column, test x kernel.
awk -F '\t' -v info="$info" '
BEGIN { while ((getline l < info) > 0) { split(l, f, "\t"); K[++nk] = f[1] } K[++nk] = "host" }
$2 == "last" { next }
{
	c = $2; t = $3
	if (!(c in colseen)) { colseen[c] = 1; cols[++nc] = c }
	if (!((c, t) in testseen)) { testseen[c, t] = 1; tests[c, ++nt[c]] = t }
	cell[$1, c, t] = $4; kc[$1, c] = 1
}
END {
	for (i = 1; i <= nc; i++) {
		c = cols[i]
		printf "\n### %s\n\n| test |", c
		for (j = 1; j <= nk; j++) if ((K[j], c) in kc) printf " %s |", K[j]
		printf "\n|---|"
		for (j = 1; j <= nk; j++) if ((K[j], c) in kc) printf "---|"
		printf "\n"
		for (m = 1; m <= nt[c]; m++) {
			t = tests[c, m]
			printf "| %s |", t
			for (j = 1; j <= nk; j++) {
				if (!((K[j], c) in kc)) continue
				v = cell[K[j], c, t]
				printf " %s |", v == "" ? "-" : v
			}
			printf "\n"
		}
	}
}' "$all" >"$res/tables.md"

# The side-by-side of upstream hmm-tests: the project's driver, the
# kernel's own lib/test_hmm.c built natively (the reference) and the same
# file built unchanged on the shim with every emulation forced
# (test_hmm_shim), on every kernel where either ran; where neither did,
# why not.
awk -F '\t' '
$2 == "last" { next }
$2 ~ /:upstream$/ {
	split($2, cm, ":")
	m = cm[1]
	r[$1, m, $3] = $4
	if ($4 == "na") why[$1, m] = $5
	if (!(($1, $3) in seen)) { seen[$1, $3] = 1; order[++n] = $1 SUBSEP $3 }
	if (!($1 in kseen)) { kseen[$1] = 1; ks[++nk] = $1 }
	if ((m == "test_hmm" || m == "test_hmm_shim") && $4 != "na") ran[$1] = 1
}
function same(x, y) { return x == y ? "yes" : "**no**" }
END {
	for (i = 1; i <= n; i++) {
		split(order[i], kt, SUBSEP)
		k = kt[1]; t = kt[2]
		if (!(k in ran)) continue
		if (!(k in hdr)) {
			hdr[k] = 1
			printf "\n### %s: upstream hmm-tests, project driver vs lib/test_hmm.c native (reference) and on the shim\n\n", k
			printf "| test | dmirror_modern | test_hmm (reference) | test_hmm_shim (shim, forced emulation) | shim same as reference? |\n|---|---|---|---|---|\n"
		}
		x = r[k, "dmirror_modern", t]; y = r[k, "test_hmm", t]; z = r[k, "test_hmm_shim", t]
		printf "| %s | %s | %s | %s | %s |\n", t, x, y, z, same(y, z)
	}
	for (i = 1; i <= nk; i++) {
		k = ks[i]
		if (k in ran || !((k, "test_hmm_shim") in why)) continue
		printf "\n### %s: lib/test_hmm.c not run (n/a)\n\n- reference: %s\n- on the shim: %s\n", k, why[k, "test_hmm"], why[k, "test_hmm_shim"]
	}
}' "$all" >"$res/sidebyside.md"

{
	echo "# hmm-backports: make check"
	echo
	echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') by tests/harness/report.sh."
	echo
	cat "$res/summary.md"
	echo
	for id in "$@"; do
		b=$HB_CACHE/build/$id/reference.status
		[ -f "$b" ] && echo "- $id reference lib/test_hmm.c: $(cat "$b")"
		b=$HB_CACHE/build/$id/reference-shim.status
		[ -f "$b" ] && echo "- $id lib/test_hmm.c on the shim: $(cat "$b")"
	done
	echo
	echo "## Per test"
	cat "$res/tables.md" "$res/sidebyside.md"
	echo
	echo "## Not applicable and skipped, by reason"
	echo
	awk -F '\t' '$4 == "na" || $4 == "skip" { n[$4 ": " $5]++ }
		END { for (r in n) printf "- %d %s\n", n[r], r }' "$all" | sort -t' ' -k2
} >"$res/report.md"

cat "$res/summary.md"
echo "report: $res/report.md"
awk -F '\t' '$2 != "last" { n[$4]++ }
END {
	printf "%d not applicable (cannot apply to a mirror-only driver, or benchmarks)\n", n["na"]
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0
}' "$all"
