// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_kfdemul.c - the kfd-style glue (dmirror_glue_kfd.c) on the
 * compat layer's own interval notifier and hmm_range_fault(), forced even
 * where the kernel has them: the teardown of v4.19 .. v5.4 as a driver
 * that returns early on MMU_NOTIFY_RELEASE sees it.
 */
#define HB_FORCE_EMUL 1
#define DMIRROR_GLUE_NAME "kfd-style, forced compat emulation"
#include "dmirror_glue_kfd.c"
