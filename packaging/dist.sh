#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dist.sh DISTDIR [FORCE]: the release tarball
# DISTDIR/hmm-backports-<version>.tar.xz of git HEAD (git archive), the
# version read from HEAD's `versions`.  Written to a temporary file and
# renamed; an existing tarball is kept unless FORCE is 1.

set -eu
dist=${1:?usage: dist.sh DISTDIR [FORCE]}
force=${2:-0}
top=$(cd "$(dirname "$0")/.." && pwd)
die() { printf 'make dist: error: %s\n' "$*" >&2; exit 1; }

git -C "$top" rev-parse --verify -q HEAD >/dev/null ||
	die "$top is not a git checkout with a commit; the tarball is made from git HEAD"
version=$(git -C "$top" show HEAD:versions | awk '$1 == "project" { print $2; exit }')
[ -n "$version" ] || die "no 'project <version>' record in HEAD's versions"
name=hmm-backports-$version
mkdir -p "$dist"
out=$dist/$name.tar.xz
if [ -e "$out" ] && [ "$force" != 1 ]; then
	die "$out exists; remove it or run make dist FORCE=1 to replace it"
fi
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "make dist: note: the working tree has uncommitted changes; the tarball is HEAD ($(git -C "$top" rev-parse --short HEAD)) without them" >&2
fi
tmp=$(mktemp "$dist/.$name.XXXXXX")
trap 'rm -f "$tmp"' EXIT
git -C "$top" archive --format=tar --prefix="$name/" HEAD | xz -T1 -6 >"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "$out"
