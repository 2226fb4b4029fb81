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
 * kernel's header, as backport-include/linux/hmm.h does, where the kernel
 * has one.  So does the driver's own include once the shim's header was
 * read (after its <linux/hmm.h>, as ib_umem_odp.h includes them).
 */
#if defined(_COMPAT_HMM_DMA_H) || defined(HB_GENTREE_COMPAT_OBJ)
#include <hb_probes.h>
/* A kernel before v6.16 has no such header: the shim's is all there is. */
#ifdef HB_HAVE_HMM_DMA_MAP
#include_next <linux/hmm-dma.h>
#endif
#else
#include <linux/hmm.h>
#endif
