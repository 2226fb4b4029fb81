#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkfixture.sh [--compat-package] FORM DIR: write into DIR (which must not exist) the mirror
# test driver as a vendor would ship it outside this project, for gentree to
# backport: one glue (tests/driver/dmirror_glue_FORM.c) with the core, the
# UAPI header beside them, a plain Kbuild naming the module
# dmirror_gentree_FORM, and the sources including the kernel's <linux/hmm.h>
# and <linux/hmm-dma.h> (as written for their release, without
# HMM_COMPAT_API), so the generated
# tree's backport-include is what routes them to the shim.  Made from the
# driver at test time, so it follows the driver's changes.
#
# --compat-package: instead, a driver built against the installed compat
# package (hmm-backports-dkms): the glue unchanged (<compat/hmm.h>, its own
# HMM_COMPAT_API), module dmirror_dep_FORM, compiled with $(HB_CFLAGS) (what
# `hmm-backports-config --cflags KVER` prints) and linking no compat code.

set -eu
dep=0
if [ "${1-}" = --compat-package ]; then
	dep=1
	shift
fi
form=${1:?usage: mkfixture.sh FORM DIR}
dir=${2:?usage: mkfixture.sh FORM DIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
drv=$top/tests/driver
[ -f "$drv/dmirror_glue_$form.c" ] ||
	{ echo "mkfixture.sh: no glue tests/driver/dmirror_glue_$form.c" >&2; exit 1; }
[ ! -e "$dir" ] || { echo "mkfixture.sh: $dir exists" >&2; exit 1; }
mkdir -p "$dir"
cp "$drv/dmirror.h" "$drv/dmirror_core.c" "$top/tests/include/hmm_dmirror_uapi.h" "$dir/"
if [ $dep = 1 ]; then
	cp "$drv/dmirror_glue_$form.c" "$dir/"
	m=dmirror_dep_$form
	flags='ccflags-y += $(HB_CFLAGS)'
else
	sed -e 's|#include <compat/hmm.h>|#include <linux/hmm.h>|' \
		-e 's|#include <compat/hmm_dma.h>|#include <linux/hmm-dma.h>|' \
		-e '/^#define HMM_COMPAT_API /d' \
		"$drv/dmirror_glue_$form.c" >"$dir/dmirror_glue_$form.c"
	m=dmirror_gentree_$form
	flags=
fi
cat >"$dir/Kbuild" <<EOK
# SPDX-License-Identifier: GPL-2.0
obj-m := $m.o
$m-y := dmirror_core.o dmirror_glue_$form.o
$flags
EOK
