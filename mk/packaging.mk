# SPDX-License-Identifier: GPL-2.0
#
# Packaging targets (README.md, "Packaging"): backports/gentree, the Debian
# and RPM packages of the compat layer, the release tarball.

DISTDIR ?= $(HB_TOP)/.cache/dist
PKGDIR ?= $(HB_TOP)/.cache/packages

.PHONY: gentree dist deb rpm check-packaging

help::
	@echo 'make gentree SRC=dir OUT=dir [GENTREE_FLAGS=...]  backport tree of a driver (backports/gentree --help)'
	@echo 'make dist [DISTDIR=...] [FORCE=1]  release tarball hmm-backports-<version>.tar.xz of git HEAD'
	@echo 'make deb [PKGDIR=...]        hmm-backports-dkms .deb (+ source package) from git HEAD'
	@echo 'make rpm [PKGDIR=...]        hmm-backports-dkms DKMS rpm from git HEAD'
	@echo 'make check-packaging         the packaging host checks alone (deb, lintian, dkms, rpm, dist, gentree)'

gentree:
	@test -n "$(SRC)" -a -n "$(OUT)" || { echo 'make gentree needs SRC=<driver dir> OUT=<output dir>' >&2; exit 2; }
	$(HB_TOP)/backports/gentree $(GENTREE_FLAGS) $(SRC) $(OUT)

dist:
	@sh $(HB_TOP)/packaging/dist.sh $(DISTDIR) $(if $(FORCE),$(FORCE),0)

deb:
	sh $(HB_TOP)/packaging/build-deb.sh $(PKGDIR) HEAD

rpm:
	sh $(HB_TOP)/packaging/build-rpm.sh $(PKGDIR) HEAD

check-packaging:
	@mkdir -p $(HB_TOP)/.cache/results/host
	$(HB_TOP)/tests/packaging/host-check.sh $(HB_TOP)/.cache/results/host/packaging.tsv
	@cat $(HB_TOP)/.cache/results/host/packaging.tsv
	@! grep -q '	fail	' $(HB_TOP)/.cache/results/host/packaging.tsv
