# SPDX-License-Identifier: GPL-2.0
#
# hmm-left.awk: what a file still holds that the target release removed or
# changed in meaning.  spatch/migrate runs it after every step on the file
# as the step left it (and --check on the user's file), so that a step
# never claims success over a leftover:
#
#   awk -v step=FROM-TO -v kind=c|kconfig|make -v fname=NAME \
#       -v table=spatch/hmm-removed.tsv \
#       [-v prev=FILE-BEFORE-THE-STEP] [-v devpriv=1] -f hmm-left.awk FILE
#
# (the table, which C files need: the names a release removed that take
# nothing but a mention, each with its fix)
#
# prints one line per place, in line order:
#   NAME:LINE: CONSTRUCT (removed|changed in REL) ...: FIX
# LINE is the line of FILE (the construct's first line), never 0.  FROM-TO
# are releases of `versions` (5.2-5.3, ..., or 5.2-5.8 for several steps at
# once): every construct TO no longer has is looked for, and every change
# of meaning in (FROM, TO].  Besides symbols (types, fields, functions,
# enum values, Kconfig symbols) it checks the guarantees that vanished
# without a compile error:
#  - 5.5: hmm_range_register() held a reference on the mm (mmget_not_zero);
#    a fault path without one (in its function or in every caller) is
#    reported when FILE-BEFORE had hmm_range_register();
#  - 5.5: a range must have its notifier set;
#  - 5.5: -EBUSY from hmm_range_fault() means the notifier's sequence moved
#    after mmu_interval_read_begin() (the fault's own COW break included),
#    not only an invalidation in progress: a fault path of FILE-BEFORE's
#    hmm_range_register() that never tests -EBUSY (in its function or in
#    every caller) is reported;
#  - 5.7: a driver that owns device-private memory (devpriv=1: migrate
#    found MEMORY_DEVICE_PRIVATE, memremap_pages or hmm_devmem_add in its
#    directory; or the file, before or after the step, has them) needs
#    dev_private_owner on its ranges;
#  - 5.8: hmm_range_fault() returns 0 on success: `r > 0`, `r <= 0`... on
#    its result are reported unless the count was restored right after the
#    call; a range's hmm_pfns must be an unsigned long array of its own (not
#    the driver's u64 array in the hardware's encoding); mm->mmap_sem is
#    mmap_lock (mmap_read_lock() and friends);
#  - /* HMM-MIGRATE: ... */ comments the semantic patches leave where they
#    converted something whose safety they cannot prove.

function key(v,    a, n) {
	n = split(v, a, ".")
	return sprintf("%04d%04d", a[1], n > 1 ? a[2] : 0)
}

# in_step(REL): what REL removed is absent from the target release (even
# if it should have gone in an earlier step).  Changes of meaning are
# checked only where the run crosses REL (FROM < REL <= TO).
function in_step(rel) {
	return key(rel) <= kto
}

function crosses(rel) {
	return key(rel) > kfrom && key(rel) <= kto
}

function emit(ln, msg) {
	if (ln < 1)
		ln = 1
	if (!((ln SUBSEP msg) in seen)) {
		seen[ln, msg] = 1
		out[++nout] = sprintf("%08d%s:%d: %s", ln, fname, ln, msg)
	}
}

# ---- C text without comments and strings, line structure kept ----

function clean_lines(    i, l, o, c, n, j, q) {
	incom = 0
	for (i = 1; i <= nl; i++) {
		l = raw[i]
		o = ""
		n = length(l)
		for (j = 1; j <= n; j++) {
			c = substr(l, j, 1)
			if (incom) {
				if (c == "*" && substr(l, j + 1, 1) == "/") {
					incom = 0
					o = o "  "
					j++
				} else {
					o = o " "
				}
				continue
			}
			if (c == "/" && substr(l, j + 1, 1) == "*") {
				incom = 1
				o = o "  "
				j++
				continue
			}
			if (c == "/" && substr(l, j + 1, 1) == "/") {
				for (; j <= n; j++)
					o = o " "
				break
			}
			if (c == "\"" || c == "'") {
				q = c
				o = o c
				for (j++; j <= n; j++) {
					c = substr(l, j, 1)
					if (c == "\\") {
						o = o "  "
						j++
						continue
					}
					if (c == q)
						break
					o = o " "
				}
				o = o q
				continue
			}
			o = o c
		}
		cl[i] = o
	}
}

# The markers: /* HMM-MIGRATE: text */, possibly over several lines.
function markers(    i, l, t, s) {
	for (i = 1; i <= nl; i++) {
		l = raw[i]
		s = index(l, "HMM-MIGRATE:")
		if (!s)
			continue
		t = substr(l, s + 12)
		ml = i
		while (index(t, "*/") == 0 && ml < nl) {
			ml++
			l = raw[ml]
			sub(/^[ \t]*\*?[ \t]*/, "", l)
			t = t " " l
		}
		sub(/\*\/.*/, "", t)
		gsub(/^[ \t]+|[ \t]+$/, "", t)
		gsub(/[ \t]+/, " ", t)
		emit(i, t)
	}
}

# ---- the whole text, positions and lines ----

function build_text(    i) {
	T = ""
	for (i = 1; i <= nl; i++) {
		lstart[i] = length(T) + 1
		T = T cl[i] "\n"
	}
}

function lineof(pos,    lo, hi, mid) {
	lo = 1
	hi = nl
	while (lo < hi) {
		mid = int((lo + hi + 1) / 2)
		if (lstart[mid] <= pos)
			lo = mid
		else
			hi = mid - 1
	}
	return lo
}

# The enclosing function of each line (kernel style: a definition's body
# opens at depth 0 after NAME(...)).
function functions(    i, l, j, c, n, depth, cand, pp) {
	depth = 0
	cand = ""
	for (i = 1; i <= nl; i++) {
		l = cl[i]
		if (depth == 0 && l ~ /^[ \t]*#/) {
			pp = (l ~ /\\[ \t]*$/)
			fn_of[i] = ""
			continue
		}
		if (pp) {
			pp = (l ~ /\\[ \t]*$/)
			continue
		}
		if (depth == 0 && cand == "" && match(l, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
			cand = substr(l, RSTART, RLENGTH)
			candl = i
		}
		n = length(l)
		for (j = 1; j <= n; j++) {
			c = substr(l, j, 1)
			if (c == "{") {
				if (depth == 0) {
					cur = cand
					sub(/[ \t]*\($/, "", cur)
					fstart[cur] = candl
				}
				depth++
			} else if (c == "}") {
				depth--
				if (depth <= 0) {
					depth = 0
					fn_of[i] = cur
					fend[cur] = i
					cur = ""
					cand = ""
				}
			} else if (c == ";" && depth == 0) {
				cand = ""
			}
		}
		if (depth > 0 || fn_of[i] == "")
			fn_of[i] = cur
		if (depth > 0 && cur != "")
			fbody[cur] = fbody[cur] l "\n"
	}
}

# args(P): the top-level arguments of the call whose '(' is at P in T,
# in A[1..n]; returns n (0 for an empty list), -1 if unbalanced.
function args(p,    depth, n, c, s, i, L) {
	L = length(T)
	depth = 0
	n = 0
	s = ""
	for (i = p; i <= L; i++) {
		c = substr(T, i, 1)
		if (c == "(" || c == "[" || c == "{") {
			depth++
			if (depth == 1)
				continue
		} else if (c == ")" || c == "]" || c == "}") {
			depth--
			if (depth == 0) {
				gsub(/^[ \t\n]+|[ \t\n]+$/, "", s)
				if (s != "" || n > 0)
					A[++n] = s
				callend = i
				return n
			}
		} else if (c == "," && depth == 1) {
			gsub(/^[ \t\n]+|[ \t\n]+$/, "", s)
			A[++n] = s
			s = ""
			continue
		}
		s = s c
	}
	return -1
}

# Every place of regex RE in T: their positions in HIT[1..n]; returns n.
function find(re,    n, off, s) {
	n = 0
	off = 0
	s = T
	while (match(s, re)) {
		HIT[++n] = off + RSTART
		HLEN[n] = RLENGTH
		off += RSTART + RLENGTH - 1
		s = substr(s, RSTART + RLENGTH)
	}
	return n
}

# calls(NAME): positions of NAME( as a call or declaration; sets CP[] to
# the '(' positions.
function calls(name,    n, i, k, t) {
	n = find("(^|[^A-Za-z0-9_>.])" name "[ \t\n]*\\(")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], HLEN[i])
		k = index(t, name)
		HIT[i] += k - 1
		CP[i] = HIT[i] + HLEN[i] - k
	}
	return n
}

function tokens(re,    n, i, t) {
	n = find("(^|[^A-Za-z0-9_])" re "([^A-Za-z0-9_]|$)")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], 1)
		if (t ~ /[^A-Za-z0-9_]/)
			HIT[i]++
	}
	return n
}

# The names a release removed that need nothing but a mention, with their
# fix: spatch/hmm-removed.tsv (-v table=PATH), a row each:
# call|token TAB name or regular expression TAB release TAB message;
# every call of the function or every token, where the run is past the
# release.
function removals(    i, j, n) {
	for (i = 1; i <= nrm; i++) {
		if (!in_step(rm_rel[i]))
			continue
		n = rm_what[i] == "call" ? calls(rm_re[i]) : tokens(rm_re[i])
		for (j = 1; j <= n; j++)
			emit(lineof(HIT[j]), rm_msg[i])
	}
}

# A field of a struct hmm_range: RECV.f or RECV->f with RECV a name
# declared struct hmm_range (variable, parameter or struct member), or f
# set in a struct hmm_range initializer.
function range_field(f, rel, msg,    n, i, t, r) {
	if (!in_step(rel))
		return
	n = find("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?[ \t\n]*(\\.|->)[ \t\n]*" f "([^A-Za-z0-9_]|$)")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], HLEN[i])
		match(t, /^[A-Za-z_][A-Za-z0-9_]*/)
		r = substr(t, 1, RLENGTH)
		if (r in rname)
			emit(lineof(HIT[i]), sprintf(msg, r))
	}
	for (i = 1; i <= ninit; i++) {
		t = substr(T, initb[i], inite[i] - initb[i] + 1)
		if (match(t, "\\.[ \t\n]*" f "[ \t\n]*="))
			emit(lineof(initb[i] + RSTART - 1), sprintf(msg, initn[i]))
	}
}

# The names declared struct hmm_range, and the initializers of ranges.
function ranges(    n, i, t, nm, p, k) {
	n = find("struct[ \t\n]+hmm_range[ \t\n*]+(const[ \t\n*]+)?[A-Za-z_][A-Za-z0-9_]*")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], HLEN[i])
		match(t, /[A-Za-z_][A-Za-z0-9_]*$/)
		nm = substr(t, RSTART)
		rname[nm] = 1
		rdecl[nm] = lineof(HIT[i])
		p = HIT[i] + HLEN[i]
		t = substr(T, p, 400)
		if (match(t, /^[ \t\n]*(\[[^]]*\])?[ \t\n]*=[ \t\n]*\{/)) {
			k = p + RLENGTH - 1
			if (args(k) >= 0) {
				ninit++
				initb[ninit] = k
				inite[ninit] = callend
				initn[ninit] = nm
			}
		}
	}
	rname["range"] = 1
}

# The statements' text of function F (for the pin and return checks).
function has_in(f, re) {
	return f != "" && fbody[f] ~ re
}

# Report each hmm_range_fault() unless its function, or else every caller
# of that function, matches the regexp re: msg (a printf format, %s the
# function) at its line.
function fault_paths_need(re, msg,    n, i, f, ok, g, any) {
	n = calls("hmm_range_fault")
	for (i = 1; i <= n; i++) {
		f = fn_of[lineof(HIT[i])]
		if (f == "" || has_in(f, re))
			continue
		ok = 1
		any = 0
		for (g in fbody) {
			if (g == f || fbody[g] !~ "(^|[^A-Za-z0-9_])" f "[ \t\n]*\\(")
				continue
			any = 1
			if (fbody[g] !~ re)
				ok = 0
		}
		if (any && ok)
			continue
		emit(lineof(HIT[i]), sprintf(msg, f))
	}
}

function pin_check() {
	if (!crosses("5.5") || !prev_register)
		return
	fault_paths_need("(^|[^A-Za-z0-9_])(mmget_not_zero|mmget|get_task_mm)[ \t]*\\(",
		"hmm_range_fault() in %s() runs without a reference on the mm: 5.4's hmm_range_register() took one (mmget_not_zero) and 5.5 has no register: take mmget_not_zero(mm) before the fault (fail if it returns false) and mmput(mm) once the range is done, or the fault can walk page tables exit_mmap() is freeing")
}

# 5.5 changed what -EBUSY from hmm_range_fault() means.  5.4's came only
# while an invalidation of the range was in progress (the range was valid
# again once it ended, and the fault went on); 5.5's comes whenever the
# notifier's sequence moved after mmu_interval_read_begin(): also through
# the fault's own invalidations (a write fault breaking COW or replacing
# the zero page), and, for a notifier over the whole mm (what a mirror
# becomes), through any invalidation of the mm.  A 5.4 fault path that
# gave up on -EBUSY now fails where it used to succeed.  Reported where
# neither the fault's function nor every caller of it tests -EBUSY (5.5
# drivers go back to mmu_interval_read_begin() there).
function ebusy_check() {
	if (!crosses("5.5") || !prev_register)
		return
	fault_paths_need("(==|!=)[ \t\n]*-[ \t\n]*EBUSY|-EBUSY[ \t\n]*(==|!=)|case[ \t\n]+-[ \t\n]*EBUSY",
		"hmm_range_fault() in %s() gives up on -EBUSY (nothing here or in its callers tests for it), but -EBUSY changed in 5.5: 5.4 returned it only while an invalidation of the range was in progress, 5.5 whenever the notifier's sequence moved after mmu_interval_read_begin(), also through the fault's own invalidations (a write fault breaking COW or replacing the zero page) and, with one notifier over the whole mm, any invalidation of the mm: on -EBUSY take range->notifier_seq = mmu_interval_read_begin() again and repeat the fault (bounded, e.g. by HMM_RANGE_DEFAULT_TIMEOUT), or the fault fails where 5.4's succeeded")
}

function notifier_check(    n, i) {
	if (!crosses("5.5"))
		return
	if (T ~ /(\.|->)[ \t\n]*notifier[ \t\n]*=[^=]/)
		return
	n = calls("hmm_range_fault")
	for (i = 1; i <= n; i++)
		emit(lineof(HIT[i]), "hmm_range_fault() on a range whose notifier is never set: 5.5's hmm_range_fault() needs range->notifier (the range's struct mmu_interval_notifier, from mmu_interval_notifier_insert()) and range->notifier_seq = mmu_interval_read_begin(range->notifier) before the fault")
}

function owner_check(    n, i) {
	if (!crosses("5.7"))
		return
	if (!(devpriv || prev_devpriv || T ~ /MEMORY_DEVICE_PRIVATE|memremap_pages|hmm_devmem_add/))
		return
	# The device memory's side (memremap_pages() refuses a
	# MEMORY_DEVICE_PRIVATE pgmap without an owner from 5.7).
	if (T !~ /(\.|->)[ \t\n]*owner[ \t\n]*=/) {
		n = tokens("MEMORY_DEVICE_PRIVATE")
		for (i = 1; i <= n; i++)
			emit(lineof(HIT[i]), "a MEMORY_DEVICE_PRIVATE dev_pagemap without an owner: from 5.7 memremap_pages() refuses it (-EINVAL): set pgmap.owner to the pointer the driver also gives range.dev_private_owner and, where it migrates its pages back to RAM, migrate_vma.src_owner")
	}
	if (T ~ /dev_private_owner/)
		return
	n = calls("hmm_range_fault")
	for (i = 1; i <= n; i++)
		emit(lineof(HIT[i]), "range.dev_private_owner is not set but the driver has device-private memory: from 5.7 hmm_range_fault() returns device-private pages only to their owner (other ones fail with -EFAULT): set .dev_private_owner to the owner the driver gives its dev_pagemap (pgmap->owner, also new in 5.7, and migrate_vma's src_owner)")
}

function return_check(    w, nw, k, names, g) {
	if (!crosses("5.8"))
		return
	# hmm_range_fault() and the functions that return its result
	names[nw = 1] = "hmm_range_fault"
	for (g in fbody)
		if (fbody[g] ~ /(^|[^A-Za-z0-9_])return[ \t\n(]*hmm_range_fault[ \t]*\(/)
			names[++nw] = g
	for (k = 1; k <= nw; k++)
		return_check1(names[k])
}

function return_check1(fname_,    n, i, p, t, v, f, ln, j, re, s, rest, what) {
	what = fname_ == "hmm_range_fault" ? "hmm_range_fault()" : fname_ "() (it returns hmm_range_fault()'s result)"
	n = calls(fname_)
	for (i = 1; i <= n; i++) {
		if (lineof(HIT[i]) == fstart[fname_])
			continue
		nA = args(CP[i])
		p = callend
		ln = lineof(HIT[i])
		# what the result goes to
		t = substr(T, 1, HIT[i] - 1)
		v = ""
		if (match(t, /[A-Za-z_][A-Za-z0-9_.>-]*[ \t\n]*=[ \t\n]*$/)) {
			v = substr(t, RSTART, RLENGTH)
			sub(/[ \t\n]*=[ \t\n]*$/, "", v)
		}
		rest = substr(T, p + 1, 40)
		if (rest ~ /^[ \t\n]*(<=|>=|>[^>]|<[^<]|==[ \t\n]*[1-9])/) {
			emit(ln, "the result of " what " is compared as a page count, but from 5.8 hmm_range_fault() returns 0 on success and -errno on failure: test for non-zero (error) instead")
			continue
		}
		if (v == "")
			continue
		f = fn_of[ln]
		# the count restored right after the call (the 5.7->5.8 step)
		s = substr(T, p + 1, 200)
		if (s ~ "^[ \t\n]*;[ \t\n]*if[ \t\n]*\\([ \t\n]*![ \t\n]*" rq(v) "[ \t\n]*\\)[ \t\n]*" rq(v) "[ \t\n]*=")
			continue
		re = "(^|[^A-Za-z0-9_.>])" rq(v) "[ \t\n]*(<=[ \t\n]*0|>[ \t\n]*0|>=[ \t\n]*1|==[ \t\n]*[1-9])"
		for (j = ln; j <= nl && fn_of[j] == f; j++) {
			if (j > ln && cl[j] ~ "(^|[^A-Za-z0-9_.>])" rq(v) "[ \t]*=[^=]")
				break
			if (cl[j] ~ re)
				emit(j, "'" v "' holds the result of " what " and is tested as a page count ('" v " > 0', '" v " <= 0'...): from 5.8 hmm_range_fault() returns 0 on success, so success now takes this path for failure: test '" v "' for non-zero (error, -EBUSY: retry) instead")
		}
	}
}

function trim(s) {
	gsub(/^[ \t\n]+|[ \t\n]+$/, "", s)
	return s
}

# rq(S): S as a literal in a regex.
function rq(s) {
	gsub(/[][.*+?^$(){}|\\\/]/, "\\\\&", s)
	return s
}

# declared_ul(NAME, LINE): NAME is declared unsigned long (array or
# pointer) in the function of LINE (its parameters included) or, if that
# function does not declare it, at file scope.
function declared_ul(e, ln,    f, a, b, j, t, dre, ure) {
	dre = "(^|[^A-Za-z0-9_.>])" e "[ \t]*([[;,=)]|$)"
	ure = "unsigned[ \t]+long[ \t*]+(const[ \t]+)?" e "[ \t]*([[;,=)]|$)"
	f = fn_of[ln]
	if (f != "" && (f in fstart)) {
		a = fstart[f]
		b = (f in fend) ? fend[f] : nl
		for (j = a; j <= b; j++) {
			t = cl[j]
			if (t ~ ure)
				return 1
			if (t ~ "(u64|uint64_t|__u64|u32|unsigned[ \t]+long[ \t]+long|[A-Za-z_][A-Za-z0-9_]*)[ \t*]+(const[ \t]+)?" e "[ \t]*([[;,=)]|$)" && t !~ "[=(][^,;]*" e)
				return 0
		}
	}
	for (j = 1; j <= nl; j++)
		if (fn_of[j] == "" && cl[j] ~ ure)
			return 1
	return 0
}

function hmm_pfns_check(    n, i, t, e, ok) {
	if (!in_step("5.8"))
		return
	n = find("(\\.|->)[ \t\n]*hmm_pfns[ \t\n]*=[^=][^,;]*")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], HLEN[i])
		sub(/^[^=]*=[ \t\n]*/, "", t)
		gsub(/[ \t\n]+$/, "", t)
		e = t
		sub(/^&[ \t]*/, "", e)
		sub(/\[[^]]*\][ \t]*$/, "", e)
		ok = 0
		if (e ~ /^[A-Za-z_][A-Za-z0-9_]*$/)
			ok = declared_ul(e, lineof(HIT[i]))
		else if (match(e, /(\.|->)[ \t]*[A-Za-z_][A-Za-z0-9_]*$/)) {
			e = substr(e, RSTART)
			sub(/^(\.|->)[ \t]*/, "", e)
			ok = (T ~ "unsigned[ \t\n]+long[ \t\n*]+" e "[ \t\n]*[[;]")
		}
		if (!ok)
			emit(lineof(HIT[i]), "hmm_pfns = " t ": not an unsigned long array of the range's own (a driver array in its own or the hardware's encoding?): from 5.8 hmm_range_fault() reads the requests HMM_PFN_REQ_FAULT/REQ_WRITE from it and writes HMM_PFN_* entries (high bits) into it: give the range a separate unsigned long hmm_pfns[] and convert each entry to the driver's format after the fault")
	}
}

function api_define(    n, i, t, v) {
	n = find("#[ \t]*define[ \t]+HMM_COMPAT_API[ \t]+0x[0-9a-fA-F]+")
	for (i = 1; i <= n; i++) {
		t = substr(T, HIT[i], HLEN[i])
		sub(/.*0x/, "", t)
		v = sprintf("%d.%d", index("0123456789abcdef", tolower(substr(t, 3, 1))) - 1 + 16 * (index("0123456789abcdef", tolower(substr(t, 2, 1))) - 1), \
			index("0123456789abcdef", tolower(substr(t, 5, 1))) - 1 + 16 * (index("0123456789abcdef", tolower(substr(t, 4, 1))) - 1))
		if (key(v) < kto && key(to) < key("5.8"))
			emit(lineof(HIT[i]), "HMM_COMPAT_API 0x" t " names the " v " API: set it to the " to " API")
		else if (key(v) < kto)
			emit(lineof(HIT[i]), "HMM_COMPAT_API 0x" t " names the " v " API: remove the define (compat/hmm.h without it is today's API)")
	}
}

function scan_c(    i) {
	clean_lines()
	markers()
	build_text()
	functions()
	ranges()

	# 5.3
	removals()
	if (in_step("5.3")) {
		n = calls("hmm_range_register")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 5 && A[2] ~ /(^|[^A-Za-z0-9_])(mm|vm_mm)$|current->mm$|mmu_notifier\.mm$/)
				emit(lineof(HIT[i]), "hmm_range_register(range, " A[2] ", ...) by mm (changed in 5.3): pass the driver's struct hmm_mirror instead of the mm")
	}

	# 5.4
	if (in_step("5.4")) {
		n = calls("hmm_range_register")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 5)
				emit(lineof(HIT[i]), "5-argument hmm_range_register() (changed in 5.4): set range->start/end, then hmm_range_register(range, mirror); 5.4 has no page shift (PAGE_SIZE only)")
		n = calls("hmm_range_fault")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 2 && A[2] ~ /^(true|false|block|[A-Za-z_]*block[A-Za-z_]*)$/)
				emit(lineof(HIT[i]), "hmm_range_fault(range, " A[2] ") (changed in 5.4): the bool block argument became flags: true -> 0, false -> HMM_FAULT_ALLOW_RETRY")
		n = calls("hmm_range_dma_map")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 4 && A[4] ~ /^(true|false|block)$/)
				emit(lineof(HIT[i]), "hmm_range_dma_map(..., " A[4] ") (changed in 5.4): the block argument became flags: true -> 0, false -> HMM_FAULT_ALLOW_RETRY")
		n = calls("hmm_range_dma_unmap")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 5)
				emit(lineof(HIT[i]), "hmm_range_dma_unmap() with a vma (changed in 5.4): drop the vma argument")
		split("hmm_pfn_to_page hmm_pfn_to_pfn hmm_pfn_from_page hmm_pfn_from_pfn", pa, " ")
		for (j = 1; j <= 4; j++) {
			n = calls(pa[j])
			for (i = 1; i <= n; i++)
				if (args(CP[i]) == 2) {
					t = pa[j]
					sub(/hmm_pfn_/, "hmm_device_entry_", t)
					emit(lineof(HIT[i]), pa[j] "(range, entry) (removed in 5.4): " t "(range, entry)")
				}
		}
		n = find("[A-Za-z_][A-Za-z0-9_]*[ \t\n]*->[ \t\n]*(blockable|event)([^A-Za-z0-9_]|$)")
		for (i = 1; i <= n; i++) {
			t = substr(T, HIT[i], HLEN[i])
			match(t, /^[A-Za-z_][A-Za-z0-9_]*/)
			if (substr(t, 1, RLENGTH) in updname)
				emit(lineof(HIT[i]), substr(t, 1, RLENGTH) "->" (t ~ /blockable/ ? "blockable" : "event") " of struct hmm_update (removed in 5.4): " (t ~ /blockable/ ? "mmu_notifier_range_blockable(update) on the mmu_notifier_range" : "5.4's mmu_notifier_range has an event of another type: check it by hand"))
		}
	}
	range_field("vma", "5.4", "%s.vma: struct hmm_range has no vma (removed in 5.4): keep the vma in a variable of the function, or pass the mm instead")
	range_field("page_shift", "5.4", "%s.page_shift (removed in 5.4): ranges are in PAGE_SIZE units")

	# 5.5
	n = 0
	if (in_step("5.5")) {
		n = find("struct[ \t\n]+hmm_mirror_ops[ \t\n]+[A-Za-z_][A-Za-z0-9_]*[ \t\n]*\\[")
		for (i = 1; i <= n; i++)
			opsarray[lineof(HIT[i])] = 1
	}
	for (i in opsarray)
		emit(i + 0, "an array of struct hmm_mirror_ops (removed in 5.5; an ops table per index): give each entry its own struct mmu_interval_notifier_ops with .invalidate(struct mmu_interval_notifier *, const struct mmu_notifier_range *, unsigned long cur_seq) returning bool, calling mmu_interval_set_seq() under the driver's lock, and insert one notifier per tracked range (mmu_interval_notifier_insert())")
	if (in_step("5.5")) {
		n = tokens("struct[ \t\n]+hmm_mirror_ops")
		for (i = 1; i <= n; i++)
			if (!(lineof(HIT[i]) in opsarray))
				emit(lineof(HIT[i]), "struct hmm_mirror_ops (removed in 5.5): struct mmu_interval_notifier_ops, whose .invalidate(mni, range, cur_seq) returns bool and calls mmu_interval_set_seq(mni, cur_seq) under the driver's lock; .release becomes the MMU_NOTIFY_RELEASE event")
	}
	# the tables' uses (mirror.ops = &table[i])
	if (in_step("5.5")) {
		n = find("struct[ \t\n]+hmm_mirror_ops[ \t\n]+[A-Za-z_][A-Za-z0-9_]*")
		for (i = 1; i <= n; i++) {
			t = substr(T, HIT[i], HLEN[i])
			sub(/.*[ \t\n]/, "", t)
			opsname[t] = 1
		}
		for (t in opsname) {
			k = find("&[ \t]*" t "([^A-Za-z0-9_]|$)")
			for (i = 1; i <= k; i++)
				emit(lineof(HIT[i]), "&" t " (a struct hmm_mirror_ops, removed in 5.5): the interval notifier's ops are passed to mmu_interval_notifier_insert(); drop the mirror's .ops assignment")
		}
	}
	if (in_step("5.5")) {
		n = find("(->|\\.)[ \t\n]*hmm[ \t\n]*->")
		for (i = 1; i <= n; i++)
			emit(lineof(HIT[i]), "->hmm (struct hmm, removed in 5.5, e.g. mirror->hmm->mmu_notifier.mm): the mm is the interval notifier's (notifier->mm), or the driver's own pointer to it")
	}
	range_field("valid", "5.5", "%s.valid (removed in 5.5): !mmu_interval_read_retry(range->notifier, range->notifier_seq)")
	range_field("hmm", "5.5", "%s.hmm (removed in 5.5): range->notifier->mm for the mm")
	pin_check()
	notifier_check()
	ebusy_check()

	# 5.7
	if (in_step("5.7")) {
		n = calls("hmm_range_fault")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 2)
				emit(lineof(HIT[i]), "hmm_range_fault(range, " A[2] ") (changed in 5.7: one argument): flags 0 -> hmm_range_fault(range); HMM_FAULT_SNAPSHOT -> set default_flags and pfn_flags_mask to 0 first; HMM_FAULT_ALLOW_RETRY has no equivalent (5.7 never drops mmap_lock)")
	}
	# a positional flags array with the DEVICE_PRIVATE entry (3 values
	# for HMM_PFN_FLAG_MAX, which is 2 in 5.7)
	if (in_step("5.7")) {
		n = find("\\[[ \t\n]*HMM_PFN_FLAG_MAX[ \t\n]*\\][ \t\n]*=[ \t\n]*\\{")
		for (i = 1; i <= n; i++)
			if (args(HIT[i] + HLEN[i] - 1) >= 3 && A[3] != "" && A[1] !~ /^\[/)
				emit(lineof(HIT[i]), "a positional flags array with a third entry, for HMM_PFN_DEVICE_PRIVATE (removed in 5.7: HMM_PFN_FLAG_MAX is 2): drop the third entry")
	}
	owner_check()

	# 5.8
	range_field("pfns", "5.8", "%s.pfns (renamed in 5.8): .hmm_pfns, an unsigned long array in 5.8's fixed encoding (HMM_PFN_VALID/WRITE/ERROR high bits, requests HMM_PFN_REQ_FAULT/REQ_WRITE)")
	range_field("flags", "5.8", "%s.flags (removed in 5.8 with the driver-defined encoding): requests are HMM_PFN_REQ_FAULT/REQ_WRITE in hmm_pfns[] and default_flags")
	range_field("values", "5.8", "%s.values (removed in 5.8 with the driver-defined encoding): test entries for HMM_PFN_VALID/WRITE/ERROR")
	range_field("pfn_shift", "5.8", "%s.pfn_shift (removed in 5.8): the pfn is hmm_pfn & ~HMM_PFN_FLAGS (page_to_pfn(hmm_pfn_to_page(e)))")
	if (in_step("5.8")) {
		n = find("\\[[ \t\n]*HMM_PFN_(VALID|WRITE|ERROR)[ \t\n]*\\]")
		for (i = 1; i <= n; i++)
			emit(lineof(HIT[i]), "an array indexed by " trim(substr(T, HIT[i] + 1, HLEN[i] - 2)) " (changed in 5.8): 5.8's HMM_PFN_* are bits of the fixed encoding, not indices of the driver's flags/values arrays: use the bit itself (HMM_PFN_REQ_FAULT/REQ_WRITE for requests)")
		n = calls("hmm_pfn_to_page")
		for (i = 1; i <= n; i++)
			if (args(CP[i]) == 2)
				emit(lineof(HIT[i]), "hmm_pfn_to_page(range, entry) (changed in 5.8: one argument): hmm_pfn_to_page(entry) after testing entry & HMM_PFN_VALID")
	}
	hmm_pfns_check()
	return_check()
	api_define()
}

# ---- Kconfig and Makefiles ----

function scan_kconfig(    i, l, inhelp) {
	for (i = 1; i <= nl; i++) {
		l = raw[i]
		if (l ~ /^(config|menuconfig|choice|endchoice|menu|endmenu|if|endif|source|comment|mainmenu)([ \t]|$)/)
			inhelp = 0
		if (l ~ /^[ \t]+(help|---help---)[ \t]*$/)
			inhelp = 1
		if (inhelp)
			continue
		sub(/#.*/, "", l)
		kline(i, l)
	}
}

function kline(i, l) {
	if (in_step("5.3") && l ~ /(^|[^A-Z0-9_])(ARCH_HAS_HMM[A-Z_]*|HMM|DEVICE_PUBLIC)([^A-Z0-9_]|$)/)
		emit(i, "Kconfig symbol " (match(l, /ARCH_HAS_HMM[A-Z_]*|DEVICE_PUBLIC/) ? substr(l, RSTART, RLENGTH) : "HMM") " (removed in 5.3): depend on HMM_MIRROR for mirroring, DEVICE_PRIVATE for device memory")
	if (in_step("5.4") && l ~ /(^|[^A-Z0-9_])MIGRATE_VMA_HELPER([^A-Z0-9_]|$)/)
		emit(i, "MIGRATE_VMA_HELPER (removed in 5.4): drop it; DEVICE_PRIVATE brings migrate_vma")
	if (in_step("5.4") && l ~ /^[ \t]*(depends on|visible if|if)([ \t]|[ \t].*[^A-Z0-9_])HMM_MIRROR([^A-Z0-9_]|$)/)
		emit(i, "'depends on HMM_MIRROR' (changed in 5.4: HMM_MIRROR has no prompt, nothing turns it on): select HMM_MIRROR and MMU_NOTIFIER, depend on MMU")
}

function scan_make(    i, l) {
	for (i = 1; i <= nl; i++) {
		l = raw[i]
		sub(/#.*/, "", l)
		if (in_step("5.3") && l ~ /CONFIG_(ARCH_HAS_HMM[A-Z_]*|HMM|DEVICE_PUBLIC)([^A-Z0-9_]|$)/)
			emit(i, "this CONFIG_ symbol (removed in 5.3): CONFIG_HMM_MIRROR for mirroring, CONFIG_DEVICE_PRIVATE for device memory")
		if (in_step("5.4") && l ~ /CONFIG_MIGRATE_VMA_HELPER([^A-Z0-9_]|$)/)
			emit(i, "CONFIG_MIGRATE_VMA_HELPER (removed in 5.4): use CONFIG_DEVICE_PRIVATE")
	}
}

BEGIN {
	split(step, st, "-")
	from = st[1]
	to = st[2]
	if (from == "" || to == "" || key(from) >= key(to)) {
		printf "hmm-left.awk: step=%s: want FROM-TO, two releases, FROM older\n", step > "/dev/stderr"
		exit 2
	}
	kfrom = key(from)
	kto = key(to)
	if (kind == "c") {
		if (table == "" || (getline l <table) <= 0) {
			printf "hmm-left.awk: cannot read the table of removed names (-v table=%s; spatch/hmm-removed.tsv)\n", table > "/dev/stderr"
			bad = 1
			exit 2
		}
		do {
			if (split(l, f, "\t") != 4)
				continue
			nrm++
			rm_what[nrm] = f[1]
			rm_re[nrm] = f[2]
			rm_rel[nrm] = f[3]
			rm_msg[nrm] = f[4]
		} while ((getline l <table) > 0)
		close(table)
	}
	if (prev != "") {
		while ((getline l <prev) > 0) {
			if (l ~ /hmm_range_register[ \t]*\(/)
				prev_register = 1
			if (l ~ /MEMORY_DEVICE_PRIVATE|memremap_pages|hmm_devmem_add/)
				prev_devpriv = 1
		}
		close(prev)
	}
}

{ raw[++nl] = $0 }

# The mirror callbacks' update parameters (struct hmm_update).
kind == "c" && match($0, /const[ \t]+struct[ \t]+hmm_update[ \t]*\*[ \t]*[A-Za-z_][A-Za-z0-9_]*/) {
	t = substr($0, RSTART, RLENGTH)
	sub(/.*\*[ \t]*/, "", t)
	updname[t] = 1
}

END {
	if (bad)
		exit 2
	if (kind == "c")
		scan_c()
	else if (kind == "kconfig")
		scan_kconfig()
	else
		scan_make()
	# in line order
	for (i = 2; i <= nout; i++) {
		v = out[i]
		for (j = i - 1; j >= 1 && out[j] > v; j--)
			out[j + 1] = out[j]
		out[j + 1] = v
	}
	for (i = 1; i <= nout; i++)
		print substr(out[i], 9)
}
