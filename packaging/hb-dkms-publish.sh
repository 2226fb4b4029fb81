#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hb-dkms-publish.sh publish|unpublish KVER: run by dkms (POST_BUILD,
# POST_REMOVE) in the compat package's tree.  publish copies what a driver
# built against the compat package needs for kernel KVER, the
# Module.symvers of hmm_compat.ko (for KBUILD_EXTRA_SYMBOLS) and the probes'
# hb_probes.h, into $HB_LIBDIR/KVER (default /usr/lib/hmm-backports/KVER),
# replacing the directory atomically; unpublish removes it.

set -eu
what=${1:?usage: hb-dkms-publish.sh publish|unpublish KVER}
kver=${2:?usage: hb-dkms-publish.sh publish|unpublish KVER}
here=$(cd "$(dirname "$0")" && pwd)
lib=${HB_LIBDIR:-/usr/lib/hmm-backports}
case $kver in */* | .* | "") echo "hb-dkms-publish.sh: bad kernel release '$kver'" >&2; exit 1 ;; esac

case $what in
publish)
	for f in "$here/compat/Module.symvers" "$here/.hb-probes/$kver/hb_probes.h"; do
		[ -f "$f" ] || {
			echo "hb-dkms-publish.sh: $f is missing: the build for $kver did not finish" >&2
			exit 1
		}
	done
	mkdir -p "$lib"
	tmp=$(mktemp -d "$lib/.$kver.XXXXXX")
	cp "$here/compat/Module.symvers" "$here/.hb-probes/$kver/hb_probes.h" "$tmp/"
	cp "$here/versions" "$tmp/versions"
	chmod 755 "$tmp"
	if [ -d "$lib/$kver" ]; then
		mv "$lib/$kver" "$tmp.old"
	fi
	mv "$tmp" "$lib/$kver"
	rm -rf "$tmp.old"
	echo "hmm-backports: published Module.symvers and hb_probes.h for $kver in $lib/$kver"
	;;
unpublish)
	rm -rf "${lib:?}/$kver"
	;;
*)
	echo "hb-dkms-publish.sh: unknown action '$what' (publish or unpublish)" >&2
	exit 1 ;;
esac
