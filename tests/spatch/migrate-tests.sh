# SPDX-License-Identifier: GPL-2.0
#
# migrate-tests.sh: spatch/migrate's behaviour tests, sourced by
# host-check.sh (which defines res, $migrate, $tmp, $top).  They run the
# whole path from 5.2 on a copy of the 5.2 mirror glue (tests/driver).

# mig ARGS...: run migrate, stdout in $tmp/m.out, stderr in $tmp/m.err,
# status in $mst.
mig() {
	# shellcheck disable=SC2086
	set -- $MIG_TO "$@"
	SPATCH=${SPATCH:-spatch} "$migrate" "$@" >"$tmp/m.out" 2>"$tmp/m.err"
	mst=$?
}

# mig_in DIR ARGS...: the same, run from DIR.
mig_in() {
	_o=$(pwd)
	cd "$1" || return
	shift
	mig "$@"
	cd "$_o" || return
}

sum() { cksum <"$1"; }

migrate_tests() {
	# The target: the newest generation (migrate's default) once every
	# step exists; MIG_TO="--to REL" narrows it.
	MIG_TO=${MIG_TO-}
	g=$tmp/mt
	mkdir -p "$g/drv"
	cp "$top/tests/driver/dmirror_glue_g52.c" "$top/tests/driver/dmirror.h" "$g/drv/"
	git -C "$g/drv" init -q 2>/dev/null
	git -C "$g/drv" -c user.name=t -c user.email=t@t add . &&
		git -C "$g/drv" -c user.name=t -c user.email=t@t commit -q -m 5.2
	f=$g/drv/dmirror_glue_g52.c
	before=$(sum "$f")

	# Default: a unified diff, the file untouched.
	mig_in "$g/drv" --from 5.2 dmirror_glue_g52.c
	if [ $mst = 0 ] && grep -q '^+++ b/dmirror_glue_g52.c' "$tmp/m.out" &&
			[ "$(sum "$f")" = "$before" ]; then
		res migrate:diff pass "default output is a unified diff; the file is untouched"
	else
		res migrate:diff fail "exit $mst; diff header $(grep -c '^+++ ' "$tmp/m.out"); file changed: $([ "$(sum "$f")" = "$before" ] && echo no || echo yes); $(tail -n 3 "$tmp/m.err" | tr '\n' ' ')"
	fi
	if grep -q '^step 5.2 -> 5.3 .*1 of 1 files changed' "$tmp/m.err" &&
			grep -q '^summary: .* 0 construct(s) not converted' "$tmp/m.err"; then
		res migrate:results pass "per-step and per-file results and a summary on stderr"
	else
		res migrate:results fail "stderr lacks the step/summary lines: $(tr '\n' '|' <"$tmp/m.err" | cut -c1-300)"
	fi

	# --dir with the git prefilter, --out, refusal to overwrite.
	mig --from 5.2 --dir "$g/drv" --out "$g/out1" --stats
	if [ $mst = 0 ] && [ -f "$g/out1/dmirror_glue_g52.c" ] &&
			[ ! -e "$g/out1/dmirror.h" ] && [ "$(sum "$f")" = "$before" ] &&
			grep -q '^stats: .*total' "$tmp/m.err"; then
		res migrate:out pass "--dir + --out writes only the changed file; --stats times it"
	else
		res migrate:out fail "exit $mst: $(tail -n 3 "$tmp/m.err" | tr '\n' ' ')"
	fi
	mig --from 5.2 --dir "$g/drv" --out "$g/out1"
	if [ $mst = 1 ] && grep -q 'not empty.*--force' "$tmp/m.err"; then
		res migrate:out-exists pass "refuses to write into a non-empty --out without --force"
	else
		res migrate:out-exists fail "exit $mst: $(tail -n 2 "$tmp/m.err" | tr '\n' ' ')"
	fi

	# Idempotence: migrating the output again changes nothing.
	mig_in "$g/out1" --from 5.2 dmirror_glue_g52.c
	if [ $mst = 0 ] && [ ! -s "$tmp/m.out" ]; then
		res migrate:idempotent pass "a second run over its own output changes nothing"
	else
		res migrate:idempotent fail "exit $mst, second run diff: $(head -n 12 "$tmp/m.out" | tr '\n' '|')"
	fi

	# --check: the old forms, nothing changed.
	mig_in "$g/drv" --check --from 5.2 dmirror_glue_g52.c
	if [ $mst = 3 ] && grep -q 'dmirror_glue_g52.c:[0-9]*: ' "$tmp/m.err" &&
			[ "$(sum "$f")" = "$before" ]; then
		res migrate:check pass "--check lists $(grep -c 'dmirror_glue_g52.c:[0-9]*: ' "$tmp/m.err") old-form place(s), changes nothing"
	else
		res migrate:check fail "exit $mst: $(tail -n 3 "$tmp/m.err" | tr '\n' ' ')"
	fi

	# --in-place: only clean, tracked files.
	echo '/* local edit */' >>"$f"
	dirty=$(sum "$f")
	mig_in "$g/drv" --from 5.2 --in-place dmirror_glue_g52.c
	if [ $mst = 1 ] && grep -q 'uncommitted changes' "$tmp/m.err" &&
			[ "$(sum "$f")" = "$dirty" ]; then
		res migrate:dirty pass "--in-place refuses a file with uncommitted changes"
	else
		res migrate:dirty fail "exit $mst: $(tail -n 2 "$tmp/m.err" | tr '\n' ' ')"
	fi
	git -C "$g/drv" checkout -q -- dmirror_glue_g52.c
	cp "$f" "$g/drv/untracked.c"
	mig_in "$g/drv" --from 5.2 --in-place untracked.c
	if [ $mst = 1 ] && grep -q 'not tracked by git' "$tmp/m.err"; then
		res migrate:untracked pass "--in-place refuses a file git does not track"
	else
		res migrate:untracked fail "exit $mst: $(tail -n 2 "$tmp/m.err" | tr '\n' ' ')"
	fi
	rm -f "$g/drv/untracked.c"
	mig_in "$g/drv" --from 5.2 --in-place dmirror_glue_g52.c
	if [ $mst = 0 ] && cmp -s "$f" "$g/out1/dmirror_glue_g52.c"; then
		res migrate:in-place pass "--in-place on a clean tracked file writes what --out wrote"
	else
		res migrate:in-place fail "exit $mst: $(tail -n 2 "$tmp/m.err" | tr '\n' ' ')"
	fi

	# Kconfig alone, and a Kconfig as the last candidate after a C file
	# (both exited 1 without a word).
	mkdir -p "$g/k"
	cp "$here/hmm-5.3-to-5.4/nouveau.Kconfig" "$g/k/Kconfig"
	cp "$here/hmm-5.3-to-5.4/register.c" "$g/k/A.c"
	mig_in "$g/k" --from 5.3 --to 5.4 Kconfig
	if [ $mst = 0 ] && grep -q '^+.*select HMM_MIRROR' "$tmp/m.out"; then
		res migrate:kconfig-only pass "a Kconfig alone is migrated (exit 0, diff on stdout)"
	else
		res migrate:kconfig-only fail "exit $mst: $(tr '\n' '|' <"$tmp/m.err" | cut -c1-300)"
	fi
	mig_in "$g/k" --from 5.3 --to 5.4 A.c Kconfig
	if [ $mst = 0 ] && grep -q '^+++ b/Kconfig' "$tmp/m.out" && grep -q '^+++ b/A.c' "$tmp/m.out"; then
		res migrate:kconfig-last pass "a C file and a Kconfig as the last candidate: both migrated"
	else
		res migrate:kconfig-last fail "exit $mst: $(tr '\n' '|' <"$tmp/m.err" | cut -c1-300)"
	fi

	# 5.7's device-private owner across a driver's files: the pgmap and
	# its migrate_to_ram in a file that names no hmm_ function (a
	# candidate all the same), the range, filled field by field, in
	# another; one owner for the three places, exit 0.
	cp -r "$here/migrate-owner" "$g/own"
	mig_in "$g/own" --from 5.5 --to 5.7 --out "$g/own/out" --dir .
	if [ $mst = 0 ] && grep -q '^	gdev->vram.pagemap.owner = gdev;' "$g/own/out/vram.c" &&
			grep -q '^		.src_owner = gdev,' "$g/own/out/vram.c" &&
			grep -q '^	range.dev_private_owner = gdev;' "$g/own/out/fault.c"; then
		res migrate:owner-across-files pass "5.5 -> 5.7 gives the pgmap and its migrate_to_ram (vram.c) and the range (fault.c) one owner, the driver's struct gpu_device"
	else
		res migrate:owner-across-files fail "exit $mst: $(tr '\n' '|' <"$tmp/m.err" | cut -c1-300)"
	fi

	# No false success: a step that leaves something stops the run there
	# (exit 3) and names each place at its line in the output, with the
	# construct and the fix; never line 0.
	mkdir -p "$g/s"
	cp "$here/hmm-5.2-to-5.3/double-unlock-after.c" "$g/s/"
	mig_in "$g/s" --from 5.2 --to 5.8 --out "$g/s/out" double-unlock-after.c
	ln=$(sed -n 's/^  left     double-unlock-after.c:\([0-9]*\): .*mmap_sem.*/\1/p' "$tmp/m.err" | head -n 1)
	if [ $mst = 3 ] && [ -n "$ln" ] && grep -q 'stopped after step 5.2 -> 5.3' "$tmp/m.err" &&
			grep -q 'continue with --from 5.3 --to 5.8' "$tmp/m.err" &&
			sed -n "${ln}p" "$g/s/out/double-unlock-after.c" | grep -q 'HMM-MIGRATE:' &&
			sed -n "$((ln + 1))p" "$g/s/out/double-unlock-after.c" | grep -q 'up_read'; then
		res migrate:stop-at-leftover pass "5.2 -> 5.8 stops after 5.3 (exit 3) at the double up_read, line $ln of the output"
	else
		res migrate:stop-at-leftover fail "exit $mst, line '$ln': $(tr '\n' '|' <"$tmp/m.err" | cut -c1-400)"
	fi
	cp "$here/hmm-5.7-to-5.8/hw-encoded.c" "$g/s/"
	mig_in "$g/s" --from 5.7 --to 5.8 --out "$g/s/out2" hw-encoded.c
	bad=
	for ln in $(sed -n 's/^  left     hw-encoded.c:\([0-9]*\): .*/\1/p' "$tmp/m.err"); do
		w=$(sed -n 's/^  left     hw-encoded.c:'"$ln"': \([a-z_]*\).*/\1/p' "$tmp/m.err" | head -n 1)
		sed -n "${ln}p" "$g/s/out2/hw-encoded.c" | grep -q "$w" || bad="$bad $ln($w)"
	done
	if [ $mst = 3 ] && [ -z "$bad" ] && ! grep -q ':0: ' "$tmp/m.err" &&
			[ "$(grep -c '^  left     hw-encoded.c:[1-9][0-9]*: ' "$tmp/m.err")" = 2 ]; then
		res migrate:exact-lines pass "5.7 -> 5.8 reports the hardware-encoded hmm_pfns and the mmap_sem it cannot rename, each at the output's line naming it"
	else
		res migrate:exact-lines fail "exit $mst, lines not naming their construct:$bad; $(grep '^  left' "$tmp/m.err" | cut -c1-120 | tr '\n' '|')"
	fi
	mig_in "$g/s" --check --from 5.7 --to 5.8 hw-encoded.c
	if [ $mst = 3 ] && grep -q '^  left     hw-encoded.c:41: .*pfns' "$tmp/m.err"; then
		res migrate:check-lines pass "--check names the user's own lines (exit 3)"
	else
		res migrate:check-lines fail "exit $mst: $(tr '\n' '|' <"$tmp/m.err" | cut -c1-300)"
	fi

	# Bad input: each names the problem and the fix.
	bad_input() {
		name=$1 want_st=$2 want=$3
		shift 3
		mig_in "$g/drv" "$@"
		if [ "$mst" = "$want_st" ] && grep -q -- "$want" "$tmp/m.err"; then
			res "migrate:bad:$name" pass "exit $mst: $(head -n 1 "$tmp/m.err")"
		else
			res "migrate:bad:$name" fail "exit $mst (want $want_st), stderr: $(head -n 2 "$tmp/m.err" | tr '\n' ' ') (want /$want/)"
		fi
	}
	bad_input no-from 2 'written against: --from' dmirror_glue_g52.c
	bad_input bad-from 2 'not a release or generation' --from banana dmirror_glue_g52.c
	bad_input no-step 1 'no semantic patch for the step' --from 4.19 dmirror_glue_g52.c
	bad_input no-file 2 'no such file' --from 5.2 nosuch.c
	bad_input no-input 2 'nothing to migrate' --from 5.2
	bad_input both-out 2 'exclude each other' --from 5.2 --in-place --out x dmirror_glue_g52.c
	bad_input bad-j 2 'positive number' --from 5.2 -j x dmirror_glue_g52.c
	bad_input option 2 'unknown option' --from 5.2 --frobnicate dmirror_glue_g52.c
	SPATCH=/nonexistent/spatch bad_input no-spatch 1 'apt-get install coccinelle' --from 5.2 dmirror_glue_g52.c
}
