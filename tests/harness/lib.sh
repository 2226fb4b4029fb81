# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the harness scripts (POSIX sh, sourced, not run).
#
# HB_TOP   the project's top directory
# HB_CACHE where downloads, unpacked kernels and build outputs live
#          (default $HB_TOP/.cache; git-ignored)

HB_TOP=${HB_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
HB_CACHE=${HB_CACHE:-$HB_TOP/.cache}
HB_VERSIONS=$HB_TOP/versions

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
