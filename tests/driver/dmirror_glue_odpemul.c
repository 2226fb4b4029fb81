// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_odpemul.c - the ODP-style glue (dmirror_glue_odp.c) on the
 * compat layer's own interval notifier, hmm_range_fault() and hmm-dma
 * helpers, forced even where the kernel has them: the encoding with the
 * sticky DMA_MAPPED bit written by the emulation, as v4.19 .. v5.7 run it.
 */
#define HB_FORCE_EMUL 1
#define DMIRROR_GLUE_NAME "odp-style (hmm_dma_map), forced compat emulation"
#include "dmirror_glue_odp.c"
