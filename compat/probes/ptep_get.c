// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_PTEP_GET: ptep_get() reads a pte.  v5.8, "mm: Allow
 * arches to provide ptep_get()" (arm64 needs it from v6.9, contpte).
 * Distros: not looked at; a missing answer only costs a plain pte read.
 */
#include <linux/mm.h>

unsigned long hb_probe(pte_t *ptep);
unsigned long hb_probe(pte_t *ptep)
{
	return pte_pfn(ptep_get(ptep));
}
