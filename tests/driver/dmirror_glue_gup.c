// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_gup.c - the modern glue, unchanged, on the compat layer's
 * hmm_range_fault() (get_user_pages_remote() + a lockless page-table walk,
 * compat/hmm_range_fault.c) with the kernel's own mmu_interval_notifier:
 * the path v5.5 .. v5.7 kernels take (an interval notifier, but no
 * hmm_pfns hmm_range_fault()), proven on every kernel of the matrix.
 * tests/driver/Kbuild builds its compat objects with HB_FORCE_EMUL_HRF too.
 */
#define HB_FORCE_EMUL_HRF 1
#include "dmirror_glue_modern.c"
