# SPDX-License-Identifier: GPL-2.0
#
# Reliability (tests/reliability): the debug kernel and its run, and the
# tools' bad-input table.  `make check` already runs the stress, fuzzing and
# fault-injection guest programs (build-hook.sh) and the bad-input table
# (host-check.sh) with small defaults.

.PHONY: debug-kernel check-debug check-bad-input

help::
	@echo 'make debug-kernel            build the KASAN/lockdep/kmemleak/fault-injection kernel (linux-source 6.12, cached)'
	@echo 'make check-debug             the whole guest plan on the debug kernel; fails on any splat, warning or leak'
	@echo '                             (soaks: HB_STRESS_ARGS="-t 16 -s 3600" HB_FUZZ_ARGS="-n 100000" HB_DEBUG_FAILINJ_ARGS=...)'
	@echo 'make check-bad-input         the tools'"'"' bad-input table alone (tests/reliability/host-check.sh)'

debug-kernel:
	$(HB_TOP)/tests/reliability/debug-kernel.sh

check-debug:
	$(HB_TOP)/tests/reliability/check-debug.sh

check-bad-input:
	@out=$$(mktemp) || exit 1; \
	$(HB_TOP)/tests/reliability/host-check.sh $$out; st=$$?; \
	awk -F '\t' '{ printf "%-4s  %s: %s\n", $$4, $$3, $$5 }' $$out; \
	awk -F '\t' '{ n[$$4]++ } END { printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]; exit n["fail"] > 0 }' $$out; \
	fst=$$?; rm -f $$out; [ $$st = 0 ] && [ $$fst = 0 ]
