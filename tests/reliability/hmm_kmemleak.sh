#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hmm_kmemleak -m MODULE clear|scan: a guest job of make check-debug (run by
# tests/guest/init as /bin/hmm_kmemleak, printing TAP).
#   clear  forget every object allocated so far (boot-time allocations the
#          kernel keeps for ever are not ours to report); first in the plan
#   scan   after every module was unloaded: let the newest objects age past
#          kmemleak's 5 s minimum, scan twice (an object seen unreferenced
#          in one scan only can be a pointer in flight) and fail on any
#          report, printing it
k=/sys/kernel/debug/kmemleak
[ -e /sys/kernel/debug/kmemleak ] ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
while [ $# -gt 0 ] && [ "$1" = -m ]; do shift 2; done
echo "TAP version 13"
echo "1..1"
if [ ! -e $k ]; then
	echo "ok 1 kmemleak_$1 # SKIP no $k: the kernel has no CONFIG_DEBUG_KMEMLEAK"
	exit 0
fi
case $1 in
clear)
	if echo clear >$k; then
		echo "ok 1 kmemleak_clear"
	else
		echo "not ok 1 kmemleak_clear # writing clear to $k failed (kmemleak disabled itself? see dmesg)"
	fi ;;
scan)
	sleep 6
	echo scan >$k && sleep 1 && echo scan >$k ||
		{ echo "not ok 1 kmemleak_scan # writing scan to $k failed (kmemleak disabled itself? see dmesg)"; exit 1; }
	n=$(grep -c '^unreferenced object' $k)
	if [ "$n" = 0 ]; then
		echo "ok 1 kmemleak_scan"
	else
		sed 's/^/# /' $k | head -n 200
		echo "not ok 1 kmemleak_scan # $n unreferenced objects (reports above)"
		exit 1
	fi ;;
*)
	echo "not ok 1 kmemleak # usage: hmm_kmemleak -m MODULE clear|scan"
	exit 1 ;;
esac
