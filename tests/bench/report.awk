# SPDX-License-Identifier: GPL-2.0
#
# report.awk: turn make bench's raw figures (raw.csv, one sample a line:
#     section,kernel,subject,metric,run,value
# ) into the Markdown report.  Every figure is a median with its spread
# (min-max) over the repeated runs, and every comparison is a ratio of
# samples taken side by side in the same run: per round (runtime: the
# module and its baseline, runtime-base rows, in the same boot and round;
# run = boot.round.repetition, and the two boots' ratios are shown side by
# side with their spread) or per repetition (build: compat and native
# compiled back to back), the median of those paired ratios.  Targets come from the issue; a ratio is oriented so that
# higher is better for the run-time metrics (module/native for rates,
# native/module for latency) and as cost (compat/native) for build time.
#
# gprofile rows (bench.sh, from the guest profile): kernel, module, function,
# the baseline's count (run), the difference (value); function TOTAL is all
# of hmm_bench's measured part.
#
# Variables: load (the host's load average when the run started), cpus.

BEGIN { FS = "," }

function median(list, n,    a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	if (n == 0)
		return ""
	if (n % 2)
		return a[(n + 1) / 2]
	return (a[n / 2] + a[n / 2 + 1]) / 2
}

function minof(list,    a, n, i, m) {
	n = split(list, a, " ")
	m = a[1] + 0
	for (i = 2; i <= n; i++)
		if (a[i] + 0 < m)
			m = a[i] + 0
	return m
}

function maxof(list,    a, n, i, m) {
	n = split(list, a, " ")
	m = a[1] + 0
	for (i = 2; i <= n; i++)
		if (a[i] + 0 > m)
			m = a[i] + 0
	return m
}

function count(list,    a) { return split(list, a, " ") }

function add(arr, key, v) { arr[key] = (key in arr) ? arr[key] " " v : v }

function fmt(v) {
	if (v == "")
		return "-"
	if (v + 0 >= 1000)
		return sprintf("%.0f", v)
	if (v + 0 >= 10)
		return sprintf("%.1f", v)
	if (v + 0 >= 0.1)
		return sprintf("%.2f", v)
	return sprintf("%.3f", v)
}

function spread(list) { return fmt(minof(list)) "–" fmt(maxof(list)) }

function uniq(order, key) {
	if (!((order, key) in seenk)) {
		seenk[order, key] = 1
		norder[order]++
		orderv[order, norder[order]] = key
	}
}

# runtime: run = boot.round.repetition (boot-bench.sh)
$1 == "runtime" {
	split($5, rr, ".")
	add(rt, $2 SUBSEP $3 SUBSEP $4 SUBSEP rr[1] SUBSEP rr[2], $6)
	add(rtall, $2 SUBSEP $3 SUBSEP $4 SUBSEP rr[1], $6)
	if (!(($2, $4, rr[1], rr[2]) in rounds_seen)) {
		rounds_seen[$2, $4, rr[1], rr[2]] = 1
		add(rounds, $2 SUBSEP $4 SUBSEP rr[1], rr[2])
	}
	if (!(($2, rr[1]) in boots_seen)) {
		boots_seen[$2, rr[1]] = 1
		add(boots, $2, rr[1])
	}
	uniq("rk", $2)
	uniq("rm" $2, $3)
	uniq("rmetric", $4)
	next
}
$1 == "runtime-base" { base[$2, $3] = $6; isbase[$2, $6] = 1; next }
$1 == "runtime-path" { rpath[$2, $3, $4] = $6; next }
$1 == "runtime-clock" {
	c = (($2 in rclock) && rclock[$2] != $6) ? "mixed" : $6
	rclock[$2] = c
	next
}
# gprofile: kernel, module, metric:function, the baseline's count, the
# difference
$1 == "gprofile" {
	split($4, gm, ":")
	if (gm[2] == "TOTAL") {
		gpbase[$2, $3, gm[1]] = $5
		gptotal[$2, $3, gm[1]] = $6
	} else {
		add(gpfn, $2 SUBSEP $3 SUBSEP gm[1], gm[2] " " $6)
	}
	next
}
$1 == "objcode" { obj[$2, $3] = $4; objn[$2, $3] = $6; uniq("ok", $2); next }
$1 == "build" {
	add(bd, $2 SUBSEP $3 SUBSEP $4, $6)
	bdrun[$2, $3, $4, $5] = $6
	add(bdruns, $2 SUBSEP $4, $5)
	uniq("bk", $2)
	uniq("bmetric" $2, $4)
	if ($3 != "native")
		uniq("bv", $3)
	next
}
$1 == "probes" && $4 == "cpu_s" { add(prcpu, $2 SUBSEP $3, $6); next }
$1 == "probes" {
	add(pr, $2 SUBSEP $3, $6)
	uniq("pk", $2)
	uniq("pv" $2, $3)
	next
}
$1 == "migrate" {
	# kernel = the tree, subject = the variant, metric = wall_s or a count
	add(mg, $2 SUBSEP $3 SUBSEP $4, $6)
	uniq("mt", $2)
	uniq("mv" $2, $3)
	next
}
$1 == "note" { notes[++nnotes] = $0; sub(/^note,[^,]*,[^,]*,[^,]*,[^,]*,/, "", notes[nnotes]); next }

# why(K): each target missed on kernel K, with what the module executes
# beyond its baseline in that metric's part of the guest profile (gprofile
# rows), and where.
function why(k,    mi, m, n, a, i, j, t, f, fl, nf, nm) {
	n = 0
	for (mi = 1; mi <= norder["rm" k]; mi++) {
		m = orderv["rm" k, mi]
		if (!((k, m) in missed))
			continue
		if (!n++) {
			print "Why each miss: the module's extra guest instructions in the metric's part of hmm_bench, against"
			print "its baseline's, from the profile of section \"Guest instructions per function, kernel " k "\""
			print "(its legend says what each function is), and the functions that add most:"
			print ""
		}
		nm = split(missed[k, m], a, " ")
		for (i = 1; i < nm; i += 2) {
			t = a[i]
			printf "- %s %s %s: ", m, t, a[i + 1]
			if (!((k, m, t) in gptotal)) {
				print "no profile in this run (the gprofile step was skipped or failed; tests/bench/guest-profile.sh gives it)."
				continue
			}
			printf "%+.0f instructions (%+.1f %% of the baseline's %.0f)", gptotal[k, m, t],
				gpbase[k, m, t] + 0 ? 100 * gptotal[k, m, t] / gpbase[k, m, t] : 0, gpbase[k, m, t]
			nf = split(gpfn[k, m, t], fl, " ")
			f = ""
			for (j = 1; j < nf; j += 2)
				f = f (f == "" ? "" : ", ") "`" fl[j] "` " sprintf("%+.0f", fl[j + 1])
			print f == "" ? "." : "; " f "."
		}
	}
	if (n)
		print ""
}

END {
	print "# make bench"
	print ""
	printf "Host: %s CPUs, load average %s when the run started (other work shares this machine: ", cpus, load
	print "absolute figures vary; the ratios, taken side by side, are what to read). Median [min–max] of the runs."
	print ""

	if (norder["rk"]) {
		print "## 1. Run-time overhead of the shim (guest, one QEMU boot per kernel and run)"
		print ""
		print "Clock icount: QEMU -icount shift=0,sleep=off -smp 1, no address-space randomisation: the guest's"
		print "clock advances one nanosecond per guest instruction, so a figure counts the work done, not the"
		print "host's time (its load does not stretch it). Clock wall: host time under QEMU TCG (a few % of noise)."
		print "Each round runs every module once in one boot (order rotating), each metric REPEATS times. Ratio ="
		print "module vs its baseline (native), oriented so that higher is better (rates: module/baseline;"
		print "latency: baseline/module). Icount: the best (highest rate, lowest latency) of the module's samples"
		print "in the boot against the baseline's best in the same boot. Bests: a sample is still stretched by"
		print "a timer tick falling in it, or by a slower layout of the same work (two modes ~2 % apart among the"
		print "repetitions, in proportions that differ from round to round and boot to boot: a ratio of medians"
		print "moved by 1 %, and a median of per-round bests too, where one round lacked the fast mode); the"
		print "boot's best is the same figure in both boots. Wall: the median over the rounds of the per-round"
		print "ratio of bests (module and baseline in the same round: host drift paired out). faultinv_pps, both"
		print "clocks: the median over the rounds of the per-round ratio of medians (each sample sums the READs"
		print "around several preemptions; its best is the one that met the fewest). Run 1 and run 2 are two"
		print "boots of the same build;"
		print "spread = ±(max−min)/(max+min) of the two ratios (target ≤ ±0.5 %)."
		print "Baselines: dmirror_modern (native, today's API); for g53, g54, g54emul dmirror_moderndma (the modern"
		print "glue DMA-mapping every fault as they do, so the ratio is the shim's, not the glue's mapping); for"
		print "nouveauemul dmirror_nouveau (the same nouveau-style glue, native). Targets: ≥ 0.98 (both runs),"
		print "churn_ps ≥ 0.5. Metrics: fault_pps pages faulted/s (device READ of fresh CPU-populated pages);"
		print "inval_ps, inval2_ps, inval16_ps invalidations/s (MADV_DONTNEED of mirrored pages, one a call) with"
		print "1, 2, 16 mirrors (notifiers) on the mm; fai_us one invalidate + re-fault of a page (median of the"
		print "cycles, µs); churn_ps interval-notifier insert+read_begin+remove cycles/s over a 64-page fault window"
		print "(nouveau style; only where the module's notifier is the shim's); faultinv_pps fault_pps while"
		print "another thread keeps invalidating a disjoint part of the mm, per second of the faulting thread's CPU time."
		print ""
		for (ki = 1; ki <= norder["rk"]; ki++) {
			k = orderv["rk", ki]
			nb = split(boots[k], bl, " ")
			lat_clock = (k in rclock) ? rclock[k] : "wall"
			print "### Kernel " k " (clock " lat_clock ", " nb " run" (nb > 1 ? "s" : "") ")"
			print ""
			print "| module | baseline | metric | baseline, run 1 | module, run 1 | ratio run 1 | ratio run 2 | spread | ≤ ±0.5 % | target | met |"
			print "|---|---|---|---|---|---|---|---|---|---|---|"
			for (mi = 1; mi <= norder["rm" k]; mi++) {
				m = orderv["rm" k, mi]
				if (m == "dmirror_modern" || ((k, m) in isbase))
					continue
				bm = ((k, m) in base) ? base[k, m] : "dmirror_modern"
				for (ti = 1; ti <= norder["rmetric"]; ti++) {
					t = orderv["rmetric", ti]
					if (!((k, m, t, bl[1]) in rtall))
						continue
					# A path the module does not emulate is no figure of the shim.
					if (((k, m, t) in rpath) && rpath[k, m, t] != "emulated")
						continue
					lat = t ~ /_us$/
					# faultinv_pps: a sum over preemptions, its median is the steady one.
					bybest = t != "faultinv_pps"
					rb = ""
					for (bi = 1; bi <= nb; bi++) {
						b = bl[bi]
						if (bybest && lat_clock == "icount") {
							# No drift to pair out: the boot's best of each.
							x = rtall[k, m, t, b]
							y = rtall[k, bm, t, b]
							a1 = lat ? minof(x) : maxof(x)
							b1 = lat ? minof(y) : maxof(y)
							rbv[bi] = (a1 + 0 && b1 + 0) ? (lat ? b1 / a1 : a1 / b1) : ""
							rb = rb " " rbv[bi]
							continue
						}
						nr = split(rounds[k, t, b], rl, " ")
						ratios = ""
						for (i = 1; i <= nr; i++) {
							x = rt[k, m, t, b, rl[i]]
							y = rt[k, bm, t, b, rl[i]]
							if (x == "" || y == "")
								continue
							if (bybest) {
								a1 = lat ? minof(x) : maxof(x)
								b1 = lat ? minof(y) : maxof(y)
							} else {
								a1 = median(x)
								b1 = median(y)
							}
							if (a1 + 0 == 0 || b1 + 0 == 0)
								continue
							ratios = ratios " " (lat ? b1 / a1 : a1 / b1)
						}
						rb = rb " " median(ratios)
						rbv[bi] = median(ratios)
					}
					lo = minof(rb)
					hi = maxof(rb)
					sp = (nb > 1 && hi + lo > 0) ? sprintf("±%.2f %%", 100 * (hi - lo) / (hi + lo)) : "-"
					spok = (nb > 1 && hi + lo > 0) ? ((100 * (hi - lo) / (hi + lo) <= 0.5) ? "yes" : "**no**") : "-"
					tg = t == "churn_ps" ? 0.5 : 0.98
					met = "yes"
					if (lo + 0 < tg) {
						# By how much: the worse run against the target.
						met = sprintf("**no** (%.2f %% short)", 100 * (tg - lo) / tg)
						add(missed, k SUBSEP m, sprintf("%s %.3f", t, lo))
					}
					printf "| %s | %s | %s | %s | %s | %.3f | %s | %s | %s | ≥ %s | %s |\n", m, bm, t,
						fmt(median(rtall[k, bm, t, bl[1]])), fmt(median(rtall[k, m, t, bl[1]])),
						rbv[1], (nb > 1) ? sprintf("%.3f", rbv[2]) : "-", sp, spok, tg, met
				}
			}
			print ""
			why(k)
		}
	}

	if (norder["ok"]) {
		print "### Passthrough object code"
		print ""
		print "`objdump -dr --no-show-raw-insn` of each glue object built with `<compat/hmm.h>` and with the"
		print "kernel's headers instead: modern (the newest API: before v6.16 the hmm_pfns translation is"
		print "compiled in), modern59 (the same source with `HMM_COMPAT_API 0x050900`: the kernel's own"
		print "encoding), odp (`<linux/hmm-dma.h>`; n/a where the kernel lacks it). Before v7.1 every glue's"
		print "notifier insert/remove also differ: they go through the shim's hb_two_pass_insert()/_remove()"
		print "(compat/mmu_interval_finish.h: the ops of today's API have v7.1's two-pass members):"
		print ""
		print "| kernel | modern | modern59 | odp |"
		print "|---|---|---|---|"
		for (ki = 1; ki <= norder["ok"]; ki++) {
			k = orderv["ok", ki]
			line = "| " k
			for (gi = 1; gi <= 3; gi++) {
				g = gi == 1 ? "glue_modern" : gi == 2 ? "glue_modern59" : "glue_odp"
				v = (k, g) in obj ? obj[k, g] : "-"
				if (v == "differs")
					v = v " (" objn[k, g] " lines: objdiff-" k "-" substr(g, 6) ".txt)"
				line = line " | " v
			}
			print line " |"
		}
		print ""
	}

	if (norder["pk"]) {
		print "## 2. Feature detection (compat/probe.sh, all probes for one kernel)"
		print ""
		print "cold: empty output directory; warm: the second run (cached answer); -jN: kbuild jobs."
		print "serial: the common alternative, one probe per kbuild invocation, no cache. Targets: cold ≤ 10 s,"
		print "warm ≤ 0.2 s."
		print ""
		print "cpu s: user + system time of the cold run's processes, which the host's load does not stretch."
		print ""
		print "| kernel | variant | wall s | cpu s | runs | target (wall) | vs serial |"
		print "|---|---|---|---|---|---|---|"
		for (ki = 1; ki <= norder["pk"]; ki++) {
			k = orderv["pk", ki]
			sm = median(pr[k, "serial"])
			for (vi = 1; vi <= norder["pv" k]; vi++) {
				v = orderv["pv" k, vi]
				md = median(pr[k, v])
				tg = "-"
				if (v ~ /^cold/)
					tg = (md + 0 <= 10) ? "≤ 10 s: yes" : "≤ 10 s: **no**"
				if (v ~ /^warm/)
					tg = (md + 0 <= 0.2) ? "≤ 0.2 s: yes" : "≤ 0.2 s: **no**"
				vs = (v != "serial" && sm != "" && md + 0 > 0) ? sprintf("%.1f× faster", sm / md) : "-"
				printf "| %s | %s | %s [%s] | %s | %d | %s | %s |\n", k, v, fmt(md),
					spread(pr[k, v]), ((k, v) in prcpu) ? fmt(median(prcpu[k, v])) : "-",
					count(pr[k, v]), tg, vs
			}
		}
		print ""
	}

	if (norder["mt"]) {
		print "## 3. Migration (spatch/migrate over a whole kernel tree)"
		print ""
		print "files: candidates spatch was run on (plain: every C file of the sub-tree); changed: files rewritten."
		print ""
		for (ti = 1; ti <= norder["mt"]; ti++) {
			k = orderv["mt", ti]
			print "| tree | variant | wall s | runs | files | changed | note |"
			print "|---|---|---|---|---|---|---|"
			for (vi = 1; vi <= norder["mv" k]; vi++) {
				v = orderv["mv" k, vi]
				md = median(mg[k, v, "wall_s"])
				printf "| %s | %s | %s [%s] | %d | %s | %s | %s |\n", k, v, fmt(md),
					spread(mg[k, v, "wall_s"]), count(mg[k, v, "wall_s"]),
					((k, v, "files") in mg) ? median(mg[k, v, "files"]) : "-",
					((k, v, "changed") in mg) ? median(mg[k, v, "changed"]) : "-",
					((k, v, "scaled_s") in mg) ? "scaled to the whole tree: " fmt(median(mg[k, v, "scaled_s"])) " s" : \
					(v ~ /whole/ ? ((md + 0 <= 60) ? "≤ 60 s: yes" : "≤ 60 s: **no**") : "")
			}
		}
		print ""
	}

	if (norder["bk"]) {
		print "## 4. Build cost of the compat headers (passthrough, today's API)"
		print ""
		print "compat: tests/driver/dmirror_glue_modern.c as is; native: the same with the kernel's headers."
		print "glue_cc_s: the glue object's compiler command alone; module_s: the whole module through kbuild"
		print "(compat also compiles the compat objects it links: only those the probes find the kernel"
		print "lacking, e.g. v7.1's two-pass interval notifiers before v7.1, <linux/hmm-dma.h> before v6.16)."
		print "Ratio variant/native, median of the per-repetition ratios (built back to back, order alternating)."
		print "Target ≤ 1.05. *_cpu_s: user + system time of the compiler processes (`times`), which a loaded"
		print "host stretches much less than the wall time: read those."
		print ""
		print "| kernel | metric | variant | variant s | native s | ratio | runs | ≤ 1.05 |"
		print "|---|---|---|---|---|---|---|---|"
		for (ki = 1; ki <= norder["bk"]; ki++) {
			k = orderv["bk", ki]
			for (ti = 1; ti <= norder["bmetric" k]; ti++) {
				t = orderv["bmetric" k, ti]
				for (vi = 1; vi <= norder["bv"]; vi++) {
					v = orderv["bv", vi]
					if (!((k, v, t) in bd))
						continue
					split(bdruns[k, t], rl, " ")
					ratios = ""
					delete done
					for (i in rl) {
						r = rl[i]
						if (r in done)
							continue
						done[r] = 1
						if ((k, v, t, r) in bdrun && (k, "native", t, r) in bdrun && bdrun[k, "native", t, r] + 0 > 0)
							ratios = ratios " " bdrun[k, v, t, r] / bdrun[k, "native", t, r]
					}
					med = median(ratios)
					printf "| %s | %s | %s | %s [%s] | %s [%s] | %.3f [%s] | %d | %s |\n", k, t, v,
						fmt(median(bd[k, v, t])), spread(bd[k, v, t]),
						fmt(median(bd[k, "native", t])), spread(bd[k, "native", t]),
						med, spread(ratios), count(ratios),
						(med + 0 <= 1.05) ? "yes" : "**no**"
				}
			}
		}
		print ""
	}

	if (nnotes) {
		print "## Notes"
		print ""
		for (i = 1; i <= nnotes; i++)
			print "- " notes[i]
		print ""
	}
}
