// SPDX-License-Identifier: GPL-2.0
/*
 * The 5.4 glue, unchanged, with the compat layer's whole emulation forced
 * on (tests/driver/Kbuild builds its compat objects with HB_FORCE_EMUL too):
 * the 5.4 mirror on the compat layer's own interval notifier and
 * hmm_range_fault(), the stack a 5.4 driver runs on where the kernel has
 * none of them (v4.19 .. v5.4 without HMM_MIRROR), tested on every kernel.
 */
#define HB_FORCE_EMUL 1
#define HMM_COMPAT_API 0x050400
#include "dmirror_glue_g54.c"
