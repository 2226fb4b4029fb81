#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-deb.sh OUTDIR [REF|--worktree]: build the Debian source and binary
# packages (hmm-backports-dkms) from a clean export of the tree
# (export-tree.sh) with dpkg-buildpackage, unsigned, and move the results
# (.deb, .dsc, .tar.xz, .changes, .buildinfo) into OUTDIR.

set -eu
outdir=${1:?usage: build-deb.sh OUTDIR [REF|--worktree]}
here=$(cd "$(dirname "$0")" && pwd)
for t in dpkg-buildpackage dh dh_dkms fakeroot; do
	command -v "$t" >/dev/null 2>&1 || {
		echo "build-deb.sh: $t is missing; apt-get install dpkg-dev debhelper dh-dkms fakeroot" >&2
		exit 1
	}
done
w=$(mktemp -d "${TMPDIR:-/tmp}/hb-deb.XXXXXX")
trap 'rm -rf "$w"' EXIT
sh "$here/export-tree.sh" "$w/hmm-backports" "${2:-HEAD}"
(cd "$w/hmm-backports" && dpkg-buildpackage -us -uc -rfakeroot) >&2
mkdir -p "$outdir"
for f in "$w"/*.deb "$w"/*.dsc "$w"/*.tar.* "$w"/*.changes "$w"/*.buildinfo; do
	[ -e "$f" ] && mv "$f" "$outdir/"
done
ls "$outdir"/*.deb
