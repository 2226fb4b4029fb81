#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# host-check.sh OUT: the bad-input table of the user-facing tools (make
# check/modules/probes with KDIR= or KERNELS=, spatch/migrate,
# backports/gentree).  One result line per row into OUT (format:
# tests/harness/host-checks.sh), column "reliability:bad-input".
#
# A row runs one tool on one bad input and passes when
#  - the tool fails (non-zero exit status), or, for an interrupted run,
#    stops with no half-written output left behind;
#  - its messages name the problem (a pattern per row) and the fix (another
#    pattern: what to run, pass, install or change);
#  - the user's files the row hands the tool (a driver tree, a kernel tree)
#    are byte-identical afterwards (names, modes, contents, symlink targets;
#    hashed before and after).
# A tool that does not exist in this tree yet is a skip naming it.
#
# Every row runs in a scratch directory of its own run,
# $HB_CACHE/reliability/bad-input.<pid>, where its log stays.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

out=${1:?usage: host-check.sh OUT}
col=reliability:bad-input
# A scratch directory of this run's own: several `make check` may run at
# once in one tree.  Those of finished runs go; the logs of the last stay.
mkdir -p "$HB_CACHE/reliability"
for d in "$HB_CACHE"/reliability/bad-input.*; do
	[ -d "$d" ] || continue
	kill -0 "${d##*.}" 2>/dev/null || rm -rf "$d"
done
w=$HB_CACHE/reliability/bad-input.$$
mkdir -p "$w"
# The big copies and the kbuild outputs keyed on their paths go at the end.
cleanup() {
	for t in kdir nohmm; do
		rm -rf "$w/$t" "$HB_CACHE/build/kdir-$(echo "$w/$t" | cksum | cut -d' ' -f1)"
	done
}
trap cleanup EXIT
: >"$out"
rows=0

result() {
	rows=$((rows + 1))
	printf 'host\t%s\t%s\t%s\t%s\n' "$col" "$1" "$2" "$(echo "$3" | tr '\t\n' '  ')" >>"$out"
}

# tree_hash DIR: one hash of a tree's names, types, modes, symlink targets
# and file contents (a git directory's own metadata aside: git may refresh
# its index while only reading).
tree_hash() {
	[ -e "$1" ] || { echo absent; return; }
	(cd "$1" && find . -path ./.git -prune -o -print | LC_ALL=C sort |
		while IFS= read -r f; do
			if [ -L "$f" ]; then
				echo "L $f $(readlink "$f")"
			elif [ -f "$f" ]; then
				echo "F $f $(stat -c %a "$f") $(sha256sum <"$f" | cut -c1-64)"
			else
				echo "D $f $(stat -c %a "$f")"
			fi
		done
		git -C . rev-parse -q HEAD 2>/dev/null || true) | sha256sum | cut -c1-16
}

# row NAME TREE PROBLEM_RE FIX_RE CMD...: run CMD (in $w) on a bad input.
row() {
	_name=$1 _tree=$2 _prob=$3 _fix=$4
	shift 4
	_h0=$(tree_hash "$_tree")
	_rc=0
	(cd "$w" && timeout -k 5 300 "$@") >"$w/$_name.log" 2>&1 </dev/null || _rc=$?
	check "$_name" "$_tree" "$_h0" "$_rc" "$_prob" "$_fix"
}

# check NAME TREE HASH RC PROBLEM_RE FIX_RE: judge a finished row.
check() {
	_why=
	[ "$4" != 0 ] || _why="$_why; exited 0"
	[ "$4" != 124 ] && [ "$4" != 137 ] || _why="$_why; timed out"
	[ "$5" = - ] || grep -Eq -- "$5" "$w/$1.log" ||
		_why="$_why; no message naming the problem (/$5/)"
	[ "$6" = - ] || grep -Eq -- "$6" "$w/$1.log" ||
		_why="$_why; no message naming the fix (/$6/)"
	[ "$2" = - ] || [ "$(tree_hash "$2")" = "$3" ] ||
		_why="$_why; the user's files in $2 changed"
	if [ -z "$_why" ]; then
		result "$1" pass "exit $4: $(grep -Ei -m1 'error|unknown|needs|cannot|not ' "$w/$1.log" | cut -c1-200)"
	else
		result "$1" fail "${_why#; } (exit $4; first lines: $(grep -v '^make\[' "$w/$1.log" | head -n 3 | cut -c1-200 | tr '\n' '|'); log $w/$1.log)"
	fi
}

# group_alive PGID: the processes of that process group that are not
# zombies, from /proc (stat: "pid (comm) state ppid pgrp ...").
group_alive() {
	for _s in /proc/[0-9]*/stat; do
		sed 's/^\([0-9]*\) (.*) \([A-Za-z]\) [0-9-]* \([0-9-]*\) .*/\1 \2 \3/' \
			"$_s" 2>/dev/null
	done | awk -v g="$1" '$3 == g && $2 != "Z" { print $1 }'
}

# interrupted NAME TREE OUTDIR DELAY CMD...: run CMD, send SIGINT to its
# process group after DELAY seconds; pass if the user's files are intact and
# OUTDIR (if not -) is either absent or a finished result (the run ended
# before the signal: then it must have exited 0).
interrupted() {
	_name=$1 _tree=$2 _od=$3 _delay=$4
	shift 4
	_h0=$(tree_hash "$_tree")
	# An asynchronous command of a non-interactive shell starts with
	# SIGINT ignored; give it back its default, as a terminal's ^C finds.
	(cd "$w" && exec setsid env --default-signal=INT "$@") \
		>"$w/$_name.log" 2>&1 </dev/null &
	_pid=$!
	sleep "$_delay"
	# The external kill(1): dash's builtin takes no "--" before a group.
	env kill -s INT -- "-$_pid" 2>/dev/null || true
	_rc=0
	wait "$_pid" || _rc=$?
	_why=
	[ "$(tree_hash "$_tree")" = "$_h0" ] || _why="$_why; the user's files in $_tree changed"
	if [ "$_rc" = 0 ]; then
		_what="finished before the signal"
	else
		_what="interrupted (exit $_rc)"
		if [ "$_od" != - ] && [ -e "$_od" ] && [ -n "$(ls -A "$_od")" ]; then
			_why="$_why; interrupted, yet left a partial output in $_od"
		fi
	fi
	# Nothing may be left running (zombies are dead: a container's init
	# may never reap the orphans, so kill -0 on the group would count them).
	sleep 1
	_alive=$(group_alive "$_pid")
	if [ -n "$_alive" ]; then
		# shellcheck disable=SC2086 # one pid a word
		_alive=$(for _p in $_alive; do
			printf ' %s(%s)' "$_p" "$(cat "/proc/$_p/comm" 2>/dev/null)"
		done)
		_why="$_why; processes of the interrupted run are still alive:$_alive"
		env kill -s KILL -- "-$_pid" 2>/dev/null || true
	fi
	if [ -z "$_why" ]; then
		result "$_name" pass "$_what; user's files intact"
	else
		result "$_name" fail "${_why#; } ($_what; log $w/$_name.log)"
	fi
}

skip() {
	result "$1" skip "$2"
}


# ---- kernel trees: make check / modules / probes --------------------------

mkdir -p "$w/unprepared"
echo 'all:' >"$w/unprepared/Makefile"
kfix='modules_prepare|pass KDIR=|KDIR=/|install .*linux-headers|headers'
row check-kdir-missing - 'KDIR .*does not exist' "$kfix" \
	make -s -C "$HB_TOP" check KDIR="$w/no-such-dir"
row probes-kdir-missing - 'KDIR .*does not exist' "$kfix" \
	make -s -C "$HB_TOP" probes KDIR="$w/no-such-dir"
row check-kdir-unprepared "$w/unprepared" 'not a prepared kernel tree' \
	'modules_prepare' make -s -C "$HB_TOP" check KDIR="$w/unprepared"
row probes-kdir-unprepared "$w/unprepared" 'not a prepared kernel tree' \
	'modules_prepare' make -s -C "$HB_TOP" probes KDIR="$w/unprepared"
row modules-no-kdir - 'needs KDIR' 'KDIR=/' make -s -C "$HB_TOP" modules
row check-kernels-unknown - "unknown kernel 'no-such'" \
	"matrix in versions has: .*$(hb_default_kernel)" make -s -C "$HB_TOP" check KERNELS=no-such
row probes-kernels-unknown - "unknown kernel 'no-such'" \
	"matrix in versions has: .*$(hb_default_kernel)" make -s -C "$HB_TOP" probes KERNELS=no-such

# A copy of the default kernel's prepared tree, as a user's own: once as it
# is (interrupted build), once with HMM_MIRROR turned off.
def=$(hb_default_kernel)
dkdir=$(hb_release_get "$def" KDIR 2>/dev/null || true)
if [ -n "$dkdir" ] && [ -f "$dkdir/.config" ]; then
	for t in kdir nohmm; do
		rm -rf "$w/$t"
		cp -a "$dkdir" "$w/$t"
		# Relative links (Debian's scripts, tools) must still resolve.
		find "$w/$t" -maxdepth 1 -type l | while read -r l; do
			ln -sfn "$(readlink -f "$dkdir/${l##*/}")" "$l"
		done
	done
	# HMM_MIRROR alone off is no error (the shim emulates it on the
	# mmu_notifier, compat/hmm_kconfig.h); without MMU_NOTIFIER too
	# nothing can mirror, and the build must say which option to turn on.
	for c in HMM_MIRROR MMU_NOTIFIER; do
		sed -i "s/^CONFIG_$c=y/# CONFIG_$c is not set/" "$w/nohmm/.config"
		sed -i "/^CONFIG_$c=/d" "$w/nohmm/include/config/auto.conf"
		sed -i "/define CONFIG_$c 1/d" "$w/nohmm/include/generated/autoconf.h"
	done
	row check-kdir-hmm-off "$w/nohmm" 'CONFIG_MMU_NOTIFIER is off' \
		'CONFIG_HMM_MIRROR=y' make -s -C "$HB_TOP" check KDIR="$w/nohmm"
	interrupted check-kdir-sigint "$w/kdir" - 4 \
		make -s -C "$HB_TOP" check KDIR="$w/kdir"
else
	skip check-kdir-hmm-off "kernel $def is not in the cache (make kernels KERNELS=$def)"
	skip check-kdir-sigint "kernel $def is not in the cache (make kernels KERNELS=$def)"
fi

# A compiler mismatch: a kernel of the matrix built with a newer gcc than
# this machine's (the sid row of versions), used as a user's KDIR here.
sid=$(hb_records kernel | awk '$7 == "sid" { print $1; exit }')
skdir=$(hb_release_get "$sid" KDIR 2>/dev/null || true)
if [ -n "$skdir" ] && [ -f "$skdir/.config" ]; then
	kcc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$skdir/.config")
	kver=$(awk -F= '$1 == "CONFIG_GCC_VERSION" { print int($2 / 10000) }' "$skdir/.config")
	row probes-kdir-compiler-missing - "gcc-$kver|$kcc.* not found" \
		"install|CC=|chroot" make -s -C "$HB_TOP" probes KDIR="$skdir"
	row probes-kdir-compiler-mismatch - \
		"gcc-$kver|differs|mismatch|built with" "install|CC=|chroot" \
		make -s -C "$HB_TOP" probes KDIR="$skdir" CC=gcc CROSS_COMPILE=
else
	skip probes-kdir-compiler-missing "no kernel built with another gcc in the cache (the sid row of versions)"
	skip probes-kdir-compiler-mismatch "no kernel built with another gcc in the cache (the sid row of versions)"
fi

# ---- a user's driver tree: spatch/migrate, backports/gentree --------------

# drv: a 5.2-style driver as a vendor ships it, in a git work tree.
drv=$w/driver
fix=$HB_TOP/tests/packaging/mkfixture.sh
have_drv=0
if [ -x "$fix" ] && "$fix" g52 "$drv" >"$w/fixture.log" 2>&1 &&
		git -C "$drv" init -q && git -C "$drv" add . &&
		git -C "$drv" -c user.name=t -c user.email=t@t commit -qm fixture; then
	have_drv=1
fi
ro_ok=0
[ "$(id -u)" = 0 ] && command -v unshare >/dev/null && ro_ok=1

# ro_run DIR CMD...: CMD with DIR mounted read-only, in a private mount
# namespace (root writes through mode bits, not through a ro mount).
ro_run=$w/ro-run
cat >"$ro_run" <<'EOS'
#!/bin/sh
exec unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"' sh "$@"
EOS
chmod +x "$ro_run"

mig=$HB_TOP/spatch/migrate
if [ ! -x "$mig" ]; then
	for r in migrate-no-from migrate-spatch-missing migrate-out-nonempty \
			migrate-dirty-inplace migrate-readonly-inplace migrate-sigint; do
		skip "$r" "spatch/migrate does not exist in this tree yet"
	done
elif [ $have_drv = 0 ]; then
	skip migrate "could not make the driver fixture (see $w/fixture.log)"
else
	row migrate-no-from "$drv" '--from' '--help|usage' "$mig" --dir "$drv"
	row migrate-spatch-missing "$drv" 'spatch|coccinelle' \
		'install|apt|SPATCH=' env SPATCH=hb-no-such-spatch \
		"$mig" --from 5.2 --dir "$drv"
	mkdir -p "$w/mig-out" && echo keep >"$w/mig-out/file"
	row migrate-out-nonempty "$drv" 'not empty|exists' '--force' \
		"$mig" --from 5.2 --out "$w/mig-out" --dir "$drv"
	[ "$(cat "$w/mig-out/file")" = keep ] ||
		result migrate-out-nonempty-kept fail "--out overwrote an existing file"
	cp -a "$drv" "$w/dirty"
	# A local change in the very file the migration rewrites.
	echo '/* local change */' >>"$w/dirty/dmirror_glue_g52.c"
	row migrate-dirty-inplace "$w/dirty" 'dirty|uncommitted|modified|changes' \
		'commit|--force|stash' "$mig" --from 5.2 --in-place --dir "$w/dirty"
	if [ $ro_ok = 1 ]; then
		row migrate-readonly-inplace "$drv" 'read-only|Read-only|cannot write|not writable|Permission' \
			'--out|writable|permission' "$ro_run" "$drv" "$mig" --from 5.2 --in-place --dir "$drv"
	else
		skip migrate-readonly-inplace "needs root and unshare for a read-only mount"
	fi
	interrupted migrate-sigint "$drv" "$w/mig-int" 2 \
		"$mig" --from 5.2 --out "$w/mig-int" --dir "$drv"
fi

gt=$HB_TOP/backports/gentree
if [ ! -x "$gt" ]; then
	for r in gentree-src-missing gentree-out-nonempty gentree-out-in-src \
			gentree-no-kbuild gentree-no-hmm gentree-unknown-api \
			gentree-readonly-parent gentree-sigint; do
		skip "$r" "backports/gentree does not exist in this tree yet"
	done
elif [ $have_drv = 0 ]; then
	skip gentree "could not make the driver fixture (see $w/fixture.log)"
else
	row gentree-src-missing - 'does not exist' 'pass' \
		"$gt" "$w/no-such-src" "$w/gt-a"
	mkdir -p "$w/gt-full" && echo keep >"$w/gt-full/file"
	row gentree-out-nonempty "$drv" 'not empty' '--force|remove|choose' \
		"$gt" "$drv" "$w/gt-full"
	row gentree-out-in-src "$drv" 'inside the source' 'elsewhere' \
		"$gt" "$drv" "$drv/out"
	mkdir -p "$w/nokbuild" && cp "$drv"/*.c "$drv"/*.h "$w/nokbuild/"
	row gentree-no-kbuild "$w/nokbuild" 'no Kbuild' 'Kbuild|obj-m' \
		"$gt" "$w/nokbuild" "$w/gt-b"
	mkdir -p "$w/nohmmsrc" && printf 'obj-m := x.o\n' >"$w/nohmmsrc/Kbuild" &&
		printf '#include <linux/module.h>\nMODULE_LICENSE("GPL");\n' >"$w/nohmmsrc/x.c"
	row gentree-no-hmm "$w/nohmmsrc" 'does not use the HMM API' '-' \
		"$gt" "$w/nohmmsrc" "$w/gt-c"
	row gentree-unknown-api "$drv" "unknown API generation 'G99'" \
		'versions knows' "$gt" --api G99 "$drv" "$w/gt-d"
	if [ $ro_ok = 1 ]; then
		mkdir -p "$w/roparent"
		row gentree-readonly-parent "$drv" 'read-only|Read-only|cannot|Permission' \
			'writable|permission|elsewhere|choose' \
			"$ro_run" "$w/roparent" "$gt" "$drv" "$w/roparent/out"
	else
		skip gentree-readonly-parent "needs root and unshare for a read-only mount"
	fi
	interrupted gentree-sigint "$drv" "$w/gt-int" 0.3 \
		"$gt" "$drv" "$w/gt-int"
fi

# Packaging: gentree's dkms.conf is the package; its bad inputs are
# gentree's rows above.
skip packaging "no packaging command in this tree besides backports/gentree (whose dkms tree the rows above cover)"

hb_msg "reliability: $rows bad-input rows; results in $out"
exit 0
