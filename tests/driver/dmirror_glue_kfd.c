// SPDX-License-Identifier: GPL-2.0
/*
 * dmirror_glue_kfd.c - the modern glue written the way amdkfd's SVM
 * (kfd_svm.c) and NVIDIA's uvm_hmm.c handle the mm's teardown: their
 * interval notifier returns at once on MMU_NOTIFY_RELEASE and relies on the
 * MMU_NOTIFY_UNMAP that exit_mmap() sends afterwards to the notifiers still
 * inserted (mm/mmu_notifier.c keeps them in its tree after the release).
 * A shim that delivered only the RELEASE would leave the device mapping
 * pages the kernel frees: the suite's exit_forked_holder test reads through
 * a file that outlived its mm and fails on such stale entries.
 */
#define DMIRROR_SKIP_RELEASE 1
#ifndef DMIRROR_GLUE_NAME
#define DMIRROR_GLUE_NAME "kfd-style (returns early on RELEASE)"
#endif
#include "dmirror_glue_modern.c"
