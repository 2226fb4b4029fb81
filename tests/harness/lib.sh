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
