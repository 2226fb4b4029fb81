# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the harness scripts (POSIX sh, sourced, not run).
#
# HB_TOP   the project's top directory
# HB_CACHE where downloads, unpacked kernels and build outputs live
#          (default $HB_TOP/.cache; git-ignored)

HB_TOP=${HB_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
HB_CACHE=${HB_CACHE:-$HB_TOP/.cache}
# HB_VERSIONS: `versions` (another file only to add local kernel rows for
#          a verification of your own; CI and the docs use the tree's)
HB_VERSIONS=${HB_VERSIONS:-$HB_TOP/versions}

hb_msg() { printf '%s\n' "$*" >&2; }

hb_die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# hb_records KIND: print the records of that kind from `versions`, without the
# kind word.  One source of truth: every list of kernels, generations and
# archives comes from here.
hb_records() {
	awk -v kind="$1" '
		{ sub(/#.*/, "") }
		$1 == kind { $1 = ""; sub(/^ +/, ""); print }
	' "$HB_VERSIONS"
}

# hb_kernel_ids: the ids of the kernel matrix, in `versions` order.
hb_kernel_ids() {
	hb_records kernel | awk '{ print $1 }'
}

# hb_kernel_field ID N: field N (1 = id, 2 = arch, ... 7 = build) of a row.
hb_kernel_field() {
	hb_records kernel | awk -v id="$1" -v n="$2" '$1 == id { print $n }'
}

hb_default_kernel() {
	hb_records default-kernel | awk 'NR == 1 { print $1 }'
}

# hb_release_get ID KEY: a value recorded by `make kernels` for that kernel.
hb_release_get() {
	f=$HB_CACHE/kernels/$1/release
	[ -r "$f" ] || return 1
	sed -n "s/^$2=//p" "$f"
}

# hb_check_ids ID...: every id must be a row of the matrix.
hb_check_ids() {
	for _id in "$@"; do
		hb_kernel_ids | grep -qx -- "$_id" ||
			hb_die "unknown kernel '$_id'; the matrix in versions has:" \
				"$(hb_kernel_ids | tr '\n' ' ')"
	done
}

# hb_arch_cc ARCH: the C compiler for static guest programs of ARCH.
hb_arch_cc() {
	case $1 in
	amd64) echo "${HOSTCC:-gcc}" ;;
	arm64) echo aarch64-linux-gnu-gcc ;;
	*) hb_die "no compiler known for architecture $1" ;;
	esac
}

# hb_link_compat DIR: link the compat/*.c that a module built on its own
# (tests/unit, tests/testhmm) may link in into DIR; its Kbuild picks the
# objects it needs.  One list for build.sh and check-debug.sh.
hb_link_compat() {
	for _f in hmm_encoded hmm_range_fault mmu_interval_notifier \
		mmu_interval_finish mmu_notifier_get; do
		ln -s "$HB_TOP/compat/$_f.c" "$1/"
	done
}

hb_nproc() {
	getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1
}

# hb_warnings WHOSE LOG DIR: the compiler warnings of a module build (LOG)
# located in the project's own files (WHOSE=own: the module directory DIR,
# compat/, tests/, the probes' header; with modpost's "undefined!" lines,
# unless HB_UNCHECKED_SYMBOLS=1: a tree without Module.symvers, built with
# KBUILD_MODPOST_WARN=1 by choice) or anywhere else (WHOSE=kernel: the
# kernel's own headers, each line once).  A compiler newer than the
# kernel's warns about its headers (gcc 12 on a 4.18 tree:
# -Wmissing-attributes in module.h), which is no defect of the module:
# hb_kernel_warnings_note says so.
hb_warnings() {
	awk -v whose="$1" -v dir="$3/" -v top="$HB_TOP/" \
		-v undef="${HB_UNCHECKED_SYMBOLS:-0}" '
		/undefined!/ { if (whose == "own" && !undef) print; next }
		/warning:/ {
			f = $0
			sub(/:.*/, "", f)
			own = index(f, dir) == 1 || index(f, top "compat/") == 1 ||
			      index(f, top "tests/") == 1 || f ~ /hb_probes\.h$/
			if (own == (whose == "own") && !seen[$0]++)
				print
		}' "$2"
}

# hb_kernel_warnings_note KDIR: what to make of warnings in KDIR's headers.
hb_kernel_warnings_note() {
	_kcc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$1/.config")
	[ -n "$_kcc" ] ||
		_kcc=$(sed -n 's/^CONFIG_GCC_VERSION=\([0-9]*\)$/GCC_VERSION \1/p' "$1/.config")
	hb_msg "note: the warnings above are in the kernel's own headers" \
		"($1), not in this project's code, and do not fail the" \
		"build: a compiler newer than the one the kernel was built" \
		"with (its .config says: ${_kcc:-nothing}) warns about them." \
		"Build with the kernel's compiler (CC=...) to be rid of" \
		"them, or silence one with KCFLAGS=-Wno-<name>."
}

# hb_initramfs RES ARCH FILE...: pack $RES/initramfs.cpio.gz for a guest of
# ARCH: busybox, the guest /init, the plan $RES/plan, and each FILE (a
# module, *.ko, goes to /mod, anything else, a program, to /bin).
hb_initramfs() {
	_res=$1 _arch=$2
	shift 2
	_root=$_res/initramfs
	rm -rf "$_root"
	mkdir -p "$_root/bin" "$_root/mod" "$_root/proc" "$_root/sys" \
		"$_root/dev" "$_root/tmp"
	cp "$HB_CACHE/busybox/$_arch/bin/busybox" "$_root/bin/busybox"
	cp "$HB_TOP/tests/guest/init" "$_root/init"
	chmod 755 "$_root/init"
	cp "$_res/plan" "$_root/plan"
	for _f in "$@"; do
		case $_f in
		*.ko) cp "$_f" "$_root/mod/" ;;
		*) cp "$_f" "$_root/bin/" ;;
		esac
	done
	(cd "$_root" && find . | cpio -o -H newc --quiet | gzip -1) \
		>"$_res/initramfs.cpio.gz"
	rm -rf "$_root"
}

# hb_qemu RES ARCH VMLINUZ TIMEOUT [KERNEL ARGUMENTS...]: boot VMLINUZ with
# $RES/initramfs.cpio.gz under the QEMU of ARCH's `guest` record, bounded by
# TIMEOUT seconds, the extra kernel arguments after the harness's own.
# Writes $RES/console.log, console.txt (without the CRs) and boot-seconds;
# returns QEMU's exit status (124 or 137: timed out).
#
# HB_QEMU_EXTRA (opt-in, unset for make check): more QEMU arguments, after
# the record's, so that they override it where QEMU takes the last of an
# option (-smp); make bench's deterministic clock sets
# "-icount shift=0,sleep=off -smp 1" (tests/bench/boot-bench.sh).
hb_qemu() {
	_res=$1 _arch=$2 _img=$3 _tmo=$4
	shift 4
	_extra="$*"
	# shellcheck disable=SC2046 # the QEMU arguments are words
	set -- $(hb_records guest | awk -v a="$_arch" '$1 == a { $1 = ""; print }')
	[ $# -ge 2 ] || hb_die "versions has no 'guest $_arch' record"
	_qemu=$1 _console=$2
	shift 2
	# shellcheck disable=SC2086 # the QEMU arguments are words
	[ -z "${HB_QEMU_EXTRA-}" ] || set -- "$@" $HB_QEMU_EXTRA
	_start=$(date +%s)
	_rc=0
	timeout -k 10 "$_tmo" "$_qemu" "$@" -nographic -no-reboot \
		-kernel "$_img" -initrd "$_res/initramfs.cpio.gz" \
		-append "console=$_console panic=-1 oops=panic quiet${_extra:+ $_extra}" \
		</dev/null >"$_res/console.log" 2>&1 || _rc=$?
	echo "$(($(date +%s) - _start))" >"$_res/boot-seconds"
	tr -d '\r' <"$_res/console.log" >"$_res/console.txt"
	return "$_rc"
}
