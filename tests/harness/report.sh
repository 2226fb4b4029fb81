#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# report.sh ID...: collect $HB_CACHE/results/<id>/results.tsv of the given
# kernels into one Markdown report ($HB_CACHE/results/report.md), print the
# kernel x column summary, the failures and the closing line
#     N passed, N failed, N skipped
# and exit non-zero if anything failed or a kernel has no results.

set -eu
. "$(dirname "$0")/lib.sh"

res=$HB_CACHE/results
all=$res/all.tsv
rows="$*"
: >"$all"
for id in "$@"; do
	f=$res/$id/results.tsv
	if [ -s "$f" ]; then
		cat "$f" >>"$all"
	else
		printf '%s\tboot\tboot\tfail\tno results (boot did not run)\n' \
			"$id" >>"$all"
	fi
done
# Host-side checks (host-checks.sh) are the row "host".
if [ -d "$res/host" ]; then
	cat "$res/host"/*.tsv >>"$all" 2>/dev/null || true
	rows="$rows host"
fi

{
	echo "# hmm-backports: make check"
	echo
	echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') by tests/harness/report.sh."
	echo
	echo "| kernel | release | package version | boot s |"
	echo "|---|---|---|---|"
	for id in "$@"; do
		echo "| $id | $(hb_release_get "$id" RELEASE || echo ?) |" \
			"$(hb_release_get "$id" VERSION || echo ?) |" \
			"$(cat "$res/$id/boot-seconds" 2>/dev/null || echo -) |"
	done
	echo
	for id in "$@"; do
		if [ -f "$HB_CACHE/build/$id/reference.status" ]; then
			echo "- $id reference lib/test_hmm.c:" \
				"$(cat "$HB_CACHE/build/$id/reference.status")"
		fi
	done
	echo
	echo "Cells: passed/failed/skipped."
	echo
} >"$res/report.md"

# The summary (kernel x column) and the per-test tables (test x kernel,
# one per column), from the one results file.
awk -F '\t' -v ids="$rows" '
BEGIN { nk = split(ids, K, " ") }
$2 == "last" { next }
{
	k = $1; c = $2; t = $3; s = $4
	if (!(c in colseen)) { colseen[c] = 1; cols[++nc] = c }
	if (!((c, t) in testseen)) { testseen[c, t] = 1; tests[c, ++nt[c]] = t }
	cell[k, c, t] = s
	n[k, c, s]++
	tot[s]++
}
END {
	printf "| kernel |"
	for (i = 1; i <= nc; i++) printf " %s |", cols[i]
	printf "\n|---|"
	for (i = 1; i <= nc; i++) printf "---|"
	printf "\n"
	for (j = 1; j <= nk; j++) {
		k = K[j]
		printf "| %s |", k
		for (i = 1; i <= nc; i++) {
			c = cols[i]
			if (n[k, c, "pass"] + n[k, c, "fail"] + n[k, c, "skip"] == 0)
				printf " - |"
			else
				printf " %d/%d/%d |", n[k, c, "pass"], n[k, c, "fail"], n[k, c, "skip"]
		}
		printf "\n"
	}
	for (i = 1; i <= nc; i++) {
		c = cols[i]
		if (c == "boot") continue
		printf "\n### %s\n\n| test |", c
		for (j = 1; j <= nk; j++) printf " %s |", K[j]
		printf "\n|---|"
		for (j = 1; j <= nk; j++) printf "---|"
		printf "\n"
		for (m = 1; m <= nt[c]; m++) {
			t = tests[c, m]
			printf "| %s |", t
			for (j = 1; j <= nk; j++) {
				v = cell[K[j], c, t]
				printf " %s |", v == "" ? "-" : v
			}
			printf "\n"
		}
	}
}' "$all" >"$res/tables.md"

# The side-by-side of upstream hmm-tests: the project's driver against the
# kernel's own lib/test_hmm.c, on every kernel where the reference built.
awk -F '\t' '
$2 == "last" { next }
$2 ~ /:upstream$/ {
	split($2, cm, ":")
	m = cm[1]
	r[$1, m, $3] = $4
	why[$1, m, $3] = $5
	if (!(($1, $3) in seen)) { seen[$1, $3] = 1; order[++n] = $1 SUBSEP $3 }
	mods[$1, m] = 1
}
END {
	for (i = 1; i <= n; i++) {
		split(order[i], kt, SUBSEP)
		k = kt[1]; t = kt[2]
		if (!((k, "test_hmm") in mods)) continue
		if (!(k in hdr)) {
			hdr[k] = 1
			printf "\n### %s: upstream hmm-tests, project driver vs reference lib/test_hmm.c\n\n", k
			printf "| test | dmirror_modern | test_hmm (reference) | same? |\n|---|---|---|---|\n"
		}
		x = r[k, "dmirror_modern", t]; y = r[k, "test_hmm", t]
		same = (x == y) ? "yes" : (x == "skip" && why[k, "dmirror_modern", t] ~ /device memory/ ? "n/a (device memory)" : "**no**")
		printf "| %s | %s | %s | %s |\n", t, x, y, same
	}
}' "$all" >"$res/sidebyside.md"

{
	sed -n '/^| kernel |/,/^$/p' "$res/tables.md"
	echo
	echo "## Failures"
	echo
	awk -F '\t' '$4 == "fail" { printf "- %s %s %s: %s\n", $1, $2, $3, $5 }' "$all"
	for id in "$@"; do
		if awk -F '\t' -v k="$id" '$1 == k && $2 == "boot" && $4 == "fail" { f = 1 } END { exit !f }' "$all"; then
			echo
			echo "Last console lines of $id:"
			echo
			echo '```'
			tail -n 25 "$res/$id/console.txt" 2>/dev/null || true
			echo '```'
		fi
	done
	echo
	echo "## Per test"
	sed -n '/^### /,$p' "$res/tables.md"
	cat "$res/sidebyside.md"
} >>"$res/report.md"

sed -n '/^| kernel |/,/^$/p' "$res/tables.md"
awk -F '\t' '$4 == "fail" { printf "FAIL %s %s %s: %s\n", $1, $2, $3, $5 }' "$all"
echo "report: $res/report.md"
awk -F '\t' '$2 != "last" { n[$4]++ }
END {
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0
}' "$all"
