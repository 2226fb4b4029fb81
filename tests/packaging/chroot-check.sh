#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# chroot-check.sh OUT DEB: the package's whole life on a real Debian 12
# system (debroot.sh: debootstrap'd bookworm with apt, dpkg and dkms, run
# through chroot in a private mount namespace; nothing is installed on the
# host), one result line per step appended to OUT (host <TAB> packaging
# <TAB> chroot-<step> <TAB> pass|fail|skip <TAB> reason).  DEB is
# hmm-backports-dkms_<version>_all.deb; a newer version is built from the
# same tree for the upgrade.  The steps, in order, each also a check of
# issue 17's points:
#   install            apt-get install ./DEB with a kernel's headers (K1)
#                      present: hmm_compat built, installed, published;
#                      modinfo version; no -Wcomment in make.log
#   config             hmm-backports-config --help (stdout, exit 0);
#                      --make-flags alone builds a dependent driver
#   dependent-package  a dependent driver as its packager ships it: gentree
#                      --compat-package tree (BUILD_DEPENDS) in a .deb that
#                      Depends: hmm-backports-dkms, installed with apt
#   second-kernel      apt-get install linux-headers-K2 afterwards: exit 0,
#                      hmm-backports built before the dependent, both
#                      installed, the dependent's symbols resolve (depmod -e)
#   bad-*              no headers, unknown kernel, no compiler, compiler
#                      mismatch, kernel without MMU_NOTIFIER, unprepared
#                      tree: non-zero exit, the one message naming the fix
#                      on the console, nothing installed changed
#   upgrade            apt-get install the newer .deb: rebuilt and
#                      republished for both kernels, old version gone
#   remove             apt-get remove: the dependent package goes with it
#                      (package relation), a hand-registered dependent is
#                      named in a warning, no publication left
#   purge              apt-get purge: nothing left behind (file list of the
#                      whole root compared with the one before install)

set -eu
. "$(dirname "$0")/../harness/lib.sh"
. "$(dirname "$0")/debroot.sh"

res=${1:?usage: chroot-check.sh OUT DEB}
deb=${2:?usage: chroot-check.sh OUT DEB}
w=$HB_CACHE/packaging/chroot
r=$w/root
rm -rf "$w"
mkdir -p "$w"
t0=$(date +%s)

row() {
	printf 'host\tpackaging\tchroot-%s\t%s\t%s\n' "$1" "$2" "$3" >>"$res"
	hb_msg "packaging: chroot-$1: $2${3:+ ($3)}"
}

# in LOG CMD: run CMD (sh -c) in the root, all output in LOG; its status.
inroot() {
	_il=$1
	shift
	debroot_run "$r" "$*" >"$_il" 2>&1
}

skip_rest() {
	for s in "$@"; do
		row "$s" skip "$why"
	done
	exit 0
}

all="install config dependent-package second-kernel bad-no-headers bad-unknown-kernel bad-no-compiler bad-compiler-mismatch bad-no-mmu-notifier bad-unprepared-tree upgrade remove purge"
for c in debootstrap unshare chroot dpkg-deb dpkg-buildpackage; do
	command -v $c >/dev/null 2>&1 || { why="$c is missing (README.md, What CI installs)"; skip_rest $all; }
done
if ! debroot_base >"$w/base.log" 2>&1; then
	why="no Debian 12 root: $(tail -n 1 "$w/base.log")"
	skip_rest $all
fi
debroot_new "$r"
. "$r/hb-kernels"
v1=$(dpkg-deb -f "$deb" Version)
v2=$(echo "$v1" | awk -F. -v OFS=. '{ $NF = $NF + 1; print }')

# --- what the test installs, built on the host ------------------------------
# The newer version: the same tree, versions and changelog bumped.
sh "$HB_TOP/packaging/export-tree.sh" "$w/v2/hmm-backports" --worktree
(
	cd "$w/v2/hmm-backports"
	sed -i "s/^project $v1\$/project $v2/" versions
	{
		echo "hmm-backports ($v2) unstable; urgency=medium"
		echo
		echo "  * Test upgrade of $v1 (tests/packaging/chroot-check.sh)."
		echo
		sed -n '0,/^ -- /{/^ -- /p}' debian/changelog
		echo
		cat debian/changelog
	} >debian/changelog.new
	mv debian/changelog.new debian/changelog
	nice -n 10 dpkg-buildpackage -b -us -uc -rfakeroot
) >"$w/v2.log" 2>&1 || { why="building the $v2 package failed; see $w/v2.log"; skip_rest $all; }
deb2=$(ls "$w"/v2/hmm-backports-dkms_"$v2"_all.deb)

# The dependent driver, as its packager ships it: a gentree --compat-package
# tree (dkms.conf with BUILD_DEPENDS) in a .deb that Depends:
# hmm-backports-dkms, with dh_dkms's maintainer scripts.
sh "$HB_TOP/tests/packaging/mkfixture.sh" g52 "$w/dep-src" >/dev/null
"$HB_TOP/backports/gentree" --compat-package --no-patches --name dmirror-dep \
	--version 1.0 "$w/dep-src" "$w/dep-tree" >"$w/dep-gentree.log" 2>&1 ||
	{ why="gentree --compat-package failed; see $w/dep-gentree.log"; skip_rest $all; }
p=$w/dep-deb
mkdir -p "$p/DEBIAN" "$p/usr/src"
cp -R "$w/dep-tree" "$p/usr/src/dmirror-dep-1.0"
cat >"$p/DEBIAN/control" <<EOF
Package: dmirror-dep-dkms
Version: 1.0
Architecture: all
Maintainer: hmm-backports tests <tests@invalid.example>
Depends: dkms, hmm-backports-dkms
Description: test driver built against hmm-backports-dkms
 The mirror test driver (5.2 API), a DKMS module that builds against the
 hmm-backports compat package.
EOF
sed -e 's/#MODULE_NAME#/dmirror-dep/; s/#MODULE_VERSION#/1.0/' \
	/usr/share/debhelper/autoscripts/postinst-dkms >"$p/DEBIAN/postinst.body"
sed -e 's/#MODULE_NAME#/dmirror-dep/; s/#MODULE_VERSION#/1.0/' \
	/usr/share/debhelper/autoscripts/prerm-dkms >"$p/DEBIAN/prerm.body"
for s in postinst prerm; do
	{ echo '#!/bin/sh'; echo 'set -e'; cat "$p/DEBIAN/$s.body"; } >"$p/DEBIAN/$s"
	rm "$p/DEBIAN/$s.body"
	chmod 755 "$p/DEBIAN/$s"
done
dpkg-deb --root-owner-group -b "$p" "$w/dmirror-dep-dkms_1.0_all.deb" >"$w/dep-deb.log" 2>&1 ||
	{ why="building the dependent's .deb failed; see $w/dep-deb.log"; skip_rest $all; }

mkdir -p "$r/tmp/hb"
cp "$deb" "$deb2" "$w/dmirror-dep-dkms_1.0_all.deb" "$r/tmp/hb/"
cp -R "$w/dep-tree" "$r/tmp/hb/dep-tree"
inroot "$w/files-before.log" 'find / -xdev -path /proc -prune -o -path /tmp -prune -o -print | LC_ALL=C sort >/tmp/files-before'

ko() { echo "/lib/modules/$1/updates/dkms/$2.ko"; }

# --- install ---------------------------------------------------------------
l=$w/install.log
if ! inroot "$l" "apt-get install -y /tmp/hb/$(basename "$deb")"; then
	row install fail "apt-get install exited non-zero; see $l"
elif ! inroot "$w/install-check.log" "
		set -e
		dkms status hmm-backports/$v1 -k $K1 | grep -q ': installed'
		for f in Module.symvers hb_probes.h versions compat/hmm.h; do
			test -f /usr/lib/hmm-backports/$K1/\$f
		done
		test \"\$(modinfo -F version $(ko "$K1" hmm_compat)*)\" = $v1
		! grep -n 'within comment\|-Wcomment' /var/lib/dkms/hmm-backports/$v1/$K1/*/log/make.log
		! grep -n 'warning:' /var/lib/dkms/hmm-backports/$v1/$K1/*/log/make.log"; then
	row install fail "hmm_compat not installed/published for $K1, wrong modinfo version or a warning in make.log; see $w/install-check.log"
else
	row install pass "apt-get install with $K1 headers: hmm_compat built, installed, published (headers, hb_probes.h, Module.symvers); modinfo version $v1; make.log without warnings"
fi

# --- hmm-backports-config --------------------------------------------------
if ! inroot "$w/config.log" "
		set -e
		hmm-backports-config --help >/tmp/help.out 2>/tmp/help.err
		grep -q -- --make-flags /tmp/help.out
		! test -s /tmp/help.err
		rm -rf /tmp/mf && cp -R /tmp/hb/dep-tree /tmp/mf && cd /tmp/mf
		make -C /lib/modules/$K1/build M=/tmp/mf \$(hmm-backports-config --make-flags $K1) modules
		modinfo -F depends /tmp/mf/dmirror_gentree_g52.ko | grep -qw hmm_compat"; then
	row config fail "--help not on stdout with exit 0, or --make-flags alone does not build the dependent; see $w/config.log"
else
	row config pass "--help on stdout, exit 0; make M=... \$(hmm-backports-config --make-flags $K1) alone built a 5.2 driver depending on hmm_compat"
fi

# --- the dependent's package ------------------------------------------------
if ! inroot "$w/dep-install.log" "apt-get install -y /tmp/hb/dmirror-dep-dkms_1.0_all.deb && dkms install dmirror-dep/1.0 -k $K1"; then
	row dependent-package fail "installing the dependent's package or its dkms install for $K1 failed; see $w/dep-install.log"
elif ! inroot "$w/dep-check.log" "dkms status dmirror-dep/1.0 -k $K1 | grep -q ': installed' && modinfo -F depends $(ko "$K1" dmirror_gentree_g52)* | grep -qw hmm_compat"; then
	row dependent-package fail "dmirror-dep not installed for $K1 or not depending on hmm_compat; see $w/dep-check.log"
else
	row dependent-package pass "gentree --compat-package tree (BUILD_DEPENDS hmm-backports) in a .deb with Depends: hmm-backports-dkms: installed, built for $K1 against the package"
fi

# --- a second kernel's headers, the dependent registered ---------------------
l=$w/second-kernel.log
if ! inroot "$l" "apt-get install -y --no-download linux-headers-$K2"; then
	row second-kernel fail "apt-get install linux-headers-$K2 exited non-zero; see $l"
elif ! inroot "$w/second-check.log" "
		set -e
		dkms status hmm-backports/$v1 -k $K2 | grep -q ': installed'
		dkms status dmirror-dep/1.0 -k $K2 | grep -q ': installed'
		a=\$(stat -c %Y /var/lib/dkms/hmm-backports/$v1/$K2/*/log/make.log)
		b=\$(stat -c %Y /var/lib/dkms/dmirror-dep/1.0/$K2/*/log/make.log)
		test \$a -le \$b
		! depmod -n -e -E /usr/src/linux-headers-$K2/Module.symvers $K2 2>&1 >/dev/null | grep -i 'unknown symbol'"; then
	row second-kernel fail "after the headers: not both installed for $K2, wrong order, or unknown symbols; see $l, $w/second-check.log"
else
	o1=$(grep -n 'hmm_compat' "$l" | head -n 1 | cut -d: -f1)
	o2=$(grep -n 'dmirror_gentree_g52' "$l" | head -n 1 | cut -d: -f1)
	if [ -z "$o1" ] || [ -z "$o2" ] || [ "$o1" -gt "$o2" ]; then
		row second-kernel fail "autoinstall did not build hmm-backports first (line $o1) and the dependent after (line $o2); see $l"
	else
		row second-kernel pass "apt-get install linux-headers-$K2 exit 0: autoinstall built hmm-backports, then dmirror-dep (BUILD_DEPENDS); depmod -e: no unknown symbol"
	fi
fi

# --- bad input ---------------------------------------------------------------
# A copy of K1's headers tree (its Makefile includes the common tree) made
# into kernels that cannot work, built under made-up releases; dkms state
# and the publication must stay as they were.
inroot "$w/fake.log" "
	set -e
	cp -a /usr/src/linux-headers-$K1 /usr/src/hb-fake-cc
	sed -i 's/^CONFIG_CC_VERSION_TEXT=.*/CONFIG_CC_VERSION_TEXT=\"gcc-99 (Debian 99.1.0-1) 99.1.0\"/; s/^CONFIG_GCC_VERSION=.*/CONFIG_GCC_VERSION=990100/' /usr/src/hb-fake-cc/.config
	cp -a /usr/src/linux-headers-$K1 /usr/src/hb-fake-nommu
	sed -i '/^CONFIG_MMU_NOTIFIER=/d' /usr/src/hb-fake-nommu/.config
	mkdir -p /usr/src/hb-fake-unprepared/include && echo 'all:' >/usr/src/hb-fake-unprepared/Makefile
	mkdir -p /lib/modules/6.1.0-999-amd64
	(dkms status; find /usr/lib/hmm-backports -type f | xargs sha256sum) >/tmp/state-before"
# bad NAME PATTERN CMD: CMD (in the root) must fail with PATTERN on its
# console output, and leave dkms's state and the publication unchanged;
# its output must not hold $forbid (if set).
forbid=
bad() {
	_n=$1 _p=$2
	shift 2
	_l=$w/bad-$_n.log
	if inroot "$_l" "$*"; then
		row "bad-$_n" fail "exited 0; see $_l"
	elif ! grep -Eq "$_p" "$_l"; then
		row "bad-$_n" fail "no message matching /$_p/ on the console; see $_l"
	elif [ -n "$forbid" ] && grep -q "$forbid" "$_l"; then
		row "bad-$_n" fail "$forbid; see $_l"
	elif ! inroot "$w/bad-$_n-state.log" '(dkms status; find /usr/lib/hmm-backports -type f | xargs sha256sum) | cmp - /tmp/state-before'; then
		row "bad-$_n" fail "dkms status or the publication changed; see $w/bad-$_n-state.log"
	else
		row "bad-$_n" pass "$(grep -Eo -m1 "(hb-build.sh|hmm-backports-config): error: .*" "$_l" | cut -c1-240)"
	fi
}
bad no-headers "hmm-backports-config: error: .*linux-headers-6\.1\.0-999-amd64.*dkms install hmm-backports/$v1 -k 6\.1\.0-999-amd64" \
	"hmm-backports-config --cflags 6.1.0-999-amd64; sh /usr/src/hmm-backports-$v1/hb-build.sh /lib/modules/6.1.0-999-amd64/build 6.1.0-999-amd64"
bad unknown-kernel "unknown kernel 'hb-no-such'.*linux-headers-hb-no-such" \
	"hmm-backports-config --make-flags hb-no-such"
bad no-compiler "hb-build.sh: error: no C compiler for kernel hb-nocc.*install gcc-12" \
	"for f in /usr/bin/x86_64-linux-gnu-gcc-12 /usr/bin/x86_64-linux-gnu-cpp-12; do mount --bind /dev/null \$f; done
	 dkms build hmm-backports/$v1 -k hb-nocc --kernelsourcedir /usr/src/linux-headers-$K1"
bad compiler-mismatch "hb-build.sh: error: compiler mismatch for kernel hb-cc.*Install gcc-99" \
	"dkms build hmm-backports/$v1 -k hb-cc --kernelsourcedir /usr/src/hb-fake-cc"
forbid='the first error in make.log is not the MMU_NOTIFIER message'
bad no-mmu-notifier "hb-build.sh: error: kernel hb-nommu is built without CONFIG_MMU_NOTIFIER" \
	"dkms build hmm-backports/$v1 -k hb-nommu --kernelsourcedir /usr/src/hb-fake-nommu; r=\$?
	 sed -n '/error/{p;q}' /var/lib/dkms/hmm-backports/$v1/build/make.log | grep -q 'hb-build.sh: error: kernel hb-nommu' || echo '$forbid'
	 exit \$r"
forbid=
bad unprepared-tree "not a prepared kernel tree.*modules_prepare" \
	"dkms build hmm-backports/$v1 -k hb-unprepared --kernelsourcedir /usr/src/hb-fake-unprepared"
inroot "$w/fake-clean.log" "rm -rf /usr/src/hb-fake-* /lib/modules/6.1.0-999-amd64 /var/lib/dkms/hmm-backports/$v1/build"

# --- upgrade ----------------------------------------------------------------
l=$w/upgrade.log
if ! inroot "$l" "apt-get install -y /tmp/hb/$(basename "$deb2")"; then
	row upgrade fail "apt-get install of $v2 exited non-zero; see $l"
elif ! inroot "$w/upgrade-check.log" "
		set -e
		for k in $K1 $K2; do
			dkms status hmm-backports/$v2 -k \$k | grep -q ': installed'
			grep -qx 'project $v2' /usr/lib/hmm-backports/\$k/versions
			test \"\$(modinfo -F version $(ko '$k' hmm_compat)*)\" = $v2
		done
		! dkms status hmm-backports/$v1 | grep -q .
		! test -e /usr/src/hmm-backports-$v1"; then
	row upgrade fail "$v2 not installed and republished for both kernels, or $v1 left; see $w/upgrade-check.log"
elif ! grep -q 'dmirror-dep/1.0' "$l"; then
	row upgrade fail "the upgrade did not name the dependent driver to rebuild; see $l"
else
	row upgrade pass "$v1 -> $v2: rebuilt, installed, republished for $K1 and $K2; $v1 gone; the dependent named for a rebuild"
fi

# --- remove: the packaged dependent goes, a hand-registered one is named ---
inroot "$w/hand.log" "
	set -e
	cp -R /tmp/hb/dep-tree /usr/src/dmirror-hand-1.0
	sed -i 's/^PACKAGE_NAME=.*/PACKAGE_NAME=\"dmirror-hand\"/; s/^BUILT_MODULE_NAME\[0\]=.*/BUILT_MODULE_NAME[0]=\"dmirror_gentree_g52\"\nDEST_MODULE_NAME[0]=\"dmirror_hand\"/' /usr/src/dmirror-hand-1.0/dkms.conf
	dkms add dmirror-hand/1.0
	dkms install dmirror-hand/1.0 -k $K1" || true
l=$w/remove.log
if ! inroot "$l" "apt-get remove -y hmm-backports-dkms"; then
	row remove fail "apt-get remove exited non-zero; see $l"
elif ! grep -q 'warning: .*built against it' "$l" || ! grep -q 'dmirror-hand/1.0: *'"$K1" "$l"; then
	row remove fail "no warning naming the hand-registered dmirror-hand/1.0; see $l"
elif ! inroot "$w/remove-check.log" "
		set -e
		! dpkg -s dmirror-dep-dkms 2>/dev/null | grep -q '^Status: install ok installed'
		! dkms status | grep -E '^(hmm-backports|dmirror-dep)[/,]'
		! test -e /usr/lib/hmm-backports
		! ls /lib/modules/*/updates/dkms/hmm_compat.ko* 2>/dev/null"; then
	row remove fail "after remove: the dependent package, a dkms entry, the publication or hmm_compat.ko is left; see $w/remove-check.log"
else
	row remove pass "apt removed the dependent package with it (Depends); warned naming dmirror-hand/1.0 ($K1); no module, dkms entry or /usr/lib/hmm-backports left"
fi

# --- purge: nothing left ----------------------------------------------------
l=$w/purge.log
inroot "$w/hand-remove.log" "dkms remove dmirror-hand/1.0 --all && rm -rf /usr/src/dmirror-hand-1.0" || true
if ! inroot "$l" "apt-get purge -y hmm-backports-dkms"; then
	row purge fail "apt-get purge exited non-zero; see $l"
else
	# Left behind: any path not there before install, other than apt's
	# and dpkg's own records, the files of packages still installed (the
	# second kernel's headers), depmod's outputs and dkms's signing key
	# (/var/lib/dkms/mok.*, dkms's own, made at its first build).
	inroot "$w/purge-files.log" "
		find / -xdev -path /proc -prune -o -path /tmp -prune -o -print | LC_ALL=C sort >/tmp/files-after
		dpkg-query -W -f '\${Package}\n' | xargs dpkg -L 2>/dev/null |
			sed 's#^/lib/#/usr/lib/#; s#^/bin/#/usr/bin/#; s#^/sbin/#/usr/sbin/#' | LC_ALL=C sort -u >/tmp/owned
		LC_ALL=C comm -13 /tmp/files-before /tmp/files-after | LC_ALL=C comm -23 - /tmp/owned |
			grep -Ev '^/var/(lib/dpkg|lib/apt|cache|log)(/|\$)|^/var/lib/dkms/mok\.(key|pub)\$|^/usr/lib/modules/[^/]*/modules\.|^/root(/|\$)|^/etc/[a-z]*-\$' || true"
	left=$(grep '^/' "$w/purge-files.log" || true)
	if [ -n "$left" ]; then
		row purge fail "left behind: $(echo "$left" | head -n 8 | tr '\n' ' ')"
	elif inroot "$w/purge-check.log" "s=\$(dpkg-query -W -f '\${Status}' hmm-backports-dkms 2>/dev/null || true)
			case \$s in '' | *not-installed) exit 1 ;; esac"; then
		row purge fail "dpkg still knows hmm-backports-dkms; see $w/purge-check.log"
	else
		row purge pass "nothing left: every path not there before install is dpkg/apt state or the second kernel's headers"
	fi
fi
hb_msg "packaging: chroot test took $(($(date +%s) - t0)) s"
