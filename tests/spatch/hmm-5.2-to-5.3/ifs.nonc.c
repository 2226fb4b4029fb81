// SPDX-License-Identifier: GPL-2.0
#if !IS_ENABLED(CONFIG_ARCH_HAS_HMM) || !IS_ENABLED(CONFIG_ARCH_HAS_HMM_MIRROR) || \
	!IS_ENABLED(CONFIG_HMM_MIRROR) || !IS_ENABLED(CONFIG_HMM)
#error "needs HMM"
#endif
#ifdef CONFIG_ARCH_HAS_HMM_DEVICE
int dmem;
#endif
#if defined(CONFIG_HMM) && defined(CONFIG_DEVICE_PUBLIC)
int pub;
#endif
int x = IS_ENABLED(CONFIG_HMM);
