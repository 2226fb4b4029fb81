# SPDX-License-Identifier: GPL-2.0
#
# hmm-ws.awk BEFORE AFTER: AFTER without the trailing blanks spatch leaves
# on lines it rewrote (a removed initializer field after a kept one, in
# the same rule); lines also found in BEFORE are printed as they are.
# spatch/migrate runs it after each step, tests/spatch/host-check.sh on the
# semantic patches' output, so that X.res is what migrate writes.

NR == FNR {
	old[$0] = 1
	next
}

!($0 in old) {
	sub(/[ \t]+$/, "")
}

{
	print
}
