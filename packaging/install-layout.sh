#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# install-layout.sh DESTDIR [VERSION]: install the hmm-backports compat
# package's files under DESTDIR (what debian/rules and the rpm spec run):
#   /usr/src/hmm-backports-VERSION/   the DKMS source tree: dkms.conf,
#       hb-build.sh (probes + kbuild at build time on the target kernel),
#       hb-dkms-publish.sh, versions, compat/ (Kbuild, *.c, include/,
#       probe.sh, probes/)
#   /usr/lib/hmm-backports/            empty: dkms publishes a kernel's
#       headers, hb_probes.h and Module.symvers in it when it installs
#       hmm_compat for that kernel (hb-dkms-publish.sh); the package owns it
#   /usr/bin/hmm-backports-config      the flags helper for dependent drivers
#   /usr/share/man/man1/hmm-backports-config.1
# VERSION defaults to the project version in `versions`.  Only what git
# tracks matters here: no build outputs are copied.

set -eu
dest=${1:?usage: install-layout.sh DESTDIR [VERSION]}
top=$(cd "$(dirname "$0")/.." && pwd)
version=${2:-$(awk '$1 == "project" { print $2; exit }' "$top/versions")}
[ -n "$version" ] || { echo "install-layout.sh: no project version in $top/versions" >&2; exit 1; }

src=$dest/usr/src/hmm-backports-$version
mkdir -p "$src/compat/include/compat" "$src/compat/probes" "$dest/usr/bin" \
	"$dest/usr/lib/hmm-backports"
install -m 644 "$top"/compat/Kbuild "$top"/compat/*.c "$src/compat/"
install -m 644 "$top"/compat/include/compat/*.h "$src/compat/include/compat/"
install -m 644 "$top"/compat/probes/*.c "$src/compat/probes/"
install -m 755 "$top/compat/probe.sh" "$src/compat/"
install -m 755 "$top/packaging/hb-build.sh" "$top/packaging/hb-dkms-publish.sh" "$src/"
install -m 644 "$top/versions" "$src/"
sed "s|@VERSION@|$version|g" "$top/packaging/dkms.conf.in" >"$src/dkms.conf"
chmod 644 "$src/dkms.conf"
sed "s|@VERSION@|$version|g" "$top/packaging/hmm-backports-config.in" \
	>"$dest/usr/bin/hmm-backports-config"
chmod 755 "$dest/usr/bin/hmm-backports-config"
mkdir -p "$dest/usr/share/man/man1"
install -m 644 "$top/packaging/hmm-backports-config.1" "$dest/usr/share/man/man1/"
