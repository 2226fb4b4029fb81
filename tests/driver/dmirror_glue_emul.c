// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_emul.c - the modern glue, unchanged, built against the
 * compat layer's own mmu_interval_notifier and hmm_range_fault()
 * (compat/mmu_interval_notifier.c, compat/hmm_range_fault.c) even where the
 * kernel has them, so that the emulation that serves v4.19 .. v5.7 is
 * proven on every kernel of the matrix.  tests/driver/Kbuild builds the
 * compat objects of this module with HB_FORCE_EMUL too.
 */
#define HB_FORCE_EMUL 1
#include "dmirror_glue_modern.c"
