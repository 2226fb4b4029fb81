#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-rpm.sh OUTDIR [REF|--worktree]: build the DKMS rpm
# (hmm-backports-dkms) with rpmbuild from a release tarball of a clean
# export of the tree (the same layout make dist writes), in a private
# rpmbuild top directory; the .rpm files land in OUTDIR.  HB_RPM_PACKAGER
# sets the Packager tag (default: the maintainer of debian/changelog).

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
# The Packager tag, from the packager macro as build systems set it (a
# Packager line in the spec is what rpmlint calls hardcoded).
packager=$(awk -F'  ' '/^ -- / { sub(/^ -- /, "", $1); print $1; exit }' "$w/$name/debian/changelog")
rpmbuild --define "_topdir $w/rpm" --define "packager ${HB_RPM_PACKAGER:-$packager}" -ba "$w/rpm/SPECS/hmm-backports-dkms.spec" >&2
mkdir -p "$outdir"
find "$w/rpm/RPMS" "$w/rpm/SRPMS" -name '*.rpm' -exec mv {} "$outdir/" \;
ls "$outdir"/*.rpm
