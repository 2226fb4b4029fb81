# SPDX-License-Identifier: GPL-2.0
#
# hmm-nonc.awk: the part of an HMM API migration step that Coccinelle cannot
# do: Kconfig entries, Makefile/Kbuild lines and the CONFIG_ symbols a C
# file tests in #if lines.  spatch/migrate runs it per step on a copy:
#
#   awk -v step=FROM-TO -v kind=kconfig|make|c -v fname=NAME \
#       [-v migrates=1] -f hmm-nonc.awk FILE > NEW
#
# migrates=1: the driver beside the file calls migrate_vma (5.2 -> 5.3
# then selects MIGRATE_VMA_HELPER).
#
# FROM-TO is a generation boundary of `versions` (5.2-5.3, 5.3-5.4,
# 5.4-5.5, ...); a step with nothing to do copies the file unchanged.
# What it cannot rewrite safely it leaves as is and reports on stderr as
#   NOT-CONVERTED NAME:LINE: hmm-nonc FROM-TO: why
# (the line spatch/migrate collects for its summary).
#
# The symbols (../shared/hmm-api.md, mm/Kconfig of each release):
#  5.2 -> 5.3: ARCH_HAS_HMM, ARCH_HAS_HMM_MIRROR, ARCH_HAS_HMM_DEVICE, HMM
#     and DEVICE_PUBLIC are gone; HMM_MIRROR is a visible option drivers
#     depend on, device memory is DEVICE_PRIVATE.
#  5.3 -> 5.4: HMM_MIRROR is hidden (no prompt), so drivers select it (and
#     MMU_NOTIFIER, which it no longer selects) and depend on MMU;
#     MIGRATE_VMA_HELPER is gone.
#  5.4 -> 5.5: the interval notifier needs MMU_NOTIFIER: whoever selects
#     HMM_MIRROR selects it too.

function warn(ln, msg) {
	printf "NOT-CONVERTED %s:%d: hmm-nonc %s: %s; left as is\n", \
		fname, ln, step, msg > "/dev/stderr"
}

# Replace whole-word occurrences of `from` in s by `to`.
function wsub(s, from, to,    out, i, b, a) {
	out = ""
	while ((i = index(s, from)) > 0) {
		b = i > 1 ? substr(s, i - 1, 1) : ""
		a = substr(s, i + length(from), 1)
		if (b ~ /[A-Za-z0-9_]/ || a ~ /[A-Za-z0-9_]/) {
			out = out substr(s, 1, i + length(from) - 1)
		} else {
			out = out substr(s, 1, i - 1) to
		}
		s = substr(s, i + length(from))
	}
	return out s
}

# The 5.2 symbols in terms of 5.3's, with or without the CONFIG_ prefix.
function sym53(s, p) {
	s = wsub(s, p "ARCH_HAS_HMM_MIRROR", p "HMM_MIRROR")
	s = wsub(s, p "ARCH_HAS_HMM_DEVICE", p "DEVICE_PRIVATE")
	s = wsub(s, p "ARCH_HAS_HMM", p "HMM_MIRROR")
	s = wsub(s, p "HMM", p "HMM_MIRROR")
	return s
}

# "A || A || B" -> "A || B" for a pure || chain (a #if line after symbols
# were merged); anything else is returned unchanged.
function dedup_or(e,    n, t, i, j, seen, out, k) {
	if (e ~ /&&|\?/)
		return e
	n = split(e, t, /[ \t]*\|\|[ \t]*/)
	out = ""
	for (i = 1; i <= n; i++) {
		k = t[i]
		gsub(/^[ \t]+|[ \t]+$/, "", k)
		if (k in seen)
			continue
		seen[k] = 1
		out = out (out == "" ? "" : " || ") k
	}
	return out
}

# ---- Kconfig: one entry (config ... up to the next keyword) at a time ----

function kflush(    i, l, dep_mirror, sel_mmun, sel_mirror, kw, hmm, devp, mvh, last) {
	if (nb == 0)
		return
	if (step == "5.2-5.3") {
		for (i = 1; i <= nb; i++) {
			l = blk[i]
			if (l ~ /^[ \t]*(depends on|select|imply|default|visible if|if)[ \t]/) {
				if (l ~ /DEVICE_PUBLIC/)
					warn(bln[i], "DEVICE_PUBLIC was removed in 5.3")
				blk[i] = sym53(l, "")
			}
			if (blk[i] ~ /^[ \t]*depends on.*HMM_MIRROR/)
				dep_mirror = 1
		}
		# Selecting what one depends on is redundant; 5.3's HMM_MIRROR
		# has dependencies of its own, so depend on it.
		for (i = 1; i <= nb; i++)
			if (dep_mirror && blk[i] ~ /^[ \t]*select[ \t]+HMM_MIRROR[ \t]*$/)
				blk[i] = "\001"
		# Device memory: 5.3's DEVICE_PRIVATE is a user-visible option
		# with dependencies of its own (ZONE_DEVICE): depend on it, as
		# nouveau did ("mm: sort out the DEVICE_PRIVATE Kconfig mess").
		# It no longer brings migrate_vma() (HMM_MIRROR and DEVICE_PRIVATE
		# stopped selecting MIGRATE_VMA_HELPER): a driver with device
		# memory, or whose C files call migrate_vma (migrates=1), selects
		# it, or migrate_vma() is the -EINVAL stub.
		hmm = devp = mvh = last = 0
		for (i = 1; i <= nb; i++) {
			l = blk[i]
			if (l ~ /^[ \t]*(depends on|select)[ \t].*(HMM_MIRROR|DEVICE_PRIVATE)/)
				hmm = 1
			if (l ~ /^[ \t]*select[ \t]+DEVICE_PRIVATE[ \t]*$/) {
				kw = l
				sub(/select.*/, "", kw)
				blk[i] = kw "depends on DEVICE_PRIVATE"
			}
			if (blk[i] ~ /^[ \t]*depends on[ \t]+DEVICE_PRIVATE[ \t]*$/)
				devp = 1
			if (l ~ /^[ \t]*select[ \t]+MIGRATE_VMA_HELPER[ \t]*$/)
				mvh = 1
			if (l ~ /^[ \t]*(depends on|select)[ \t]/ && l != "\001")
				last = i
		}
		if (blk[1] ~ /^(menu)?config[ \t]/ && hmm && (devp || migrates) && !mvh && last) {
			kw = blk[last]
			sub(/(depends on|select).*/, "", kw)
			blk[last] = blk[last] "\n" kw "select MIGRATE_VMA_HELPER"
		}
	} else if (step == "5.3-5.4") {
		for (i = 1; i <= nb; i++) {
			if (blk[i] ~ /^[ \t]*select[ \t]+MMU_NOTIFIER[ \t]*$/)
				sel_mmun = 1
			if (blk[i] ~ /^[ \t]*select[ \t]+HMM_MIRROR[ \t]*$/)
				sel_mirror = 1
		}
		for (i = 1; i <= nb; i++) {
			l = blk[i]
			if (l ~ /^[ \t]*select[ \t]+MIGRATE_VMA_HELPER[ \t]*$/) {
				blk[i] = "\001"
			} else if (l ~ /^[ \t]*depends on[ \t]+HMM_MIRROR[ \t]*$/) {
				kw = l
				sub(/depends on.*/, "", kw)
				blk[i] = kw "depends on MMU"
				if (!sel_mirror)
					blk[i] = blk[i] "\n" kw "select HMM_MIRROR"
				if (!sel_mmun)
					blk[i] = blk[i] "\n" kw "select MMU_NOTIFIER"
				sel_mirror = sel_mmun = 1
			} else if (l ~ /^[ \t]*(depends on|visible if|if)[ \t].*[^A-Z0-9_]HMM_MIRROR([^A-Z0-9_]|$)/) {
				warn(bln[i], "HMM_MIRROR is hidden in 5.4 and must be selected; this expression needs a hand rewrite")
			}
		}
	} else if (step == "5.4-5.5") {
		for (i = 1; i <= nb; i++) {
			if (blk[i] ~ /^[ \t]*select[ \t]+MMU_NOTIFIER[ \t]*$/)
				sel_mmun = 1
			if (blk[i] ~ /^[ \t]*select[ \t]+HMM_MIRROR[ \t]*$/)
				sel_mirror = i
		}
		if (sel_mirror && !sel_mmun) {
			kw = blk[sel_mirror]
			sub(/select.*/, "", kw)
			blk[sel_mirror] = blk[sel_mirror] "\n" kw "select MMU_NOTIFIER"
		}
	}
	for (i = 1; i <= nb; i++)
		if (blk[i] != "\001")
			print blk[i]
	nb = 0
}

# Entries start with a keyword in column 0; help text is never rewritten.
kind == "kconfig" {
	if ($0 ~ /^(config|menuconfig|choice|endchoice|menu|endmenu|if|endif|source|comment|mainmenu)([ \t]|$)/) {
		kflush()
		inhelp = 0
	}
	if (!inhelp && $0 ~ /^[ \t]+(help|---help---)[ \t]*$/)
		inhelp = 1
	if (inhelp) {
		kflush()
		print
		next
	}
	blk[++nb] = $0
	bln[nb] = FNR
	next
}

# ---- Makefiles: CONFIG_ symbols in obj-$(...) and ifdef lines ----

kind == "make" {
	if (step == "5.2-5.3") {
		if ($0 ~ /CONFIG_DEVICE_PUBLIC/)
			warn(FNR, "CONFIG_DEVICE_PUBLIC was removed in 5.3")
		$0 = sym53($0, "CONFIG_")
	}
	print
	next
}

# ---- C: the CONFIG_ symbols of #if lines (continuations joined) ----

kind == "c" {
	if (step != "5.2-5.3") {
		print
		next
	}
	if (cont != "") {
		cont = cont "\n" $0
		if ($0 ~ /\\$/)
			next
		cfix(cont)
		cont = ""
		next
	}
	if ($0 ~ /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif)[ \t]/ && $0 ~ /\\$/) {
		cont = $0
		next
	}
	if ($0 ~ /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif)[ \t]/) {
		cfix($0)
		next
	}
	if ($0 ~ /CONFIG_(ARCH_HAS_HMM|HMM[^_A-Z0-9]|HMM$)/)
		$0 = sym53($0, "CONFIG_")
	print
	next
}

function cfix(l,    new, one, head, e) {
	new = sym53(l, "CONFIG_")
	if (new == l) {
		print l
		return
	}
	if (new ~ /CONFIG_DEVICE_PUBLIC/)
		warn(FNR, "CONFIG_DEVICE_PUBLIC was removed in 5.3")
	# Merged symbols make "A || A": say it once.
	one = new
	gsub(/[ \t]*\\\n[ \t]*/, " ", one)
	if (match(one, /^[ \t]*#[ \t]*(if|elif)[ \t]+/)) {
		head = substr(one, 1, RLENGTH)
		e = dedup_or(substr(one, RLENGTH + 1))
		if (length(head e) <= 80) {
			print head e
			return
		}
	}
	print new
}

{ print }

END {
	if (kind == "kconfig")
		kflush()
	if (cont != "")
		print cont
}
