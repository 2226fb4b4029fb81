#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hb-dkms-publish.sh ACTION ...: the life of the compat package's
# publication, run by dkms (dkms.conf) and by the package's maintainer
# scripts (debian/*.postinst, *.prerm, the rpm spec's %post/%preun).
#
#   stage KVER DIR      POST_BUILD: keep what a dependent driver needs for
#                       KVER (Module.symvers of hmm_compat.ko, the probes'
#                       hb_probes.h, the headers, versions) in DIR, dkms's
#                       own directory of this build (removed with it)
#   publish KVER DIR    POST_INSTALL: copy DIR into $HB_LIBDIR/KVER (default
#                       /usr/lib/hmm-backports/KVER), replacing it atomically
#   unpublish KVER      POST_REMOVE (dkms runs it where the module was
#                       installed): remove $HB_LIBDIR/KVER
#   purge               remove every kernel's publication (the package is
#                       being erased); the directory itself is the package's
#   install-all VER     build and install hmm-backports/VER for every kernel
#                       whose headers are installed (/lib/modules/*/build,
#                       /usr/src/kernels/*); each failure is shown, and the
#                       exit status is 1 if any kernel failed
#   dependents          list the DKMS modules that build against this
#                       package (BUILD_DEPENDS naming hmm-backports), one
#                       "name/version: kernels it is installed for" a line
#   warn-dependents WHAT  print a warning naming them, if any: WHAT is
#                       what is happening to the package (removed, upgraded)
#
# So the publication follows the module: it appears when dkms installs
# hmm_compat for a kernel (not when it merely builds it) and goes when dkms
# removes it from that kernel; the package's postrm purges what is left.
# HB_LIBDIR and DKMS_TREE (default /var/lib/dkms) move the directories, for
# tests on a tree installed under another root.

set -eu
here=$(cd "$(dirname "$0")" && pwd)
lib=${HB_LIBDIR:-/usr/lib/hmm-backports}
dkms_tree=${DKMS_TREE:-/var/lib/dkms}
me=hb-dkms-publish.sh

die() {
	printf '%s: error: %s\n' "$me" "$*" >&2
	exit 1
}

kver_ok() {
	case ${1-} in
	*/* | .* | "") die "bad kernel release '${1-}'" ;;
	esac
}

# dependents: every registered module whose dkms.conf has a BUILD_DEPENDS
# entry naming hmm-backports, with the kernels it is installed for.
dependents() {
	for c in "$dkms_tree"/*/*/source/dkms.conf; do
		[ -f "$c" ] || continue
		grep -Eq '^[[:space:]]*BUILD_DEPENDS\[[0-9]+\]=["'\'']?hmm-backports["'\'']?[[:space:]]*$' "$c" ||
			continue
		d=${c%/source/dkms.conf}
		v=${d##*/}
		m=${d%/*}
		m=${m##*/}
		ks=
		for l in "$dkms_tree/$m"/kernel-*; do
			[ -L "$l" ] || continue
			case $(readlink "$l") in
			*"$v"/*) k=${l##*/kernel-}; ks="$ks ${k%-*}" ;;
			esac
		done
		echo "$m/$v:${ks:- not installed for any kernel}"
	done
}

what=${1:-}
case $what in
stage)
	kver=${2-} dir=${3:?usage: $me stage KVER DIR}
	kver_ok "$kver"
	for f in "$here/compat/Module.symvers" "$here/.hb-probes/$kver/hb_probes.h"; do
		[ -f "$f" ] || die "$f is missing: the build for $kver did not finish"
	done
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$here/compat/Module.symvers" "$here/.hb-probes/$kver/hb_probes.h" \
		"$here/versions" "$dir/"
	cp -R "$here/compat/include/compat" "$dir/compat"
	;;
publish)
	kver=${2-} dir=${3:?usage: $me publish KVER DIR}
	kver_ok "$kver"
	[ -f "$dir/Module.symvers" ] && [ -f "$dir/hb_probes.h" ] ||
		die "nothing to publish for $kver in $dir: rebuild it (dkms remove hmm-backports/<version> -k $kver, then dkms install)"
	mkdir -p "$lib"
	tmp=$(mktemp -d "$lib/.$kver.XXXXXX")
	cp -R "$dir"/. "$tmp/"
	chmod -R u=rwX,go=rX "$tmp"
	if [ -d "$lib/$kver" ]; then
		mv "$lib/$kver" "$tmp.old"
	fi
	mv "$tmp" "$lib/$kver"
	rm -rf "$tmp.old"
	echo "hmm-backports: published the headers, hb_probes.h and Module.symvers for $kver in $lib/$kver"
	;;
unpublish)
	kver=${2-}
	kver_ok "$kver"
	if [ -d "$lib/$kver" ]; then
		rm -rf "${lib:?}/$kver"
		echo "hmm-backports: removed $lib/$kver"
	fi
	rmdir "$lib" 2>/dev/null || true
	;;
purge)
	find "$lib" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null || true
	;;
install-all)
	v=${2:?usage: $me install-all VERSION}
	failed=
	for k in $( (ls -d /lib/modules/*/build /usr/src/kernels/* 2>/dev/null || true) |
			sed 's|^/lib/modules/\([^/]*\)/build$|\1|; s|^/usr/src/kernels/||' | sort -u); do
		kdir=/lib/modules/$k/build
		[ -e "$kdir/include" ] || kdir=/usr/src/kernels/$k
		[ -e "$kdir/include" ] || continue
		if dkms status -m hmm-backports -v "$v" -k "$k" 2>/dev/null | grep -q ': installed'; then
			continue
		fi
		echo "hmm-backports: building hmm_compat $v for kernel $k"
		set -- -k "$k"
		[ "$kdir" = "/lib/modules/$k/build" ] || set -- "$@" --kernelsourcedir "$kdir"
		if ! dkms install -m hmm-backports -v "$v" "$@" >/dev/null; then
			printf 'hmm-backports: error: hmm_compat %s was not built for kernel %s (the reason is above); drivers built against it cannot be built for that kernel until it is: fix it, then run dkms install hmm-backports/%s -k %s\n' \
				"$v" "$k" "$v" "$k" >&2
			failed="$failed $k"
		fi
	done
	[ -z "$failed" ] || exit 1
	;;
dependents)
	dependents
	;;
warn-dependents)
	deps=$(dependents)
	[ -n "$deps" ] || exit 0
	{
		echo "hmm-backports-dkms: warning: the package is being ${2:-removed}, and these DKMS modules are built against it:"
		echo "$deps" | sed 's/^/  /'
		case ${2:-removed} in
		removed)
			echo "  They will not load without hmm_compat (unknown symbols).  They are not removed"
			echo "  here: they belong to whoever registered them.  Remove each with"
			echo "  'dkms remove NAME/VERSION --all' (or its package), or reinstall hmm-backports-dkms."
			;;
		*)
			echo "  Rebuild each against the new version for each kernel listed, with"
			echo "  'dkms remove NAME/VERSION -k KVER && dkms install NAME/VERSION -k KVER'."
			;;
		esac
	} >&2
	;;
*)
	die "unknown action '$what' (stage, publish, unpublish, purge, install-all, dependents, warn-dependents)"
	;;
esac
