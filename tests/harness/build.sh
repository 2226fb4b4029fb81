#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh ID     build everything one kernel of the matrix boots with, into
#                 $HB_CACHE/build/<id>/: the mirror test driver once per glue
#                 file, the kernel's own lib/test_hmm.c as a reference module
#                 where the kernel can take it, the project's guest suite and
#                 upstream hmm-tests, static, for the kernel's architecture.
# build.sh --kdir KDIR
#                 build the driver modules against a prepared tree of the
#                 user's (ARCH, CROSS_COMPILE, CC are passed through).
# build.sh --probes ID | --probes --kdir KDIR
#                 only run the compile probes and print what was found.
#
# Writes a log per step next to its output; a failed step is an error naming
# the step and its log.

set -eu
. "$(dirname "$0")/lib.sh"

glues() {
	for f in "$HB_TOP"/tests/driver/dmirror_glue_*.c; do
		f=${f##*/dmirror_glue_}
		echo "${f%.c}"
	done
}

# kmake ARGS...: the kernel's make for this kernel row (tests/harness/kmake.sh).
kmake() {
	if [ "$build" = user ]; then
		"$HB_TOP/tests/harness/kmake.sh" --kdir "$kdir" "$@"
	else
		"$HB_TOP/tests/harness/kmake.sh" "$id" "$@"
	fi
}

# probes OUT: the compile probes' answers for this tree, in OUT/probes.
probes() {
	if [ "$build" = user ]; then
		"$HB_TOP/compat/probe.sh" "$1/probes" "$kdir" \
			"$HB_TOP/tests/harness/kmake.sh" --kdir "$kdir"
	else
		"$HB_TOP/compat/probe.sh" "$1/probes" "$kdir" \
			"$HB_TOP/tests/harness/kmake.sh" "$id"
	fi
}

# build_glue OUT GLUE: one module, in a directory of its own.
build_glue() {
	_d=$1/$2
	rm -rf "$_d" "$1/dmirror_$2.ko"
	mkdir -p "$_d"
	for f in Kbuild dmirror.h dmirror_core.c "dmirror_glue_$2.c"; do
		ln -s "$HB_TOP/tests/driver/$f" "$_d/$f"
	done
	# The compat layer's emulations, which the Kbuild links into the
	# modules of the glues that need them.
	for f in "$HB_TOP"/compat/*.c; do
		if [ -e "$f" ]; then
			ln -s "$f" "$_d/${f##*/}"
		fi
	done
	if ! kmake M="$_d" DMIRROR_GLUE="$2" HB_PROBES="$1/probes" \
			${HB_KMAKE_FLAGS-} modules \
			>"$_d/build.log" 2>&1; then
		tail -n 20 "$_d/build.log" >&2
		hb_msg "error: building glue '$2' against $kdir failed; see $_d/build.log"
		return 1
	fi
	cp "$_d/dmirror_$2.ko" "$1/"
}

# build_unit OUT NAME: the unit-test module tests/unit/hb_test_NAME.c.
build_unit() {
	_d=$1/unit-$2
	rm -rf "$_d"
	mkdir -p "$_d"
	ln -s "$HB_TOP/tests/unit/Kbuild" "$_d/Kbuild"
	ln -s "$HB_TOP/tests/unit/hb_test_$2.c" "$_d/hb_test_$2.c"
	if ! kmake M="$_d" HB_UNIT="hb_test_$2" HB_PROBES="$1/probes" \
			${HB_KMAKE_FLAGS-} modules >"$_d/build.log" 2>&1; then
		tail -n 20 "$_d/build.log" >&2
		hb_die "building unit test '$2' against $kdir failed; see $_d/build.log"
	fi
	cp "$_d/hb_test_$2.ko" "$1/"
}

units() {
	for f in "$HB_TOP"/tests/unit/hb_test_*.c; do
		f=${f##*/hb_test_}
		echo "${f%.c}"
	done
}

# build_reference OUT: lib/test_hmm.c from the kernel's own linux-source,
# built out of tree.  It needs DEVICE_PRIVATE; elsewhere record why not.
build_reference() {
	_d=$1/reference
	rm -rf "$_d" "$1/test_hmm.ko" "$1/reference.status"
	if ! grep -q '^CONFIG_DEVICE_PRIVATE=y' "$kdir/.config"; then
		echo "not built: CONFIG_DEVICE_PRIVATE is off in this kernel" \
			>"$1/reference.status"
		return 0
	fi
	mkdir -p "$_d"
	cp "$up/lib/test_hmm.c" "$up/lib/test_hmm_uapi.h" "$_d/"
	echo 'obj-m := test_hmm.o' >"$_d/Kbuild"
	if kmake M="$_d" modules >"$_d/build.log" 2>&1; then
		cp "$_d/test_hmm.ko" "$1/"
		echo "built from $(hb_release_get "$id" SOURCE | sed 's|.*/||')" \
			>"$1/reference.status"
	else
		echo "not built: lib/test_hmm.c failed to build out of tree" \
			"(see $_d/build.log)" >"$1/reference.status"
	fi
}

# build_guest OUT: static guest programs for the kernel's architecture.  For
# a kernel built in the sid chroot, upstream's newer selftests want that
# release's UAPI headers, which the chroot's libc headers have: build there.
build_guest() {
	_cc=$(hb_arch_cc "$arch")
	_run="$HB_TOP/tests/harness/kmake.sh --exec $id"
	_cflags="-static -O2 -Wall -Wextra -pthread"
	# shellcheck disable=SC2086
	$_run $_cc $_cflags -Werror -I"$HB_TOP/tests/include" \
		-o "$1/hmm_suite" "${HB_SUITE_SRC:-$HB_TOP/tests/guest/hmm_suite.c}" \
		>"$1/hmm_suite.log" 2>&1 ||
		hb_die "building the guest suite failed; see $1/hmm_suite.log"
	# Upstream's test, exactly as its release wrote it, with the helpers
	# its Makefile links in where it uses them, and its Makefile's flags:
	# no optimisation (its harness reads fixture data after a longjmp) and
	# no -Werror (its warnings are not ours to fix).  Staged in a directory
	# of its own so that its '#include "../kselftest_harness.h"' finds the
	# harness chosen here: its own if that can exclude tests, else the
	# selftest-harness release's (versions).
	_st=$1/hmm-tests-src
	rm -rf "$_st"
	cp -r "$up" "$_st"
	_t=$(ls "$_st"/tools/testing/selftests/*/hmm-tests.c)
	_td=$(dirname "$_t")
	_h=$up/tools/testing/selftests
	grep -q "case 'T':" "$_h/kselftest_harness.h" ||
		_h=$HB_CACHE/upstream/harness/tools/testing/selftests
	cp "$_h"/kselftest*.h "$_st/tools/testing/selftests/"
	echo "$_h" >"$1/hmm-tests.harness"
	_extra=
	for _x in vm_util hugepage_settings; do
		grep -q "$_x.h" "$_t" && _extra="$_extra $_td/$_x.c"
	done
	grep -q '<hugetlbfs.h>' "$_t" && _extra="$_extra -lhugetlbfs"
	# shellcheck disable=SC2086
	$_run $_cc -static -Wall -pthread -I"$_st" \
		-I"$_st/tools/testing/selftests" -I"$_td" \
		-o "$1/hmm-tests" "$_t" $_extra >"$1/hmm-tests.log" 2>&1 ||
		hb_die "building upstream hmm-tests failed; see $1/hmm-tests.log"
}

only_probes=0
if [ "${1-}" = --probes ]; then
	only_probes=1
	shift
fi

# show_probes OUT: what the probes found, one line each.
show_probes() {
	hb_msg "probes for $kdir (cached in $1/probes):"
	sed -n 's|^#define \(HB_HAVE_[A-Z0-9_]*\) 1|  yes  \1|p; s|^/\* #undef \(HB_HAVE_[A-Z0-9_]*\) \*/|  no   \1|p' \
		"$1/probes/hb_probes.h"
}

if [ "${1-}" = --kdir ]; then
	kdir=$(cd "$2" && pwd) || hb_die "KDIR $2 does not exist"
	[ -f "$kdir/Makefile" ] && [ -f "$kdir/.config" ] ||
		hb_die "KDIR $kdir is not a prepared kernel tree (no Makefile" \
			"or .config); run 'make modules_prepare' in it first"
	build=user
	out=$HB_CACHE/build/kdir-$(echo "$kdir" | cksum | cut -d' ' -f1)
	mkdir -p "$out"
	probes "$out"
	if [ $only_probes = 1 ]; then
		show_probes "$out"
		exit 0
	fi
	# Every glue, so the user sees which generations build on the tree.
	failed=
	for g in $(glues); do
		build_glue "$out" "$g" || failed="$failed $g"
	done
	hb_msg "built against $kdir:"
	ls "$out"/*.ko 2>/dev/null || true
	[ -z "$failed" ] || hb_die "these glues did not build:$failed"
	exit 0
fi

id=${1:?usage: build.sh ID | --kdir KDIR}
hb_check_ids "$id"
[ -f "$HB_CACHE/kernels/$id/release" ] ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
kdir=$(hb_release_get "$id" KDIR)
arch=$(hb_release_get "$id" ARCH)
build=$(hb_release_get "$id" BUILD)
up=$("$HB_TOP/tests/harness/upstream.sh" "$id")
out=$HB_CACHE/build/$id
mkdir -p "$out"
probes "$out"
if [ $only_probes = 1 ]; then
	show_probes "$out"
	exit 0
fi
for g in $(glues); do
	build_glue "$out" "$g" || exit 1
done
for u in $(units); do
	build_unit "$out" "$u"
done
build_reference "$out"
build_guest "$out"
hb_msg "kernel $id: built $(cd "$out" && ls ./*.ko | tr '\n' ' ')"
