# SPDX-License-Identifier: GPL-2.0
#
# spatch/hmm-owner.awk: what the 5.5 -> 5.7 step needs to know of a whole
# driver (every C file of its directory) to give its device-private pages
# an owner (5.7's dev_private_owner, pgmap->owner, migrate_vma.src_owner):
#
#   owner_type NAME   the struct its MEMORY_DEVICE_PRIVATE pgmap is reached
#                     from (drm->dmem->pagemap.type = MEMORY_DEVICE_PRIVATE
#                     in a function with struct nouveau_drm *drm: nouveau_drm)
#   devpriv_flag NAME the value of its flags array's [HMM_PFN_DEVICE_PRIVATE]
#                     entry, which 5.7's hmm_range_fault() no longer sets
#
# Each is printed only when the files name exactly one; spatch/migrate
# passes them to spatch as -D hmm_owner_type=NAME, -D hmm_devpriv_flag=NAME.

# A declaration of NAME as a pointer to a struct, in a parameter list or a
# local: the struct's name.
function ptr_type(l, name,    re) {
	re = "struct[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\\*[ \t]*" name "([^A-Za-z0-9_]|$)"
	if (!match(l, re))
		return ""
	l = substr(l, RSTART, RLENGTH)
	sub(/^struct[ \t]+/, "", l)
	sub(/[ \t]*\*.*/, "", l)
	return l
}

FNR == 1 { n = 0 }
{
	line[++n] = $0
	# a function starts at a line in column 0 that is not a declaration
	if ($0 ~ /^[A-Za-z_]/ && $0 !~ /;[ \t]*$/)
		fstart = n
}
match($0, /[A-Za-z_][A-Za-z0-9_]*[ \t]*(->|\.)[^=;]*(->|\.)type[ \t]*=[ \t]*MEMORY_DEVICE_PRIVATE/) {
	root = substr($0, RSTART, RLENGTH)
	sub(/[ \t]*(->|\.).*/, "", root)
	t = ""
	for (i = n; i >= fstart && i >= 1 && t == ""; i--)
		t = ptr_type(line[i], root)
	# a pointer to the pgmap itself names no device
	if (t != "" && t != "dev_pagemap")
		owner[t] = 1
}
match($0, /\[[ \t]*HMM_PFN_DEVICE_PRIVATE[ \t]*\][ \t]*=[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*,?[ \t]*$/) {
	v = substr($0, RSTART, RLENGTH)
	sub(/^.*=[ \t]*/, "", v)
	sub(/[ \t]*,?[ \t]*$/, "", v)
	flag[v] = 1
}
END {
	for (t in owner)
		no++
	if (no == 1)
		for (t in owner)
			print "owner_type", t
	for (v in flag)
		nf++
	if (nf == 1)
		for (v in flag)
			print "devpriv_flag", v
}
