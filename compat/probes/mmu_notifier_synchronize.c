// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_MMU_NOTIFIER_SYNCHRONIZE: void mmu_notifier_synchronize(void),
 * exported.  Two meanings, one use: v4.19 (and RHEL 8.x) srcu_barrier()
 * over mmu_notifier_call_srcu()'s callbacks; v5.4+ synchronize_srcu() after
 * mmu_notifier_put()'s.  Either way a module's exit calls it so that no
 * deferred free runs its code after the unload.  Absent in v5.0 .. v5.3
 * (checked: v5.0, v5.2.1, v5.3.1); v5.4's get/put scheme brought it back.
 */
#include <linux/mmu_notifier.h>

void hb_probe(void);
void hb_probe(void)
{
	mmu_notifier_synchronize();
}
