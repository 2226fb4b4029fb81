#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/spatch/gen-glues.sh DIR: the mirror test driver's 5.2 glue
# (tests/driver/dmirror_glue_g52.c) migrated by spatch/migrate one
# generation step at a time, each step applied to the previous output:
# DIR/dmirror_glue_mig<gen>.c for every generation of `versions` after 5.2
# up to 5.8 (mig53, mig54, mig55, mig57, mig58), which make check builds
# for every kernel (against the compat layer of the generation the file now
# names with HMM_COMPAT_API) and runs through the guest suite; and
# DIR/dmirror_glue_mig58native.c, the last one with <linux/hmm.h> and
# <linux/mmu_notifier.h> in place of <compat/hmm.h>: the migrated driver on
# the kernels' own API, no shim.
#
# A step that fails, leaves a construct unconverted or changes nothing is
# an error (no row silently missing).

set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${1:?usage: gen-glues.sh DIR}
mkdir -p "$dir"
first=5.2
last=5.8

die() {
	printf 'gen-glues (spatch): error: %s\n' "$*" >&2
	exit 1
}

command -v spatch >/dev/null 2>&1 ||
	die "spatch is not installed: apt-get install coccinelle (README.md lists it)"

# The generations after $first up to $last, from versions.
targets=$(awk -v f="$first" -v l="$last" '
	{ sub(/#.*/, "") }
	$1 == "gen" && on { print $3 }
	$1 == "gen" && $3 == f { on = 1 }
	$1 == "gen" && $3 == l { on = 0 }' "$top/versions")
[ -n "$targets" ] || die "no generations between $first and $last in $top/versions"

work=$(mktemp -d "${TMPDIR:-/tmp}/hb-gen-glues.XXXXXX")
trap 'rm -rf "$work"' EXIT
cur=$work/src
mkdir -p "$cur"
cp "$top/tests/driver/dmirror_glue_g52.c" "$top/tests/driver/dmirror.h" "$cur/"
from=$first
for to in $targets; do
	name=mig$(echo "$to" | tr -d .)
	out=$work/$name
	if ! (cd "$cur" && "$top/spatch/migrate" --from "$from" --to "$to" \
			--out "$out" dmirror_glue_g52.c) >"$work/$name.log" 2>&1; then
		cat "$work/$name.log" >&2
		die "spatch/migrate --from $from --to $to failed or left constructs unconverted (above)"
	fi
	[ -f "$out/dmirror_glue_g52.c" ] ||
		die "spatch/migrate --from $from --to $to changed nothing in the glue"
	cp "$top/tests/driver/dmirror.h" "$out/"
	# The module names its glue; the migrated source is otherwise as
	# migrate wrote it.
	sed "s/^\(const char \*const dmirror_glue_name = \)\"g52\";/\1\"$name (g52 migrated by spatch\/migrate)\";/" \
		"$out/dmirror_glue_g52.c" >"$dir/dmirror_glue_$name.c.tmp"
	mv "$dir/dmirror_glue_$name.c.tmp" "$dir/dmirror_glue_$name.c"
	printf 'gen-glues (spatch): %s -> %s: %s\n' "$from" "$to" "$dir/dmirror_glue_$name.c" >&2
	cur=$out
	from=$to
done

# The last step's output on the kernel's own API.
grep -q '^#include <compat/hmm.h>' "$dir/dmirror_glue_$name.c" ||
	die "dmirror_glue_$name.c does not include <compat/hmm.h> as expected"
! grep -q 'HMM_COMPAT_API' "$dir/dmirror_glue_$name.c" ||
	die "dmirror_glue_$name.c still defines HMM_COMPAT_API after the $last step"
sed "s|^#include <compat/hmm.h>|#include <linux/mmu_notifier.h>\\
#include <linux/hmm.h>|; s/\"$name (g52 migrated by spatch\/migrate)\"/\"${name}native (g52 migrated by spatch\/migrate, no shim)\"/" \
	"$dir/dmirror_glue_$name.c" >"$dir/dmirror_glue_${name}native.c.tmp"
mv "$dir/dmirror_glue_${name}native.c.tmp" "$dir/dmirror_glue_${name}native.c"
