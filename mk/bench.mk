# SPDX-License-Identifier: GPL-2.0
#
# make bench (tests/bench): what the compat layer costs, measured on this
# machine, every figure a ratio against its baseline in the same run.  Not
# part of make check or CI: it prints and writes a report, it asserts no time.

.PHONY: bench

help::
	@echo 'make bench [KERNELS=...]     shim run-time overhead (guest), probe, migration and build timings;'
	@echo '                             report in .cache/bench/report.md (default kernels: the default + arm64)'

bench:
	$(HB_TOP)/tests/bench/bench.sh $(KERNELS)
