// SPDX-License-Identifier: GPL-2.0
/*
 * The entry points of the Linux 5.2 HMM mirror API that differ from 5.3's
 * (compat/hmm_mirror53.c serves the rest): ranges registered by mm.
 * Linked into a driver module that includes compat/hmm.h with
 * HMM_COMPAT_API == 0x050200; see compat/hmm52_types.h.
 */
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <compat/hmm.h>
#include <compat/export.h>

#include <compat/hmm_emul.h>

#if defined(HB_EMUL_HMM_API_G52)

#include <compat/hmm52_types.h>

/**
 * hmm_compat52_range_register() - 5.2 hmm_range_register(): track CPU page
 *	table changes of an mm over a range
 * @range: the range
 * @mm: the mm; it need not have a registered mirror
 * @start: first address
 * @end: address after the last
 * @page_shift: the page size of the entries: only PAGE_SHIFT is supported
 *
 * If no mirror tracks @mm yet, its tracking state is created, which may
 * take @mm's mmap_lock for write: then call this without it.  With a
 * registered mirror (how 5.2 drivers used it, under mmap_lock for read) it
 * only takes references.  May sleep.
 *
 * Return: 0; -EINVAL for a page size other than PAGE_SHIFT or a bad range;
 * -EFAULT if @mm is gone; -ENOMEM.
 */
int hmm_compat52_range_register(struct hmm_compat53_range *range,
				struct mm_struct *mm,
				unsigned long start, unsigned long end,
				unsigned int page_shift)
{
	struct hmm_compat_hmm *hmm;
	int ret;

	ret = hmm_compat53_range_init(range, start, end, page_shift);
	if (ret)
		return ret;

	hmm = hmm_compat_hmm_get(mm);
	if (IS_ERR(hmm))
		return PTR_ERR(hmm);
	ret = hmm_compat_range_register(&range->core, hmm, start, end,
					&range->valid, false);
	range->hmm = range->core.hmm;
	/* A registered range holds its own reference to the state. */
	hmm_compat_hmm_put(hmm);
	return ret;
}
EXPORT_SYMBOL_HB_HMM(hmm_compat52_range_register);

#endif /* HB_EMUL_HMM_API_G52 */
