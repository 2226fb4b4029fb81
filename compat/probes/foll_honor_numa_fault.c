// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_FOLL_HONOR_NUMA_FAULT: GUP takes FOLL_HONOR_NUMA_FAULT (an enum
 * constant: no #ifdef can see it) and, without it, follows a NUMA-hinting
 * (PROT_NONE) pte without faulting it.  v6.6, "mm/gup: reintroduce
 * FOLL_NUMA as FOLL_HONOR_NUMA_FAULT"; before v6.5 GUP set FOLL_NUMA itself
 * for every call without FOLL_FORCE (v6.5 alone honours neither).
 */
#include <linux/mm.h>

unsigned int hb_probe(void);
unsigned int hb_probe(void)
{
	return FOLL_HONOR_NUMA_FAULT;
}
