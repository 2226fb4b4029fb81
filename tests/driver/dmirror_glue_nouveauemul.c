// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_nouveauemul.c - the nouveau-style glue
 * (dmirror_glue_nouveau.c) on the compat layer's own interval notifier and
 * hmm_range_fault(), forced even where the kernel has them: the shim's
 * per-mm subscription registered and unregistered on every fault, beside
 * the glue's plain mmu_notifier, as v4.19 .. v5.4 run it.
 */
#define HB_FORCE_EMUL 1
#define DMIRROR_GLUE_NAME "nouveau-style, forced compat emulation"
#include "dmirror_glue_nouveau.c"
