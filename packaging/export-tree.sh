#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# export-tree.sh DIR [REF]: write a clean copy of the project into DIR (which
# must not exist): `git archive REF` (default HEAD), or with REF = --worktree
# the working tree's files git tracks or would track (not ignored), as they
# are now: what `make check` packages, so uncommitted work is tested too; on
# a fresh clone both are the same.  Never build outputs or .cache.

set -eu
dir=${1:?usage: export-tree.sh DIR [REF|--worktree]}
ref=${2:-HEAD}
top=$(cd "$(dirname "$0")/.." && pwd)
[ ! -e "$dir" ] || { echo "export-tree.sh: $dir exists" >&2; exit 1; }
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "export-tree.sh: $top is not a git checkout; packaging is made from git" >&2; exit 1; }
mkdir -p "$dir"
if [ "$ref" = --worktree ]; then
	# Files deleted in the working tree but still in the index are skipped.
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf -) | (cd "$dir" && tar xf -)
else
	git -C "$top" archive --format=tar "$ref" | (cd "$dir" && tar xf -)
fi
