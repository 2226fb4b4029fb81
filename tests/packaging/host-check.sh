#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# host-check.sh OUT (run by make check through tests/harness/host-checks.sh):
# the packaging checks that run on the host, one result line each in OUT
# (host <TAB> packaging <TAB> test <TAB> pass|fail|skip <TAB> reason):
#   the Debian package from a clean tree, lintian, its installation into a
#   throwaway root (dpkg --root) and a dkms build + install of the compat
#   module there for the default kernel, a driver built against that
#   installation with hmm-backports-config, the rpm, make dist, and
#   backports/gentree's bad-input table (each a clear error, the source
#   tree byte-identical afterwards by hash, no output left behind).
# The per-kernel gentree + dkms builds are build-hook.sh's.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

res=${1:?usage: host-check.sh OUT}
: >"$res"
w=$HB_CACHE/packaging/host
rm -rf "$w"
mkdir -p "$w"
gentree=$HB_TOP/backports/gentree
pk=$HB_TOP/packaging
version=$(hb_records project | awk 'NR == 1 { print $1 }')

row() {
	printf 'host\tpackaging\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$res"
	hb_msg "packaging: $1: $2${3:+ ($3)}"
}

# tree_hash DIR: every file's path, mode and contents, hashed.
tree_hash() {
	(cd "$1" && find . -type f -print | LC_ALL=C sort | while IFS= read -r f; do
		printf '%s %s %s\n' "$(stat -c %a "$f")" "$(sha256sum <"$f" | cut -d' ' -f1)" "$f"
	done) | sha256sum | cut -d' ' -f1
}

# expect_fail LOG PATTERN CMD...: CMD must fail with a message matching
# PATTERN (grep -E) in LOG.  Prints nothing; returns 1 with the reason in
# $why otherwise.
why=
expect_fail() {
	_l=$1 _p=$2
	shift 2
	if "$@" >"$_l" 2>&1; then
		why="succeeded, expected an error; see $_l"
		return 1
	fi
	if ! grep -Eq "$_p" "$_l"; then
		why="error message does not match /$_p/: $(tail -n 1 "$_l")"
		return 1
	fi
	return 0
}

# --- deb: build from a clean tree, lintian -------------------------------
deb_ok=0
if ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh_dkms >/dev/null 2>&1; then
	row deb-build fail "dpkg-dev/debhelper/dh-dkms missing: apt-get install them (README.md lists them)"
elif sh "$pk/build-deb.sh" "$w/deb" --worktree >"$w/deb.log" 2>&1; then
	deb=$(ls "$w"/deb/hmm-backports-dkms_*_all.deb)
	dv=$(dpkg-deb -f "$deb" Version)
	if [ "$dv" = "$version" ]; then
		deb_ok=1
		row deb-build pass "$(basename "$deb") from a clean export of the tree, version $dv as in versions"
	else
		row deb-build fail "package version $dv differs from versions' $version: add a debian/changelog entry"
	fi
else
	row deb-build fail "dpkg-buildpackage failed; see $w/deb.log"
fi
if [ $deb_ok = 1 ]; then
	if ! command -v lintian >/dev/null 2>&1; then
		row lintian fail "lintian is missing: apt-get install lintian"
	else
		lintian --fail-on error,warning "$w"/deb/*.changes >"$w/lintian.log" 2>&1 && rc=0 || rc=$?
		n=$(grep -Ec '^[EW]: ' "$w/lintian.log" || true)
		if [ "$rc" = 0 ] && [ "$n" = 0 ]; then
			row lintian pass "source and binary package (.changes): no errors or warnings"
		else
			row lintian fail "$n errors/warnings (exit $rc); see $w/lintian.log"
		fi
	fi
else
	row lintian skip "no package to check: deb-build failed"
fi

# --- the deb installed into a throwaway root, the module built there ------
kid=$(hb_default_kernel)
kdir=$(hb_release_get "$kid" KDIR 2>/dev/null || true)
kver=$(hb_release_get "$kid" RELEASE 2>/dev/null || true)
root=$w/root
inst_ok=0
if [ $deb_ok = 0 ]; then
	row deb-root-dkms skip "no package: deb-build failed"
elif [ -z "$kdir" ] || [ ! -d "$kdir" ]; then
	row deb-root-dkms skip "kernel $kid is not in the cache (make kernels KERNELS=$kid)"
else
	# dpkg --root: files and dpkg's database in the root only.  The
	# maintainer scripts (dkms add/build/install) would run chrooted in
	# the root, which has no shell: --unpack runs none of them; the same
	# dkms steps follow here, on the root's trees (--sourcetree,
	# --dkmstree, --installtree), nothing on the host's.
	mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info" \
		"$root/var/lib/dkms" "$root/lib/modules/$kver"
	: >"$root/var/lib/dpkg/status"
	d="dkms --sourcetree $root/usr/src --dkmstree $root/var/lib/dkms --installtree $root/lib/modules"
	if ! dpkg --root="$root" --force-depends --force-not-root --unpack "$deb" \
			>"$w/dpkg.log" 2>&1; then
		row deb-root-dkms fail "dpkg --root --unpack failed; see $w/dpkg.log"
	elif ! dpkg --root="$root" -s hmm-backports-dkms 2>/dev/null | grep -q "^Version: $version"; then
		row deb-root-dkms fail "dpkg --root does not list hmm-backports-dkms $version as unpacked"
	elif ! HB_LIBDIR=$root/usr/lib/hmm-backports $d add "hmm-backports/$version" \
			>"$w/dkms-add.log" 2>&1; then
		row deb-root-dkms fail "dkms add failed; see $w/dkms-add.log"
	elif ! HB_LIBDIR=$root/usr/lib/hmm-backports nice -n 10 $d build \
			"hmm-backports/$version" -k "$kver" --kernelsourcedir "$kdir" \
			>"$w/dkms-build.log" 2>&1; then
		row deb-root-dkms fail "dkms build of hmm_compat for $kver failed; see $w/dkms-build.log"
	elif ! HB_LIBDIR=$root/usr/lib/hmm-backports $d install "hmm-backports/$version" -k "$kver" --no-depmod \
			--kernelsourcedir "$kdir" >"$w/dkms-install.log" 2>&1 ||
			! ls "$root/lib/modules/$kver"/updates/dkms/hmm_compat.ko* >/dev/null 2>&1; then
		row deb-root-dkms fail "dkms install into the root's /lib/modules failed; see $w/dkms-install.log"
	elif [ ! -f "$root/usr/lib/hmm-backports/$kver/Module.symvers" ]; then
		row deb-root-dkms fail "the build did not publish Module.symvers in the root's /usr/lib/hmm-backports/$kver"
	else
		inst_ok=1
		row deb-root-dkms pass "dpkg --root unpack, dkms add/build/install of hmm_compat for $kver ($kid) in the root; Module.symvers + hb_probes.h published"
	fi
fi

# A driver package built against that installation, not linking compat/*.c.
if [ $inst_ok = 1 ]; then
	cfg="env HB_ROOT=$root sh $root/usr/bin/hmm-backports-config"
	sh "$HB_TOP/tests/packaging/mkfixture.sh" --compat-package g52 "$w/dep" >/dev/null
	if ! cflags=$($cfg --cflags "$kver" 2>"$w/dep.log") ||
			! symvers=$($cfg --symvers "$kver" 2>>"$w/dep.log"); then
		row compat-dependent-driver fail "hmm-backports-config failed; see $w/dep.log"
	elif ! "$HB_TOP/tests/harness/kmake.sh" "$kid" M="$w/dep" HB_CFLAGS="$cflags" \
			KBUILD_EXTRA_SYMBOLS="$symvers" modules >>"$w/dep.log" 2>&1; then
		row compat-dependent-driver fail "building the 5.2 driver against the installed compat package failed; see $w/dep.log"
	elif ! modinfo -F depends "$w/dep/dmirror_dep_g52.ko" | grep -qw hmm_compat; then
		row compat-dependent-driver fail "dmirror_dep_g52.ko does not depend on hmm_compat: it linked its own copy?"
	elif ls "$w"/dep/hmm_mirror*.o >/dev/null 2>&1; then
		row compat-dependent-driver fail "the dependent driver compiled compat code of its own"
	else
		row compat-dependent-driver pass "5.2 driver built with hmm-backports-config --cflags/--symvers, its module depends on hmm_compat"
	fi
	if expect_fail "$w/cfg-bad.log" "unknown kernel '0\.0\.0'.*linux-headers-0\.0\.0" \
			$cfg --cflags 0.0.0; then
		row config-helper-unbuilt-kernel pass "clear error naming the headers package to install"
	else
		row config-helper-unbuilt-kernel fail "$why"
	fi
else
	row compat-dependent-driver skip "no installed compat package (deb-root-dkms did not pass)"
	row config-helper-unbuilt-kernel skip "no installed compat package (deb-root-dkms did not pass)"
fi
if [ -e /usr/lib/hmm-backports ] || ls /var/lib/dkms/hmm-backports >/dev/null 2>&1; then
	row nothing-on-host fail "/usr/lib/hmm-backports or /var/lib/dkms/hmm-backports exists on the host"
else
	row nothing-on-host pass "no /usr/lib/hmm-backports, no /var/lib/dkms/hmm-backports on the host"
fi

# --- the package's whole life in a Debian 12 root (chroot-check.sh) ---------
if [ $deb_ok = 1 ]; then
	"$HB_TOP/tests/packaging/chroot-check.sh" "$res" "$deb" ||
		row chroot fail "tests/packaging/chroot-check.sh exited non-zero"
else
	row chroot skip "no package: deb-build failed"
fi

# --- rpm -------------------------------------------------------------------
if ! command -v rpmbuild >/dev/null 2>&1; then
	row rpm-build fail "rpmbuild is missing: apt-get install rpm"
elif sh "$pk/build-rpm.sh" "$w/rpm" --worktree >"$w/rpm.log" 2>&1; then
	r=$w/rpm/hmm-backports-dkms-$version-1.noarch.rpm
	if [ -f "$r" ] && rpm -qlp "$r" 2>/dev/null | grep -qx "/usr/src/hmm-backports-$version/dkms.conf"; then
		row rpm-build pass "$(basename "$r") with /usr/src/hmm-backports-$version/dkms.conf"
	else
		row rpm-build fail "no $r holding the DKMS tree; see $w/rpm.log"
	fi
	# rpmlint: no error, and no warning but the one inherent to a DKMS
	# source package that the spec justifies (its header comment).
	accepted=devel-file-in-non-devel-package
	if ! command -v rpmlint >/dev/null 2>&1; then
		row rpmlint fail "rpmlint is missing: apt-get install rpmlint (README.md, What CI installs)"
	else
		rpmlint -c "$pk/rpmlint.toml" "$w"/rpm/*.rpm >"$w/rpmlint.log" 2>&1 || true
		e=$(grep -c ': E: ' "$w/rpmlint.log" || true)
		other=$(grep ': W: ' "$w/rpmlint.log" | grep -v ": W: $accepted " || true)
		nw=$(grep -c ": W: $accepted " "$w/rpmlint.log" || true)
		if ! grep -q 'packages and 0 specfiles checked' "$w/rpmlint.log"; then
			row rpmlint fail "rpmlint did not run; see $w/rpmlint.log"
		elif [ "$e" != 0 ] || [ -n "$other" ]; then
			row rpmlint fail "$e errors, other warnings: $(echo "$other" | head -n 3 | tr '\n' ' '); see $w/rpmlint.log"
		elif ! grep -q "$accepted" "$pk/hmm-backports.spec.in"; then
			row rpmlint fail "the spec does not justify $accepted"
		else
			row rpmlint pass "0 errors; warnings only $accepted ($nw: the DKMS sources under /usr/src), justified in the spec"
		fi
	fi
else
	row rpm-build fail "rpmbuild failed; see $w/rpm.log"
fi

# --- make dist -------------------------------------------------------------
dd=$w/dist
tb=$dd/hmm-backports-$version.tar.xz
if ! make -s -C "$HB_TOP" dist DISTDIR="$dd" >"$w/dist.log" 2>&1; then
	row dist fail "make dist failed; see $w/dist.log"
elif ! tar tJf "$tb" | grep -qx "hmm-backports-$version/versions"; then
	row dist fail "$tb does not hold hmm-backports-$version/versions"
else
	n=$(tar tJf "$tb" | grep -vc '/$')
	m=$(git -C "$HB_TOP" ls-tree -r HEAD --name-only | wc -l)
	h=$(sha256sum <"$tb")
	if [ "$n" != "$m" ]; then
		row dist fail "$n files in the tarball, $m in git HEAD"
	elif ! expect_fail "$w/dist2.log" "exists.*FORCE=1" \
			make -s -C "$HB_TOP" dist DISTDIR="$dd" ||
			[ "$(sha256sum <"$tb")" != "$h" ]; then
		row dist fail "a second make dist did not refuse to overwrite: ${why:-tarball changed}"
	elif ! make -s -C "$HB_TOP" dist DISTDIR="$dd" FORCE=1 >"$w/dist3.log" 2>&1; then
		row dist fail "make dist FORCE=1 did not replace the tarball; see $w/dist3.log"
	elif ls "$dd"/.hmm-backports-* >/dev/null 2>&1; then
		row dist fail "temporary files left in $dd"
	else
		row dist pass "hmm-backports-$version.tar.xz = git HEAD ($n files); refuses to overwrite, FORCE=1 replaces"
	fi
fi

# --- gentree: what it records, patch sets, bad input ----------------------
sh "$HB_TOP/tests/packaging/mkfixture.sh" g52 "$w/src" >/dev/null
h0=$(tree_hash "$w/src")
g=$w/gen
if "$gentree" --no-patches "$w/src" "$g" >"$w/gentree.log" 2>&1 &&
		grep -q "^source $w/src sha256:" "$g/versions" &&
		grep -q "^source-api G3 0x050200 " "$g/versions" &&
		grep -q "^project $version\$" "$g/versions" &&
		grep -q '^BUILT_MODULE_NAME\[0\]="dmirror_gentree_g52"' "$g/dkms.conf" &&
		[ -f "$g/backport-include/linux/hmm.h" ] &&
		[ "$(tree_hash "$w/src")" = "$h0" ]; then
	row gentree-versions pass "5.2 form detected (G3); versions records project, source hash, API; dkms.conf names the module; source unchanged"
else
	row gentree-versions fail "see $w/gentree.log and $g/versions"
fi

if "$gentree" --patches "$HB_TOP/tests/packaging/fixtures/patches-good" \
		"$w/src" "$w/gen-patched" >"$w/gentree-patched.log" 2>&1 &&
		grep -q '^patch 0001-mark-backported.patch sha256:' "$w/gen-patched/versions" &&
		grep -q 'DMIRROR_BACKPORTED' "$w/gen-patched/Kbuild.driver" &&
		[ "$(tree_hash "$w/src")" = "$h0" ]; then
	row gentree-patch-set pass "patch set applied to the output only and recorded in versions"
else
	row gentree-patch-set fail "see $w/gentree-patched.log"
fi

# bad NAME PATTERN OUTDIR WATCH ARGS...: gentree must fail with PATTERN, leave
# the source tree byte-identical and write no OUTDIR and no staging dir.
#   WATCH (a directory) must stay byte-identical too: the run's own source
#   tree or the directory in the way.
bad() {
	_n=$1 _p=$2 _o=$3 _wd=$4
	shift 4
	_wh=$(tree_hash "$_wd")
	if ! expect_fail "$w/bad-$_n.log" "$_p" "$gentree" "$@"; then
		row "gentree-bad-$_n" fail "$why"
	elif [ "$(tree_hash "$w/src")" != "$h0" ] || [ "$(tree_hash "$_wd")" != "$_wh" ]; then
		row "gentree-bad-$_n" fail "the source tree (or $_wd) changed"
	elif [ -n "$_o" ] && [ -e "$_o" ]; then
		row "gentree-bad-$_n" fail "$_o was written"
	elif [ -n "$(find "$w" -maxdepth 1 -name '.gentree.*')" ]; then
		row "gentree-bad-$_n" fail "a staging directory was left in $w"
	else
		row "gentree-bad-$_n" pass "$(sed -n 's/^gentree: error: //p' "$w/bad-$_n.log" | cut -c1-250)"
	fi
}
bad no-source "does not exist" "$w/out-nosrc" "$w/src" "$w/no-such-driver" "$w/out-nosrc"
mkdir -p "$w/nohmm"
printf '// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\nMODULE_LICENSE("GPL");\n' >"$w/nohmm/plain.c"
printf 'obj-m := plain.o\n' >"$w/nohmm/Kbuild"
bad no-hmm "does not use the HMM API" "$w/out-nohmm" "$w/nohmm" "$w/nohmm" "$w/out-nohmm"
bad patch-fails "0001-bad-context\.patch.*hunk #1 at line" "$w/out-badpatch" "$w/src" \
	--patches "$HB_TOP/tests/packaging/fixtures/patches-bad" "$w/src" "$w/out-badpatch"
mkdir -p "$w/inway"
echo keep >"$w/inway/file"
bad output-in-way "not empty.*--force" "" "$w/inway" "$w/src" "$w/inway"
bad output-in-source "inside the source tree" "$w/src/out" "$w/src" "$w/src" "$w/src/out"
# --migrate-to: through spatch/migrate where the tree has it (issue 6),
# else a clear error.
if [ ! -x "$HB_TOP/spatch/migrate" ]; then
	bad migrate-missing "needs spatch/migrate" "$w/out-mig" "$w/src" --migrate-to 5.4 "$w/src" "$w/out-mig"
elif ! command -v spatch >/dev/null 2>&1; then
	row gentree-migrate skip "spatch (Debian's coccinelle) is not installed"
elif ! "$gentree" --no-patches --migrate-to 5.4 "$w/src" "$w/mig" >"$w/mig.log" 2>&1; then
	row gentree-migrate fail "gentree --migrate-to 5.4 failed; see $w/mig.log"
elif ! grep -q '^migrated G3 G5 ' "$w/mig/versions" || ! grep -q '^api G5 0x050400$' "$w/mig/versions"; then
	row gentree-migrate fail "versions does not record the migration G3 -> G5; see $w/mig/versions"
elif grep -Eq '^[[:space:]]*[^*/[:space:]].*hmm_vma_fault *\(' "$w/mig"/dmirror_glue_g52.c; then
	row gentree-migrate fail "the migrated glue still calls hmm_vma_fault()"
elif [ -z "$kdir" ] || [ ! -d "$kdir" ]; then
	row gentree-migrate skip "migrated; kernel $kid is not in the cache to build it"
elif ! "$HB_TOP/tests/harness/kmake.sh" --exec "$kid" sh "$w/mig/hb-build.sh" "$kdir" \
		>"$w/mig-build.log" 2>&1; then
	row gentree-migrate fail "the migrated tree does not build against $kid; see $w/mig-build.log"
elif [ "$(tree_hash "$w/src")" != "$h0" ]; then
	row gentree-migrate fail "the source tree changed"
else
	row gentree-migrate pass "5.2 driver migrated to 5.4 by spatch/migrate in the output only, recorded in versions, builds against $kid"
fi

# --force: replaces a non-empty output, atomically.
if "$gentree" --no-patches --force "$w/src" "$w/inway" >"$w/force.log" 2>&1 &&
		[ ! -e "$w/inway/file" ] && [ -f "$w/inway/versions" ]; then
	row gentree-force pass "--force replaced the non-empty output directory"
else
	row gentree-force fail "see $w/force.log"
fi

# A kernel tree that is not prepared: the generated tree's build says so.
mkdir -p "$w/notprepared"
echo 'all:' >"$w/notprepared/Makefile"
hg=$(tree_hash "$g")
if ! expect_fail "$w/bad-kdir.log" "not a prepared kernel tree.*modules_prepare" \
		make -C "$g" KDIR="$w/notprepared"; then
	row gentree-bad-kdir fail "$why"
elif [ "$(tree_hash "$w/src")" != "$h0" ] || [ "$(tree_hash "$g")" != "$hg" ]; then
	row gentree-bad-kdir fail "the source tree or the generated tree changed"
else
	row gentree-bad-kdir pass "$(sed -n 's/^hb-build.sh: error: //p' "$w/bad-kdir.log" | cut -c1-250)"
fi
exit 0
