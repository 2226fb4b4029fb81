#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-hook.sh ID OUT (run by tests/harness/build.sh for each kernel): the
# packaging proof for one kernel.  The mirror test driver, as a vendor
# would ship it (mkfixture.sh: the ODP-style form of today's API,
# including <linux/hmm.h> and <linux/hmm-dma.h>, and the 5.2 form), goes through backports/gentree; the generated tree is
# built and installed with `dkms build` and `dkms install` (a private dkms
# tree and install tree under $HB_CACHE, never the system's;
# --kernelsourcedir on the cached kernel) and the installed module copied to
# OUT as dmirror_gentree_<form>.ko, which the boot plan runs through the
# suite and upstream hmm-tests like the hand-written glues.
#
# Kernels built in the sid chroot (7.x) have no dkms there: their tree is
# built with the same hb-build.sh dkms would run, through kmake.sh --exec.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

id=${1:?usage: build-hook.sh ID OUT}
out=${2:?usage: build-hook.sh ID OUT}
kdir=$(hb_release_get "$id" KDIR) || hb_die "kernel $id is not in the cache"
kver=$(hb_release_get "$id" RELEASE)
build=$(hb_release_get "$id" BUILD)
w=$HB_CACHE/packaging/$id
rm -rf "$w"
mkdir -p "$w"

# step NAME LOG CMD...: run a step, its output in LOG; on failure show the
# end of the log and stop, naming the step.
step() {
	_n=$1 _l=$2
	shift 2
	if ! "$@" >"$_l" 2>&1; then
		tail -n 25 "$_l" >&2
		hb_die "packaging build hook, kernel $id: $_n failed; see $_l"
	fi
}

for form in odp g52; do
	m=dmirror_gentree_$form
	rm -f "$out/$m.ko"
	step "fixture $form" "$w/fixture-$form.log" \
		"$HB_TOP/tests/packaging/mkfixture.sh" "$form" "$w/src-$form"
	step "gentree $form" "$w/gentree-$form.log" \
		"$HB_TOP/backports/gentree" --name "hb-gentree-$form" \
		"$w/src-$form" "$w/gen-$form"
	if [ "$build" = sid ]; then
		step "build $form (kmake.sh --exec, no dkms in the sid chroot)" \
			"$w/build-$form.log" "$HB_TOP/tests/harness/kmake.sh" \
			--exec "$id" sh "$w/gen-$form/hb-build.sh" "$kdir" "$kver"
		cp "$w/gen-$form/$m.ko" "$out/$m.ko"
		continue
	fi
	d=$w/dkms
	mkdir -p "$d/source" "$d/tree" "$d/install"
	set -- dkms --dkmstree "$d/tree" --sourcetree "$d/source" \
		--installtree "$d/install"
	arch=$(uname -m)
	if [ "$build" = cross ]; then
		# dkms hands its environment to hb-build.sh, which takes
		# ARCH and CROSS_COMPILE from it.
		arch=aarch64
		export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	fi
	step "dkms add $form" "$w/dkms-add-$form.log" "$@" add "$w/gen-$form"
	step "dkms build $form" "$w/dkms-build-$form.log" "$@" build \
		"hb-gentree-$form/$(hb_records project | awk '{ print $1 }')" \
		-k "$kver" -a "$arch" --kernelsourcedir "$kdir"
	# dkms install, into the private install tree (no depmod: that would
	# be the host's /lib/modules business).
	mkdir -p "$d/install/$kver"
	step "dkms install $form" "$w/dkms-install-$form.log" "$@" install \
		"hb-gentree-$form/$(hb_records project | awk '{ print $1 }')" \
		-k "$kver" -a "$arch" --kernelsourcedir "$kdir" --no-depmod
	ko=$(find "$d/install/$kver" -name "$m.ko*" | head -n 1)
	[ -n "$ko" ] || hb_die "packaging build hook, kernel $id: dkms installed no $m.ko; see $w/dkms-install-$form.log"
	case $ko in
	*.ko) cp "$ko" "$out/$m.ko" ;;
	*.ko.xz) xz -dc "$ko" >"$out/$m.ko" ;;
	*.ko.gz) gzip -dc "$ko" >"$out/$m.ko" ;;
	*) hb_die "packaging build hook: unknown module file $ko" ;;
	esac
done
hb_msg "kernel $id: gentree + $( [ "$build" = sid ] && echo 'hb-build.sh' || echo 'dkms build + install') built dmirror_gentree_odp.ko dmirror_gentree_g52.ko"
