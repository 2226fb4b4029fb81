#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# migrate-cost.sh OUT N: how long spatch/migrate takes to find and rewrite
# every HMM user of a whole kernel tree (the default kernel's Debian
# linux-source, unpacked once into $HB_CACHE/bench/tree), against plain
# `spatch --dir` (no pre-filter, one process) run step by step over a
# sub-tree and scaled to the whole tree by its count of C files.
#
#   whole_migrate_j2         spatch/migrate --from FROM --dir TREE -j 2
#   sub_migrate_j2, _j1      spatch/migrate over the sub-tree alone, -j 2 / -j 1
#   whole_batched_spatch_j2  migrate's candidates, one spatch -j 2 per step
#                            (what the profile suggests migrate should do)
#   sub_plain_spatch         spatch --sp-file STEP --dir SUB, every step of
#                            FROM..newest in turn (how one would do it
#                            without migrate)
#
# HB_BENCH_FROM (default 5.2: every step) and HB_BENCH_SUBTREE (default
# mm: the core HMM user, 148 C files in 6.1) choose.  Appends
# "migrate,<tree>,<variant>,wall_s|files|changed|scaled_s,<run>,<value>"
# to OUT/raw.csv.  The migrate diffs are compared from run to run and
# between -j 1 and -j 2 (parallelism must not change the answer).

set -eu
. "$(dirname "$0")/../harness/lib.sh"

out=${1:?usage: migrate-cost.sh OUT N}
n=${2:-1}
mkdir -p "$out"
out=$(cd "$out" && pwd)
from=${HB_BENCH_FROM:-5.2}
sub=${HB_BENCH_SUBTREE:-mm}
migrate=$HB_TOP/spatch/migrate
[ -x "$migrate" ] || {
	echo "note,migrate,skip,,,spatch/migrate is not in this tree: migration not measured" >>"$out/raw.csv"
	hb_msg "bench: no spatch/migrate; migration skipped"
	exit 0
}
command -v spatch >/dev/null 2>&1 ||
	hb_die "spatch (Coccinelle) is not installed; apt-get install coccinelle (README's apt list)"

# The tree: the default kernel's linux-source, unpacked once.
id=$(hb_default_kernel)
deb=$(hb_release_get "$id" SOURCE) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
[ -f "$deb" ] || hb_die "$deb is missing; run 'make kernels REFRESH=1'"
tree=$HB_CACHE/bench/tree
if [ ! -f "$tree/.done" ]; then
	hb_msg "bench: unpacking $(basename "$deb") into $tree (once)"
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	s=$(basename "$(readlink -f "$deb")" | sed 's/^linux-source-\([^_]*\)_.*/\1/')
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$s.tar.xz" |
		xz -dc -T0 | tar -x -C "$tree.tmp" --strip-components=1 ||
		hb_die "unpacking $deb failed"
	touch "$tree.tmp/.done"
	mv "$tree.tmp" "$tree"
fi
[ -d "$tree/$sub" ] || hb_die "HB_BENCH_SUBTREE=$sub is not a directory of $tree"
name=linux-$(hb_release_get "$id" VERSION)
w=$out/migrate
rm -rf "$w"
mkdir -p "$w"

ns() { date +%s%N; }
secs() { echo "$1 $2" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }'; }
row() { printf 'migrate,%s,%s,%s,%s,%s\n' "$name" "$1" "$2" "$3" "$4" >>"$out/raw.csv"; }

ctree=$(find "$tree" -name '*.c' | wc -l)
csub=$(find "$tree/$sub" -name '*.c' | wc -l)
steps=$(ls "$HB_TOP"/spatch/hmm-*-to-*.cocci | awk -v f="$from" '
	function key(v,    a, n) {
		n = split(v, a, ".")
		return sprintf("%04d%04d", a[1], n > 1 ? a[2] : 0)
	}
	{ s = $0; sub(/.*\/hmm-/, "", s); sub(/-to-.*/, "", s)
	  if (key(s) >= key(f)) print key(s), $0 }' | sort | cut -d' ' -f2)

# sp LOG ARGS...: one spatch run, its output appended to LOG; a semantic
# patch without rules for this mode ("No rules apply", a no-op step) is not
# a failure, as spatch/migrate counts it.
sp() {
	_log=$1
	shift
	_st=0
	spatch "$@" >"$_log.one" 2>&1 || _st=$?
	cat "$_log.one" >>"$_log"
	[ $_st = 0 ] || grep -q '^No rules apply' "$_log.one" || {
		tail -n 20 "$_log.one" >&2
		return 1
	}
}

# mig VARIANT RUN DIR JOBS: one spatch/migrate run; exit 0 or 3 (something
# left as it was) is a run that worked.
mig() {
	t0=$(ns)
	st=0
	"$migrate" --from "$from" --dir "$3" -j "$4" --stats \
		>"$w/$1-$2.diff" 2>"$w/$1-$2.log" || st=$?
	t1=$(ns)
	[ $st = 0 ] || [ $st = 3 ] || {
		tail -n 20 "$w/$1-$2.log" >&2
		hb_die "spatch/migrate failed (exit $st) over $3; see $w/$1-$2.log"
	}
	row "$1" wall_s "$2" "$(secs "$t0" "$t1")"
	row "$1" files "$2" "$(sed -n 's/^stats: \([0-9]*\) candidate.*/\1/p' "$w/$1-$2.log" | head -n 1)"
	row "$1" changed "$2" "$(grep -c '^+++ ' "$w/$1-$2.diff" || true)"
}

i=1
while [ "$i" -le "$n" ]; do
	mig whole_migrate_j2 "$i" "$tree" 2
	mig sub_migrate_j2 "$i" "$tree/$sub" 2
	mig sub_migrate_j1 "$i" "$tree/$sub" 1
	i=$((i + 1))
done
for f in "$w"/whole_migrate_j*-*.diff; do
	cmp -s "$f" "$w/whole_migrate_j2-1.diff" ||
		hb_die "spatch/migrate gave different diffs in two runs over the same tree: $f vs $w/whole_migrate_j2-1.diff"
done
for f in "$w"/sub_migrate_j*-*.diff; do
	cmp -s "$f" "$w/sub_migrate_j2-1.diff" ||
		hb_die "spatch/migrate gave different diffs with -j 1 and -j 2 over the same tree: $f vs $w/sub_migrate_j2-1.diff"
done

# The profile's suggestion, measured: migrate starts one spatch per file and
# step (xargs -n 1), and each start parses the semantic patch again.  The
# same candidates (migrate's own pre-filter expression), one spatch per step
# over all of them (spatch -j 2 --dir), on a copy.
rm -rf "$w/batched"
mkdir -p "$w/batched"
(cd "$tree" && grep -rlE --include='*.[ch]' 'hmm_|HMM_COMPAT_API|mmu_interval_' . |
	while IFS= read -r f; do
		mkdir -p "$w/batched/$(dirname "$f")"
		cp "$f" "$w/batched/$f"
	done)
t0=$(ns)
for s in $steps; do
	sp "$w/batched.log" --sp-file "$s" -D patch --dir "$w/batched" -j 2 \
		--in-place --very-quiet || {
		hb_die "batched spatch of $(basename "$s") over $w/batched failed; see $w/batched.log"
	}
done
t1=$(ns)
row whole_batched_spatch_j2 wall_s 1 "$(secs "$t0" "$t1")"
row whole_batched_spatch_j2 files 1 "$(find "$w/batched" -name '*.[ch]' | wc -l)"
row whole_batched_spatch_j2 changed 1 "$(cd "$w/batched" && find . -name '*.[ch]' |
	while IFS= read -r f; do cmp -s "$f" "$tree/$f" || echo "$f"; done | wc -l)"

# Plain spatch over the sub-tree, each step in turn, once (it is the slow
# one), on a copy so that each step sees the previous one's rewrite.
rm -rf "$w/plain"
cp -r "$tree/$sub" "$w/plain"
t0=$(ns)
for s in $steps; do
	sp "$w/plain.log" --sp-file "$s" -D patch --dir "$w/plain" --in-place \
		--very-quiet || {
		hb_die "plain spatch of $(basename "$s") over $w/plain failed; see $w/plain.log"
	}
done
t1=$(ns)
t=$(secs "$t0" "$t1")
row sub_plain_spatch wall_s 1 "$t"
row sub_plain_spatch files 1 "$csub"
row sub_plain_spatch scaled_s 1 "$(echo "$t $ctree $csub" | awk '{ printf "%.1f", $1 * $2 / $3 }')"
printf 'note,migrate,,,,tree %s: %d C files; sub-tree %s: %d C files; steps from %s: %s\n' \
	"$name" "$ctree" "$sub" "$csub" "$from" \
	"$(for s in $steps; do basename "$s" .cocci; done | tr '\n' ' ')" >>"$out/raw.csv"
