#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# host-checks.sh: the checks that run on the host, not in a guest: every
# tests/*/host-check.sh (the semantic patches, the packaging, the tools'
# bad-input tables), then every tests/*/gen-glues.sh.
#
# Contract, so that a part of the tree plugs in without touching the harness:
#  - tests/X/host-check.sh OUT writes result lines to OUT, tab separated
#        host <column> <test> <pass|fail|skip> <reason>
#    and exits 0 if it could run (its failures are lines, reported by
#    report.sh as row "host"); a non-zero exit is itself a failure.
#  - tests/X/gen-glues.sh DIR writes dmirror_glue_<name>.c files into DIR
#    ($HB_CACHE/glues), which build.sh builds for every kernel like the
#    glues of tests/driver, and boot.sh runs like them.
#  - tests/X/build-hook.sh ID OUT (run by build.sh) may add dmirror_*.ko to
#    a kernel's build directory OUT, static guest programs to OUT/guest-bin/
#    and job lines to OUT/plan.d/X.plan (format: tests/guest/init; a job
#    naming a program runs `/bin/<prog> -m <module> [args]`, printing TAP,
#    and its results are column <module>:<prog>).

set -eu
. "$(dirname "$0")/lib.sh"

res=$HB_CACHE/results/host
rm -rf "$res" "$HB_CACHE/glues"
mkdir -p "$res" "$HB_CACHE/glues"
for c in "$HB_TOP"/tests/*/host-check.sh; do
	[ -e "$c" ] || continue
	n=$(basename "$(dirname "$c")")
	hb_msg "host check: $n"
	t0=$(date +%s)
	if ! "$c" "$res/$n.tsv" >"$res/$n.log" 2>&1; then
		tail -n 20 "$res/$n.log" >&2
		printf 'host\t%s\t%s\tfail\t%s exited non-zero; see %s\n' \
			"$n" "$n" "$c" "$res/$n.log" >>"$res/$n.tsv"
	fi
	hb_msg "host check: $n took $(($(date +%s) - t0)) s"
done
for g in "$HB_TOP"/tests/*/gen-glues.sh; do
	[ -e "$g" ] || continue
	hb_msg "generating glues: $g"
	"$g" "$HB_CACHE/glues" || hb_die "$g failed"
done
