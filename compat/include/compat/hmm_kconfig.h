/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_kconfig.h - the HMM Kconfig symbols, as a driver of any
 * generation tests them, resolved to what this kernel plus the shim can do.
 *
 * Upstream moved these symbols in steps: ARCH_HAS_HMM (to 5.2), CONFIG_HMM
 * (to 5.2), ARCH_HAS_HMM_MIRROR and ARCH_HAS_HMM_DEVICE (5.2 only, gated on
 * X86_64 || PPC64: the reason HMM-based ODP could not be merged without
 * losing arm64), HMM_MIRROR (user visible to 5.3, hidden and selected by
 * drivers from 5.4).  A driver's `#ifdef CONFIG_ARCH_HAS_HMM_MIRROR` or
 * `IS_ENABLED(CONFIG_HMM)` written for any of those releases must see the
 * truth on the kernel it is built for:
 *
 *  CONFIG_HMM_MIRROR, CONFIG_ARCH_HAS_HMM_MIRROR, CONFIG_ARCH_HAS_HMM,
 *  CONFIG_HMM		defined whenever a process can be mirrored: with the
 *			kernel's own HMM_MIRROR, or without it through the
 *			shim's emulation on the kernel's mmu_notifier (arm64
 *			before v5.3, kernels built with HMM_MIRROR off), on
 *			every architecture
 *  CONFIG_DEVICE_PRIVATE, CONFIG_ARCH_HAS_HMM_DEVICE
 *			defined only when the kernel has DEVICE_PRIVATE:
 *			device memory cannot be emulated
 *
 * This file is included by compat/hmm.h after the kernel's own headers, so
 * the kernel's headers still see the kernel's real configuration.  A driver
 * must not include kernel headers that test these symbols after it.
 */
#ifndef _COMPAT_HMM_KCONFIG_H
#define _COMPAT_HMM_KCONFIG_H

#include <hb_probes.h>

/*
 * Without CONFIG_MMU_NOTIFIER nothing tells a mirror that the CPU page
 * table changed, so neither the kernel nor the shim can mirror.
 */
#ifndef HB_KERNEL_MMU_NOTIFIER
#error "hmm-backports: CONFIG_MMU_NOTIFIER is off in this kernel: it cannot mirror a process."
#error "Rebuild it with CONFIG_HMM_MIRROR=y, which selects it (to v5.3 an mm option; from v5.4"
#error "selected by a driver, e.g. DRM_NOUVEAU_SVM or INFINIBAND_ON_DEMAND_PAGING)."
#endif

#ifndef CONFIG_HMM_MIRROR
#define CONFIG_HMM_MIRROR 1
#endif
#ifndef CONFIG_ARCH_HAS_HMM_MIRROR
#define CONFIG_ARCH_HAS_HMM_MIRROR 1
#endif
#ifndef CONFIG_ARCH_HAS_HMM
#define CONFIG_ARCH_HAS_HMM 1
#endif
#ifndef CONFIG_HMM
#define CONFIG_HMM 1
#endif

#ifdef HB_KERNEL_DEVICE_PRIVATE
#ifndef CONFIG_ARCH_HAS_HMM_DEVICE
#define CONFIG_ARCH_HAS_HMM_DEVICE 1
#endif
#endif

#endif /* _COMPAT_HMM_KCONFIG_H */
