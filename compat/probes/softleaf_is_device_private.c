// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_SOFTLEAF_IS_DEVICE_PRIVATE: the leaf-entry API of <linux/leafops.h>
 * decodes a device-private entry of a pte or a pmd (softleaf_from_pte(),
 * softleaf_from_pmd(), softleaf_is_device_private(),
 * softleaf_is_device_private_write(), softleaf_to_pfn()): v6.19/7.x, where
 * mm/hmm.c uses it and the swp_entry_t helpers (is_device_private_entry()
 * ...) are gone.  Distros: Debian's 6.12 has transitional softleaf_from_pte()
 * and softleaf_to_pfn() macros only, so all of them are probed.  Without
 * it: the swp_entry_t helpers (compat/hmm_range_fault.c).
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/leafops.h>

unsigned long hb_probe(pte_t pte, pmd_t pmd);
unsigned long hb_probe(pte_t pte, pmd_t pmd)
{
	softleaf_t e = softleaf_from_pte(pte);

	if (softleaf_is_device_private(softleaf_from_pmd(pmd)))
		return 1;
	return softleaf_is_device_private(e) &&
	       softleaf_is_device_private_write(e) ? softleaf_to_pfn(e) : 0;
}
