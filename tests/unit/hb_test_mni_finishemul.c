// SPDX-License-Identifier: GPL-2.0
/*
 * hb_test_mni_finishemul.c - hb_test_mni_finish on the emulated interval
 * notifier (compat/mmu_interval_notifier.c) even where the kernel has its
 * own: tests/unit/Kbuild builds a unit named *emul, and its compat objects,
 * with HB_FORCE_EMUL.
 */
#define HB_TEST_NAME "hb_test_mni_finishemul"
#include "hb_test_mni_finish.c"
