# SPDX-License-Identifier: GPL-2.0
obj-$(CONFIG_HMM) += foo_hmm.o
foo-$(CONFIG_ARCH_HAS_HMM_MIRROR) += foo_svm.o
foo-$(CONFIG_ARCH_HAS_HMM_DEVICE) += foo_dmem.o
foo-$(CONFIG_HMM_MIRROR_X) += untouched.o
