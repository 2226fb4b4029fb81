#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/spatch/host-check.sh OUT: the semantic patches' and spatch/migrate's
# tests, one result line each in OUT (tests/harness/host-checks.sh format:
# host<TAB>spatch<TAB><test><TAB>pass|fail|skip<TAB><reason>).
#
# Per step (tests/spatch/hmm-A-to-B/ for spatch/hmm-A-to-B.cocci), in
# Coccinelle's own style:
#   X.c -> X.res        the step in patch mode must turn X.c into X.res,
#                       change nothing on a second run over X.res, and in
#                       report mode flag X.c (when it changes) and nothing
#                       in X.res when nothing is left;
#   X.left              what spatch/migrate's check (spatch/hmm-left.awk,
#                       the step's target release, X.c as the file before
#                       the step) reports on X.res: "LINE: message" lines,
#                       LINE in X.res; absent: it must report nothing (a
#                       step's output is never called done with something
#                       left);
#   X.Kconfig, X.Makefile, X.nonc.c -> same name + .res (+ .left):
#                       spatch/hmm-nonc.awk for that step, and the check
#                       over the .res as above.
# Then migrate's own behaviour on a copy of the 5.2 mirror glue: diff by
# default without touching the file, --out, --in-place only on clean git
# files, idempotence, --check, and its messages on bad input.
#
# Exit 0 when the tests could run (failures are result lines).

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:?usage: host-check.sh OUT}
: >"$out"
sp=$top/spatch
migrate=$sp/migrate
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hb-spatch-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

res() {
	printf 'host\tspatch\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$out"
}

# check STEP KIND OUT BEFORE: spatch/migrate's check of OUT (the file as
# the step left it; BEFORE, the file before the step), "LINE: message".
check() {
	awk -v step="$1" -v kind="$2" -v fname=F -v prev="$4" \
		-v table="$sp/hmm-removed.tsv" \
		-f "$sp/hmm-left.awk" "$3" | sed 's/^F://'
}

# check_res NAME STEP KIND OUT BEFORE WANT: the check's result line.
check_res() {
	check "$2" "$3" "$4" "$5" >"$tmp/check.out" 2>&1
	_w=/dev/null
	[ -e "$6" ] && _w=$6
	if cmp -s "$tmp/check.out" "$_w"; then
		res "$1:left" pass "the check reports $(grep -c . "$_w") place(s) left in the output, at the lines of ${6##*/}"
	else
		res "$1:left" fail "the check's report differs from ${6##*/}: $(diff "$_w" "$tmp/check.out" | cut -c1-160 | head -n 6 | tr '\n' '|')"
	fi
}

if ! command -v spatch >/dev/null 2>&1; then
	res coccinelle skip "spatch is not installed (apt-get install coccinelle)"
	exit 0
fi

for d in "$here"/hmm-*-to-*/; do
	d=${d%/}
	step=${d##*/}
	cocci=$sp/$step.cocci
	ab=$(echo "$step" | sed 's/^hmm-\(.*\)-to-\(.*\)$/\1-\2/')
	if [ ! -r "$cocci" ]; then
		res "$step" fail "tests exist but $cocci does not"
		continue
	fi
	for c in "$d"/*.c; do
		case $c in *.nonc.c) continue ;; esac
		n=${c##*/}
		n=${n%.c}
		t=$step/$n
		w=$tmp/$step-$n
		mkdir -p "$w"
		cp "$c" "$w/$n.c"
		# The case's local headers, if any, for types.
		for h in "$d"/*.h; do [ -e "$h" ] && cp "$h" "$w/"; done
		# What migrate tells the steps of a driver with device memory
		# (spatch/hmm-owner.awk over its directory: here, the case).
		defs=
		if grep -qsE 'MEMORY_DEVICE_PRIVATE|memremap_pages|hmm_devmem_add' "$c"; then
			defs=$(awk -f "$sp/hmm-owner.awk" "$c" | awk '{ printf " -D hmm_%s=%s", $1, $2 }')
		fi
		# shellcheck disable=SC2086
		( cd "$w" && spatch --sp-file "$cocci" -D patch $defs --very-quiet \
			--in-place "$n.c" ) >"$w/log" 2>&1
		st=$?
		# what spatch/migrate makes of it: no trailing blanks on the
		# lines the step rewrote
		awk -f "$sp/hmm-ws.awk" "$c" "$w/$n.c" >"$w/$n.ws" && mv "$w/$n.ws" "$w/$n.c"
		want_left=/dev/null
		[ -e "$d/$n.left" ] && want_left=$d/$n.left
		if [ $st != 0 ]; then
			res "$t" fail "spatch exited $st: $(tail -n 2 "$w/log" | tr '\n' ' ')"
		elif ! cmp -s "$w/$n.c" "$d/$n.res"; then
			res "$t" fail "output differs from $n.res: $(diff -u "$d/$n.res" "$w/$n.c" | sed -n '3,12p' | tr '\n' '|')"
		else
			res "$t" pass "patch mode gives $n.res"
		fi
		check_res "$t" "$ab" c "$d/$n.res" "$c" "$d/$n.left"
		# Idempotence: the step changes nothing in its own output.
		cp "$d/$n.res" "$w/again.c"
		# shellcheck disable=SC2086
		( cd "$w" && spatch --sp-file "$cocci" -D patch $defs --very-quiet \
			--in-place again.c ) >"$w/log2" 2>&1
		awk -f "$sp/hmm-ws.awk" "$d/$n.res" "$w/again.c" >"$w/again.ws" && mv "$w/again.ws" "$w/again.c"
		if cmp -s "$w/again.c" "$d/$n.res"; then
			res "$t:idempotent" pass "a second run over $n.res changes nothing"
		else
			res "$t:idempotent" fail "a second run over $n.res changes it: $(diff -u "$d/$n.res" "$w/again.c" | sed -n '3,10p' | tr '\n' '|')"
		fi
		# Report mode: a checker for the old form.
		if ! cmp -s "$c" "$d/$n.res"; then
			nrep=$(cd "$w" && cp "$c" old.c && spatch --sp-file "$cocci" -D report --very-quiet old.c 2>/dev/null | grep -c ':[0-9]*: ')
			nres=$(cd "$w" && spatch --sp-file "$cocci" -D report --very-quiet again.c 2>/dev/null | grep -c ':[0-9]*: ')
			nleft=$(grep -c . "$want_left")
			if [ "$nrep" -gt 0 ] && { [ "$nleft" -gt 0 ] || [ "$nres" -eq 0 ]; }; then
				res "$t:report" pass "report mode flags $nrep place(s) in $n.c and $nres in $n.res (the refused ones)"
			else
				res "$t:report" fail "report mode flags $nrep place(s) in $n.c (want > 0) and $nres in $n.res (want 0: nothing is left)"
			fi
		fi
	done
	for f in "$d"/*.Kconfig "$d"/*.Makefile "$d"/*.nonc.c; do
		[ -e "$f" ] || continue
		n=${f##*/}
		case $n in
		*Kconfig) k=kconfig ;;
		*Makefile) k=make ;;
		*) k=c ;;
		esac
		t=$step/$n
		# X.migrates.Kconfig: the driver beside it calls migrate_vma.
		mg=0
		case $n in *.migrates.*) mg=1 ;; esac
		awk -v step="$ab" -v kind="$k" -v fname="$n" -v migrates=$mg -f "$sp/hmm-nonc.awk" \
			"$f" >"$tmp/nonc.out" 2>"$tmp/nonc.log"
		st=$?
		if [ $st != 0 ]; then
			res "$t" fail "hmm-nonc.awk exited $st: $(tail -n 2 "$tmp/nonc.log" | tr '\n' ' ')"
		elif ! cmp -s "$tmp/nonc.out" "$f.res"; then
			res "$t" fail "output differs from $n.res: $(diff -u "$f.res" "$tmp/nonc.out" | sed -n '3,12p' | tr '\n' '|')"
		else
			awk -v step="$ab" -v kind="$k" -v fname="$n" -f "$sp/hmm-nonc.awk" \
				"$f.res" >"$tmp/nonc.again" 2>/dev/null
			if cmp -s "$tmp/nonc.again" "$f.res"; then
				res "$t" pass "hmm-nonc.awk gives $n.res, and nothing more on a second run"
			else
				res "$t" fail "hmm-nonc.awk changes its own output $n.res on a second run"
			fi
		fi
		check_res "$t" "$ab" "$k" "$f.res" "$f" "$f.left"
	done
done

# ---- spatch/migrate itself ----

. "$here/migrate-tests.sh"
migrate_tests
exit 0
