#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-profile.sh ID RUNDIR MODULE:BASELINE...: where a module's guest
# instructions go, against its baseline's, on make bench's deterministic
# clock.  RUNDIR is a boot of boot-bench.sh (its modules/ and hmm_bench
# are used: the build that was measured).  One QEMU boot per module
# (-icount shift=0,sleep=off -smp 1, nokaslr norandmaps, as boot-bench.sh)
# runs hmm_bench on that module alone, with the TCG plugin insn-profile.c
# counting the instructions executed per translation block between two
# markers of hmm_bench (around each metric, warm-up included); the blocks are
# mapped to functions (the kernel's from /proc/kallsyms of one more boot,
# the same addresses under nokaslr: Debian's System.map is a placeholder;
# the module's symbols at the .text address hmm_bench prints).  The boots
# differ only in the module, so the difference of two profiles, function by
# function, is the difference of the modules' work; hmm_bench brackets
# each metric with the markers, so each metric has its own counts.  Writes
# RUNDIR/profile/<module>.{txt,console.txt,diff} (.txt: "metric function
# count"; .diff: every function that differs, "metric function baseline
# module difference"; metric "all" is the whole run, function TOTAL all
# functions) and prints, per MODULE, each metric's difference from
# BASELINE's and the functions whose counts differ most (Markdown).
# HB_PROFILE_ARGS (hmm_bench arguments, default "-n 256 -r 3 -c 100"),
# HB_PROFILE_TOP (default 20) rows, HB_PROFILE_REUSE
# (1: keep the block counts of an earlier run in RUNDIR/profile/).  make
# bench runs it for every kernel (its gprofile step), for the why of a miss.

set -eu
. "$(dirname "$0")/../harness/lib.sh"

usage="usage: guest-profile.sh ID RUNDIR MODULE:BASELINE..."
id=${1:?$usage}
run=${2:?$usage}
shift 2
[ $# -ge 1 ] || hb_die "$usage"
pairs="$*"
# Each module once, the baselines too.
# shellcheck disable=SC2046 # module names, one a word
set -- $(for w in $pairs; do echo "${w%%:*}"; echo "${w#*:}"; done | awk '!seen[$0]++')
arch=$(hb_release_get "$id" ARCH) ||
	hb_die "kernel $id is not in the cache; run 'make kernels KERNELS=$id'"
vmlinuz=$(hb_release_get "$id" VMLINUZ)
args=${HB_PROFILE_ARGS:--n 256 -r 3 -c 100}
top=${HB_PROFILE_TOP:-20}
p=$run/profile
mkdir -p "$p"
p=$(cd "$p" && pwd)
${HOSTCC:-gcc} -O2 -Wall -Wextra -Werror -shared -fPIC -o "$p/insn-profile.so" \
	"$HB_TOP/tests/bench/insn-profile.c" ||
	hb_die "building the QEMU plugin failed"

# hmm_bench of the tree (it prints the module's .text address).
"$HB_TOP/tests/harness/kmake.sh" --exec "$id" "$(hb_arch_cc "$arch")" -static \
	-O2 -Wall -Wextra -Werror -I"$HB_TOP/tests/include" -o "$p/hmm_bench" \
	"$HB_TOP/tests/bench/hmm_bench.c" -lpthread ||
	hb_die "building hmm_bench for kernel $id failed"

# hmm_bench's markers around its measurements: only that part is counted.
mb=$(nm "$p/hmm_bench" | awk '$3 == "hb_profile_mark_begin" { print $1 }')
me=$(nm "$p/hmm_bench" | awk '$3 == "hb_profile_mark_end" { print $1 }')
if [ -z "$mb" ] || [ -z "$me" ]; then
	hb_die "no profile markers in $p/hmm_bench"
fi

# The kernel's text symbols, "<address, 16 hex digits> 0 <name>", from
# /proc/kallsyms of a boot of the first module (loaded, not run).
if [ ! -s "$p/kallsyms.txt" ]; then
	r=$p/kallsyms
	rm -rf "$r"
	mkdir -p "$r"
	printf '%s\n' '#!/bin/sh' 'echo "1..1"' 'echo "@@KSYMS begin"' \
		"grep ' [tTwW] ' /proc/kallsyms | grep -v '\\['" \
		'echo "@@KSYMS end"' 'echo "ok 1 kallsyms"' >"$r/kallsyms"
	chmod 755 "$r/kallsyms"
	m=${1%%:*}
	echo "$m kallsyms ;" >"$r/plan"
	hb_initramfs "$r" "$arch" "$r/kallsyms" "$run/modules/$m.ko"
	HB_QEMU_EXTRA="-icount shift=0,sleep=off -smp 1" \
		hb_qemu "$r" "$arch" "$vmlinuz" 1800 nokaslr norandmaps ||
		hb_die "the kallsyms boot failed; see $r/console.txt"
	sed -n '/^@@KSYMS begin/,/^@@KSYMS end/p' "$r/console.txt" |
		awk 'length($1) == 16 && $2 ~ /^[tTwW]$/ { print $1, 0, $3 }' \
		>"$p/kallsyms.txt"
	[ -s "$p/kallsyms.txt" ] ||
		hb_die "no kernel symbols in the kallsyms boot's console; see $r/console.txt"
fi

# module_symbols KO BASE: the module's .text functions at BASE (0x...).
module_symbols() {
	objdump -t "$1" | awk -v base="$2" '
		function hex(s,    i, n, c) {
			n = 0
			for (i = 1; i <= length(s); i++) {
				c = index("0123456789abcdef", substr(s, i, 1)) - 1
				n = n * 16 + c
			}
			return n
		}
		BEGIN {
			sub(/^0x/, "", base)
			base = sprintf("%16s", base)
			gsub(/ /, "0", base)
			hi = hex(substr(base, 1, 8))
			lo = hex(substr(base, 9, 8))
		}
		/ \.text\t/ && $3 == "F" || / \.text\t/ && $2 == "F" {
			off = hex(substr($1, length($1) - 7))
			l = lo + off
			h = hi + int(l / 4294967296)
			l = l % 4294967296
			printf "%08x%08x 0 %s\n", h, l, $NF
		}'
}

for m in "$@"; do
	[ -f "$run/modules/$m.ko" ] || hb_die "no $run/modules/$m.ko"
	r=$p/$m
	if [ "${HB_PROFILE_REUSE:-0}" != 1 ] || [ ! -s "$r/blocks.txt" ]; then
		rm -rf "$r"
		mkdir -p "$r"
		echo "$m hmm_bench $args ;" >"$r/plan"
		hb_initramfs "$r" "$arch" "$p/hmm_bench" "$run/modules/$m.ko"
		rc=0
		HB_QEMU_EXTRA="-icount shift=0,sleep=off -smp 1 -plugin $p/insn-profile.so,out=$r/blocks.txt,begin=0x$mb,end=0x$me" \
			hb_qemu "$r" "$arch" "$vmlinuz" 1800 nokaslr norandmaps || rc=$?
		if [ "$rc" != 0 ] || [ ! -s "$r/blocks.txt" ]; then
			hb_die "the profiling boot of $m failed (rc=$rc); see $r/console.txt"
		fi
	fi
	grep -a -q "^ok 1 " "$r/console.txt" ||
		hb_die "hmm_bench did not run on $m; see $r/console.txt"
	base=$(sed -n "s/^# BENCHTEXT $m \\(0x[0-9a-f]*\\).*/\\1/p" "$r/console.txt" | head -n 1)
	[ -n "$base" ] || hb_die "hmm_bench printed no .text address of $m"
	# Segment N of the blocks is the metric of hmm_bench's "# BENCHSEG N".
	sed -n 's/^# BENCHSEG \([0-9]*\) \([a-z0-9_]*\).*/\1 \2/p' \
		"$r/console.txt" >"$r/segments.txt"
	{
		cat "$p/kallsyms.txt"
		module_symbols "$run/modules/$m.ko" "$base"
		awk '/^# segment / { seg = $3 } $1 !~ /^#/ { print $1, 1, $2, seg }' \
			"$r/blocks.txt"
	} | LC_ALL=C sort -k1,1 -k2,2n | awk -v segs="$r/segments.txt" '
		BEGIN { while ((getline l <segs) > 0) { split(l, a, " "); metric[a[1]] = a[2] } }
		$2 == 0 { fn = $3; next }
		{
			f = fn == "" ? "?" : fn
			t = ($4 in metric) ? metric[$4] : "other"
			n["all", f] += $3
			n[t, f] += $3
			n["all", "TOTAL"] += $3
			n[t, "TOTAL"] += $3
		}
		END {
			for (k in n) {
				split(k, a, SUBSEP)
				printf "%s %s %.0f\n", a[1], a[2], n[k]
			}
		}' | LC_ALL=C sort -k1,1 -k3,3nr >"$p/$m.txt"
	cp "$r/console.txt" "$p/$m.console.txt"
done

for w in $pairs; do
	m=${w%%:*}
	b=${w#*:}
	# Every function that differs, per metric ("all": the whole run).
	awk '
		NR == FNR { a[$1, $2] = $3; next }
		{ c[$1, $2] = $3 }
		END {
			for (k in a) d[k] = (k in c ? c[k] : 0) - a[k]
			for (k in c) if (!(k in a)) d[k] = c[k]
			for (k in d)
				if (d[k] != 0 || k ~ /TOTAL$/) {
					split(k, x, SUBSEP)
					printf "%s %s %.0f %.0f %+.0f\n", x[1], x[2], a[k], c[k], d[k]
				}
		}' "$p/$b.txt" "$p/$m.txt" | LC_ALL=C sort -k1,1 -k5,5gr >"$p/$m.diff"
	echo "#### $m against $b: guest instructions per function, hmm_bench $args"
	echo ""
	echo "Per metric (its part of hmm_bench, warm-up included; faultinv_pps runs as many READs as it takes"
	echo "to see invalidations, so its counts differ in work as well as cost), the three functions that add most:"
	echo ""
	echo "| metric | $b | $m | difference | most added |"
	echo "|---|---|---|---|---|"
	awk '
		$1 == "all" { next }
		$2 == "TOTAL" { tot[$1] = sprintf("| %s | %.0f | %.0f | %+.0f (%+.1f %%) |", $1, $3, $4, $5, $3 ? 100 * $5 / $3 : 0); next }
		$5 + 0 > 0 && n[$1]++ < 3 { top[$1] = top[$1] (top[$1] == "" ? "" : ", ") $2 " " $5 }
		END { for (t in tot) print tot[t], top[t] " |" }' "$p/$m.diff" | LC_ALL=C sort
	echo ""
	echo "All of hmm_bench (every metric), the $top functions that differ most:"
	echo ""
	echo "| function | $b | $m | difference |"
	echo "|---|---|---|---|"
	awk -v top="$top" '
		$1 == "all" { a[$2] = $3; c[$2] = $4; d[$2] = $5 }
		END {
			printf "| TOTAL | %.0f | %.0f | %+.0f |\n", a["TOTAL"], c["TOTAL"], d["TOTAL"]
			for (k = 0; k < top; k++) {
				best = ""
				for (f in d)
					if (f != "TOTAL" && !(f in shown) &&
					    (best == "" || (d[f] < 0 ? -d[f] : d[f]) > (d[best] < 0 ? -d[best] : d[best])))
						best = f
				if (best == "" || d[best] == 0)
					break
				shown[best] = 1
				printf "| %s | %.0f | %.0f | %+.0f |\n", best, a[best], c[best], d[best]
			}
		}' "$p/$m.diff"
	echo ""
done
