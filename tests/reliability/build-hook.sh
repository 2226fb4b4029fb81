#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-hook.sh ID OUT (run by tests/harness/build.sh for every kernel):
# build the reliability guest programs (hmm_stress, hmm_fuzz, hmm_failinj),
# static, for kernel ID's architecture, into OUT/guest-bin/, and plan them in
# OUT/plan.d/reliability.plan against the modern, emul and 5.2/5.3/5.4 glue
# modules the kernel has.  Their results are columns <module>:<program>.
#
# The defaults are small, for make check on QEMU TCG; set these for a soak:
#   HB_STRESS_ARGS   default "-t 4 -s 2"   (e.g. "-t 16 -s 3600 -p 1024")
#   HB_FUZZ_ARGS     default "-n 400"      (e.g. "-n 1000000", "-S SEED -c 0")
#   HB_FAILINJ_ARGS  default ""            (e.g. "-N 5000 -p 64")
#   HB_RELIABILITY_MODULES  default "dmirror_modern dmirror_emul
#                    dmirror_g52 dmirror_g53 dmirror_g54"

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: build-hook.sh ID OUT}
out=${2:?usage: build-hook.sh ID OUT}
arch=$(hb_release_get "$id" ARCH) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
cc=$(hb_arch_cc "$arch")
src=$HB_TOP/tests/reliability

mkdir -p "$out/guest-bin" "$out/plan.d"
for p in hmm_stress hmm_fuzz hmm_failinj; do
	"$HB_TOP/tests/harness/kmake.sh" --exec "$id" "$cc" -static -O2 -Wall \
		-Wextra -Werror -pthread -I"$HB_TOP/tests/include" \
		-o "$out/guest-bin/$p" "$src/$p.c" >"$out/$p.log" 2>&1 || {
		cat "$out/$p.log" >&2
		hb_die "building $p for kernel $id failed; see $out/$p.log"
	}
done

plan=$out/plan.d/reliability.plan
for m in ${HB_RELIABILITY_MODULES:-dmirror_modern dmirror_emul dmirror_g52 dmirror_g53 dmirror_g54}; do
	[ -f "$out/$m.ko" ] || continue
	echo "$m hmm_stress ${HB_STRESS_ARGS:--t 4 -s 2} ;"
	echo "$m hmm_fuzz ${HB_FUZZ_ARGS:--n 400} ;"
	echo "$m hmm_failinj ${HB_FAILINJ_ARGS:-} ;"
done >"$plan.tmp"
mv "$plan.tmp" "$plan"
