#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [--demo] [ID...]: the runtime test of the whole matrix (default: every
# kernel in `versions`): fetch what is missing, run the host-side checks
# (host-checks.sh: tools, generated glues), build per kernel, boot the
# kernels under QEMU in parallel (HB_JOBS at a time, default: the number of
# CPUs), then report.

set -eu
. "$(dirname "$0")/lib.sh"

# --demo: make's main job, a short proof on one kernel: the modern glue and
# one old-API glue (5.4) through the shim, the suite and upstream
# hmm-tests; no host checks, generated glues or build hooks (make check's).
demo=
if [ "${1-}" = --demo ]; then
	demo=1
	shift
	export HB_GLUES="${HB_DEMO_GLUES:-modern g54}" HB_NO_HOOKS=1
fi
[ $# -gt 0 ] || set -- $(hb_kernel_ids)
hb_check_ids "$@"
h=$HB_TOP/tests/harness

"$h/kernels.sh" "$@"
if [ -n "$demo" ]; then
	rm -rf "$HB_CACHE/glues" "$HB_CACHE/results/host"
else
	"$h/host-checks.sh"
fi
for id in "$@"; do
	t0=$(date +%s)
	"$h/build.sh" "$id"
	hb_msg "kernel $id: built in $(($(date +%s) - t0)) s"
done
hb_msg "booting: $* (${HB_JOBS:-$(hb_nproc)} at a time)"
printf '%s\n' "$@" |
	xargs -P "${HB_JOBS:-$(hb_nproc)}" -I{} sh -c \
		'"$1/boot.sh" "$2" && echo "kernel $2: booted in $(cat "$3/results/$2/boot-seconds") s" >&2' \
		sh "$h" {} "$HB_CACHE" || true
"$h/report.sh" "$@"
