// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_GET_USER_PAGES_REMOTE_VMAS: get_user_pages_remote(mm, start,
 * nr_pages, gup_flags, pages, vmas, locked) (v5.9 .. v6.4).  The vmas
 * argument was dropped in v6.5 by ca5e863233e8 "mm/gup: remove vmas
 * parameter from get_user_pages_remote()".
 * Distros: RHEL 9.0 .. 9.5; RHEL 9.6 has the v6.5 form (neither probe).
 */
#include <linux/mm.h>

long hb_probe(struct mm_struct *mm, struct page **pages);
long hb_probe(struct mm_struct *mm, struct page **pages)
{
	return get_user_pages_remote(mm, 0, 1, 0, pages, NULL, NULL);
}
