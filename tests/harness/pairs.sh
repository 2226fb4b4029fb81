#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# pairs.sh ID BLD EXCLUDED: the plan lines of two modules of the driver
# mirroring one process at once (the suite's two_modules; the guest loads
# the second with devbase=2), on stdout, for boot.sh and check-debug.sh:
#  - emul+g52: two emulated interval notifiers, each module with its own
#    copy of the shim;
#  - emul+modern: emulated beside the kernel's own;
#  - nouveau+kfd: the nouveau-style plain notifier beside the kernel's
#    interval notifier;
#  - nouveauemul+emul: the same beside two shim subscriptions.
# Made from the modules BLD holds, as the single-module lines are.  A pair
# one of whose modules is missing gets a row in EXCLUDED saying why, never
# a silent absence: not applicable when the run's glue selection (the
# demo's HB_GLUES) left it out, a skip when it failed to build (its build
# row fails).
set -eu
id=$1 bld=$2 excluded=$3
for pair in emul+g52 emul+modern nouveau+kfd nouveauemul+emul; do
	a=dmirror_${pair%+*} b=dmirror_${pair#*+}
	miss=
	for m in "$a" "$b"; do
		[ -f "$bld/$m.ko" ] || miss="$miss $m"
	done
	if [ -z "$miss" ]; then
		echo "$a+$b suite -t two_modules -M $b ;"
		continue
	fi
	why="not run: not built for this kernel:$miss"
	st=na
	for m in $miss; do
		if grep -qx "${m#dmirror_}" "$bld/glues-failed" 2>/dev/null; then
			why="$why ($m failed to build: see its build row)"
			st=skip
		fi
	done
	[ -z "${HB_GLUES-}" ] || why="$why (HB_GLUES=\"$HB_GLUES\")"
	printf '%s\t%s:suite\ttwo_modules\t%s\t%s\n' "$id" "$a+$b" \
		"$st" "$why" >>"$excluded"
done
