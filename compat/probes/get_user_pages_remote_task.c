// SPDX-License-Identifier: GPL-2.0
/*
 * HB_HAVE_GET_USER_PAGES_REMOTE_TASK: get_user_pages_remote() takes a
 * struct task_struct * first (v4.6 .. v5.8).  Dropped in v5.9 by 64019a2e467a
 * "mm/gup: remove task_struct pointer for all gup code".
 * Distros: every RHEL 8 (4.18.0-*).
 */
#include <linux/mm.h>

long hb_probe(struct mm_struct *mm, struct page **pages);
long hb_probe(struct mm_struct *mm, struct page **pages)
{
	return get_user_pages_remote(NULL, mm, 0, 1, 0, pages, NULL, NULL);
}
