// SPDX-License-Identifier: GPL-2.0
/* amdgpu_mn.c of 5.3: the mirror callback gets a struct hmm_update. */
#define HMM_COMPAT_API 0x050300
#include <compat/hmm.h>

static int amdgpu_mn_sync_pagetables_gfx(struct hmm_mirror *mirror,
					 const struct hmm_update *update)
{
	struct amdgpu_mn *amn = container_of(mirror, struct amdgpu_mn, mirror);
	unsigned long start = update->start;
	unsigned long end = update->end;
	bool blockable = update->blockable;

	if (amdgpu_mn_read_lock(amn, blockable))
		return -EAGAIN;
	amdgpu_mn_invalidate(amn, start, end);
	amdgpu_mn_read_unlock(amn);
	return 0;
}
