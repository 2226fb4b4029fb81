# SPDX-License-Identifier: GPL-2.0
#
# The semantic patches (spatch/): their tests, and the migrate command.
# `make check` runs the same tests through tests/spatch/host-check.sh.

.PHONY: check-spatch migrate

help::
	@echo 'make check-spatch            the semantic patches'"'"' per-step tests and spatch/migrate'"'"'s own (tests/spatch)'
	@echo 'make migrate FROM=5.2 [TO=5.8] DIR=path | FILES="a.c b.c" [MIGRATE_FLAGS="--out DIR | --in-place | --check | --stats"]'
	@echo '                             migrate a driver'"'"'s HMM call sites (spatch/migrate --help)'

check-spatch:
	@out=$$(mktemp) || exit 1; \
	$(HB_TOP)/tests/spatch/host-check.sh $$out; st=$$?; \
	awk -F '\t' '{ printf "%-4s  %s: %s\n", $$4, $$3, $$5 }' $$out; \
	awk -F '\t' '{ n[$$4]++ } END { printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]; exit n["fail"] > 0 }' $$out; \
	fst=$$?; rm -f $$out; [ $$st = 0 ] && [ $$fst = 0 ]

migrate:
	@[ -n "$(FROM)" ] || { echo 'make migrate needs FROM=<release the code is written for>, e.g. FROM=5.2, and DIR=path or FILES=...' >&2; exit 2; }
	$(HB_TOP)/spatch/migrate --from $(FROM) $(if $(TO),--to $(TO)) $(if $(DIR),--dir $(DIR)) $(MIGRATE_FLAGS) $(FILES)
