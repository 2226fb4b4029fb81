#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [ID...]: the runtime test of the whole matrix (default: every
# kernel in `versions`): fetch what is missing, run the host-side checks
# (host-checks.sh: tools, generated glues), build per kernel, boot the
# kernels under QEMU in parallel (HB_JOBS at a time, default: the number of
# CPUs), then report.

set -eu
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || set -- $(hb_kernel_ids)
hb_check_ids "$@"
h=$HB_TOP/tests/harness

"$h/kernels.sh" "$@"
"$h/host-checks.sh"
for id in "$@"; do
	"$h/build.sh" "$id"
done
hb_msg "booting: $* (${HB_JOBS:-$(hb_nproc)} at a time)"
printf '%s\n' "$@" |
	xargs -P "${HB_JOBS:-$(hb_nproc)}" -I{} sh -c \
		'"$1/boot.sh" "$2" && echo "kernel $2: booted in $(cat "$3/results/$2/boot-seconds") s" >&2' \
		sh "$h" {} "$HB_CACHE" || true
"$h/report.sh" "$@"
