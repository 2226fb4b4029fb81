// SPDX-License-Identifier: GPL-2.0
/*
 * hmm_compat.ko: the compat layer as a module of its own, for drivers
 * packaged separately from it (compat/Kbuild).  It only carries the
 * exported entry points of the other C files of compat/ (compat/export.h);
 * it has no state of its own to set up.
 */
#include <hb_probes.h>
/* First, as in compat/mmu_notifier_get.c. */
#include <compat/mmu_notifier_rename.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init hmm_compat_init(void)
{
	return 0;
}

static void __exit hmm_compat_exit(void)
{
#ifdef HB_MMU_NOTIFIER_GET_EMUL
	/* No free deferred by mmu_notifier_put() may run the code unloaded. */
	mmu_notifier_synchronize();
#endif
}

module_init(hmm_compat_init);
module_exit(hmm_compat_exit);

MODULE_DESCRIPTION("hmm-backports: the HMM mirror API of every generation on this kernel");
MODULE_LICENSE("GPL");
/* The project version (versions), passed by packaging/hb-build.sh. */
#ifdef HB_VERSION
MODULE_VERSION(__stringify(HB_VERSION));
#endif
