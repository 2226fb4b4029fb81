#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# parse.sh ID CONSOLE QEMU_RC: read a guest's serial console and print one
# result line per test, tab separated:
#     <kernel> <column> <test> <pass|fail|skip|na> <reason>
#
# - TAP lines inside "@@HB begin M J" .. "@@HB end M J rc=N" give the tests of
#   column M:J ("ok" pass, "not ok" fail, "# SKIP" skip).
# - An upstream hmm-tests test against the project's driver that failed only
#   because the driver answered EOPNOTSUPP (-95: it has no device memory) is
#   reported as not applicable (na) with that reason, never as pass.
# - The boot itself is column "boot": it fails on a timeout, a missing
#   "@@HB done", a module that did not load or unload, a job that printed no
#   plan, a job that stopped before the end of its TAP plan ("1..N"), and on
#   any dmesg line matching the bad-news patterns below.

set -eu
. "$(dirname "$0")/lib.sh"

id=$1 console=$2 qrc=$3

awk -v id="$id" -v qrc="$qrc" '
function out(col, test, st, why) {
	gsub(/\t/, " ", why)
	printf "%s\t%s\t%s\t%s\t%s\n", id, col, test, st, why
}
function badnews(line) {
	return line ~ /BUG|WARNING|Oops|bad page|lockdep|RCU stall|general protection|Call Trace|Kernel panic|unreferenced object|UBSAN|KASAN/
}
# Console noise (firmware escapes, a racing kernel line) may precede a marker.
/@@HB / { sub(/.*@@HB /, "@@HB ") }
/^@@HB boot / { booted = 1; next }
/^@@HB insmod / {
	split($4, a, "=")
	if (a[2] != 0) { out("boot", "insmod " $3, "fail", "insmod exit " a[2]); failed = 1 }
	next
}
/^@@HB rmmod / {
	split($4, a, "=")
	if (a[2] != 0) { out("boot", "rmmod " $3, "fail", "rmmod exit " a[2]); failed = 1 }
	next
}
/^@@HB begin / { col = $3 ":" $4; injob = 1; seen[col] = 0; plan = -1; cur = ""; buf = ""; next }
/^@@HB end / {
	if (!seen[col]) { out("boot", col, "fail", "ran no tests (" $5 ")"); failed = 1 }
	else if (seen[col] < plan) {
		out("boot", col, "fail", "stopped after " seen[col] " of its " plan " tests (" $5 "): the rest have no result")
		failed = 1
	}
	injob = 0; next
}
/^@@HB dmesg-begin/ { indmesg = 1; next }
/^@@HB dmesg-end/ { indmesg = 0; next }
/^@@HB done/ { done = 1; next }
# The oom_reaped test of the suite brackets the OOM it causes: the stack
# dump of the OOM report there is expected; anything else there is news.
indmesg && /hmm_suite: expected OOM begin/ { inoom = 1; next }
indmesg && /hmm_suite: expected OOM end/ { inoom = 0; next }
# So does misbehaving_notifier the WARN of a notifier failing a blockable
# invalidation, from mm/mmu_notifier.c or from the emulation in
# compat/mmu_interval_notifier.c (named by file, or by function where the
# kernel has no CONFIG_DEBUG_BUGVERBOSE), with its stack dump; no other.
indmesg && /hmm_suite: expected WARN begin/ { inwarn = 1; next }
indmesg && /hmm_suite: expected WARN end/ { inwarn = 0; next }
indmesg {
	line = $0
	if (inoom || inwarn)
		sub(/Call Trace/, "", line)
	# A frame of such a stack dump is not news either, whatever its
	# function is called (a debug kernel shows lockdep_* frames).
	if ((inoom || inwarn) && line ~ /^(\[[ 0-9.]+\])? *(\? )?[A-Za-z0-9_.]+\+0x[0-9a-f]+\/0x[0-9a-f]+/)
		line = ""
	if (inwarn && line ~ /WARNING: .* at [^ ]*(mmu_(interval_)?notifier\.c:|(hb_mni_range_start|__mmu_notifier_invalidate_range_start)(\.cold)?\+)/)
		sub(/WARNING/, "", line)
	# In the OOM bracket only the emulated modules run (the others skip);
	# on v5.12+ kernels their emulation is forced (HB_FORCE_EMUL) beside
	# the kernel own, and the kernel WARNs when a notifier that has an
	# invalidate_range_end fails the reaper non-blocking start, as the
	# emulation must when a driver cannot take its lock then (older
	# kernels, where the emulation is for real, have no such WARN).
	if (inoom && line ~ /WARNING: .*mm\/mmu_notifier\.c:[0-9]+.*__mmu_notifier_invalidate_range_start/)
		sub(/WARNING/, "", line)
	if (badnews(line) && nbad < 5) { out("boot", "dmesg", "fail", $0); nbad++; failed = 1 }
	next
}
injob && plan < 0 && /^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; next }
injob && /^#  RUN / { buf = ""; next }
injob && /^(not )?ok [0-9]+ / {
	seen[col]++
	line = $0
	reason = ""
	if (match(line, / # .*/)) { reason = substr(line, RSTART + 3); line = substr(line, 1, RSTART - 1) }
	n = split(line, w, " ")
	test = (w[1] == "not") ? w[4] : w[3]
	for (i = (w[1] == "not" ? 5 : 4); i <= n; i++) test = test " " w[i]
	# A skip the suite marks "n/a:" cannot apply to this glue (it has no
	# such hook or API): not applicable, apart from the real skips.
	if (reason ~ /^SKIP n\/a: /) { out(col, test, "na", substr(reason, 11)); next }
	if (reason ~ /^SKIP/) { out(col, test, "skip", substr(reason, 6)); next }
	if (w[1] != "not") { out(col, test, "pass", ""); next }
	if (col ~ /^dmirror_.*:upstream$/ && buf ~ /\(-95\)/)
		out(col, test, "na", "needs device memory: driver answered EOPNOTSUPP")
	else
		out(col, test, "fail", reason != "" ? reason : buf)
	next
}
injob && /^# / {
	l = $0; sub(/^# +/, "", l)
	if (l ~ /Expected|terminated|FAIL|Test/ && length(buf) < 300) buf = buf (buf == "" ? "" : "; ") l
	next
}
END {
	if (qrc == 124 || qrc == 137) { out("boot", "boot", "fail", "timed out; last console lines follow in the report"); failed = 1 }
	else if (!booted) { out("boot", "boot", "fail", "guest never reached /init (qemu exit " qrc ")"); failed = 1 }
	else if (!done) { out("boot", "boot", "fail", "guest stopped before the end of the plan (qemu exit " qrc ")"); failed = 1 }
	if (!failed) out("boot", "boot", "pass", "")
}
' "$console"
