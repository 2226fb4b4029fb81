# SPDX-License-Identifier: GPL-2.0
#
# hmm-backports.  `make help` lists the targets.

HB_TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
HARNESS := $(HB_TOP)/tests/harness
export HB_TOP

# The matrix and the default kernel come from `versions`, nowhere else.
DEFAULT_KERNEL := $(shell awk '$$1 == "default-kernel" { print $$2 }' $(HB_TOP)/versions)
ALL_KERNELS := $(shell awk '$$1 == "kernel" { print $$2 }' $(HB_TOP)/versions)

.PHONY: all demo kernels check modules probes lint report clean distclean help

all: demo

# Targets of other parts of the tree live in mk/*.mk (each adds its own
# help:: lines).
help::
	@echo 'make [demo]                  the default kernel ($(DEFAULT_KERNEL)): the modern and the 5.4 glue through the shim, booted, suite + hmm-tests'
	@echo 'make kernels [KERNELS=...]   fetch and unpack the Debian kernel matrix (REFRESH=1: newest builds)'
	@echo 'make check [KERNELS=...]     build and boot every kernel of the matrix ($(ALL_KERNELS)), report'
	@echo 'make check KDIR=/path        build against a prepared kernel tree of yours (no boot)'
	@echo 'make modules KDIR=/path      the same'
	@echo 'make probes [KDIR=/path | KERNELS=...]  run the compile probes, print what the kernel has'
	@echo 'make lint [KERNELS=id]       checkpatch --strict, W=1 and sparse over the kernel code'
	@echo 'make report [KERNELS=...] [HB_RESULTS=dir:dir]  the report of results already there (shards of make check merged)'
	@echo 'make clean | distclean       remove build outputs | also the download cache'

demo:
	$(HARNESS)/check.sh --demo $(DEFAULT_KERNEL)

kernels:
	$(HARNESS)/kernels.sh $(if $(REFRESH),--refresh) $(KERNELS)

ifneq ($(KDIR),)
check modules:
	$(HARNESS)/build.sh --kdir $(KDIR)

probes:
	$(HARNESS)/build.sh --probes --kdir $(KDIR)
else
probes:
	$(HARNESS)/kernels.sh $(or $(KERNELS),$(ALL_KERNELS))
	for k in $(or $(KERNELS),$(ALL_KERNELS)); do $(HARNESS)/build.sh --probes $$k || exit 1; done

check:
	$(HARNESS)/check.sh $(KERNELS)

modules:
	@echo 'make modules needs KDIR=/path/to/a/prepared/kernel/tree' >&2; exit 2
endif

lint:
	$(HARNESS)/lint.sh $(firstword $(KERNELS))

# The report of results already there: of this machine's make check, or of
# shards run elsewhere (make check KERNELS=<id> on each machine, their
# .cache/results directories given as HB_RESULTS=dir1:dir2...).
report:
	$(HARNESS)/report.sh $(or $(KERNELS),$(ALL_KERNELS))

clean:
	rm -rf $(HB_TOP)/.cache/build $(HB_TOP)/.cache/results

distclean:
	rm -rf $(HB_TOP)/.cache

-include $(sort $(wildcard $(HB_TOP)/mk/*.mk))
