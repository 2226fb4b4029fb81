#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-rpm.sh OUTDIR [REF|--worktree]: build the DKMS rpm
# (hmm-backports-dkms) with rpmbuild from a release tarball of a clean
# export of the tree (the same layout make dist writes), in a private
# rpmbuild top directory; the .rpm files land in OUTDIR.

set -eu
outdir=${1:?usage: build-rpm.sh OUTDIR [REF|--worktree]}
here=$(cd "$(dirname "$0")" && pwd)
command -v rpmbuild >/dev/null 2>&1 || {
	echo "build-rpm.sh: rpmbuild is missing; apt-get install rpm" >&2
	exit 1
}
w=$(mktemp -d "${TMPDIR:-/tmp}/hb-rpm.XXXXXX")
trap 'rm -rf "$w"' EXIT
sh "$here/export-tree.sh" "$w/tree" "${2:-HEAD}"
version=$(awk '$1 == "project" { print $2; exit }' "$w/tree/versions")
name=hmm-backports-$version
mkdir -p "$w/rpm/SOURCES" "$w/rpm/SPECS"
mv "$w/tree" "$w/$name"
(cd "$w" && tar cf - "$name") | xz -T1 >"$w/rpm/SOURCES/$name.tar.xz"
sed "s|@VERSION@|$version|g" "$here/hmm-backports.spec.in" \
	>"$w/rpm/SPECS/hmm-backports-dkms.spec"
rpmbuild --define "_topdir $w/rpm" -ba "$w/rpm/SPECS/hmm-backports-dkms.spec" >&2
mkdir -p "$outdir"
find "$w/rpm/RPMS" "$w/rpm/SRPMS" -name '*.rpm' -exec mv {} "$outdir/" \;
ls "$outdir"/*.rpm
