/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backport-include/linux/hmm-dma.h - in a tree written by backports/gentree,
 * the driver's own `#include <linux/hmm-dma.h>` lands here and is turned
 * into the shim: <linux/hmm.h> (backport-include/linux/hmm.h, so
 * <compat/hmm.h>), which brings compat/hmm_dma.h: the kernel's helpers
 * where it has them and the encoding is its own, the shim's elsewhere
 * (kernels before v6.16 have no such header).
 *
 * No recursion: compat/hmm_dma.h includes <linux/hmm-dma.h> for the
 * kernel's declarations once its include guard (_COMPAT_HMM_DMA_H) is
 * defined, and the compat layer's own objects build with
 * HB_GENTREE_COMPAT_OBJ; both step aside here with #include_next to the
 * kernel's header, as backport-include/linux/hmm.h does.
 */
#if defined(_COMPAT_HMM_DMA_H) || defined(HB_GENTREE_COMPAT_OBJ)
#include_next <linux/hmm-dma.h>
#else
#include <linux/hmm.h>
#endif
