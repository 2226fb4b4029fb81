/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat/hmm_pfn_convert.h - the pfn encoding of the 4.17 .. 5.7 HMM API
 * (one u64 per page, in a format the driver defines with a flags[] table,
 * a values[] table and a pfn_shift) translated to and from today's
 * (v5.8+) unsigned long hmm_pfns with HMM_PFN_* high bits.
 *
 * Pure functions, no state and no locking: shared by the emulations of 5.2,
 * 5.3 and 5.4 (compat/hmm_mirror.c) and callable from a unit test.  The
 * conversions between a driver entry and a kernel hmm_pfn use the kernel's
 * own HMM_PFN_* names, so this header must be parsed before compat/hmm.h
 * renames those names for a 5.2 .. 5.4 driver (compat/hmm.h takes care of
 * that order).
 */
#ifndef _COMPAT_HMM_PFN_CONVERT_H
#define _COMPAT_HMM_PFN_CONVERT_H

#include <linux/hmm.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/types.h>
/* Today's HMM_PFN_* and hmm_pfn_to_page(), emulated where the kernel lacks them. */
#include <compat/hmm_range_fault.h>

/*
 * Indices into the driver's flags[] table: enum hmm_pfn_flag_e, the same
 * from 4.17 to 5.6.
 */
enum hmm_compat_pfn_flag_e {
	HMM_COMPAT_PFN_VALID = 0,
	HMM_COMPAT_PFN_WRITE,
	HMM_COMPAT_PFN_DEVICE_PRIVATE,
	HMM_COMPAT_PFN_FLAG_MAX
};

/*
 * Indices into the driver's values[] table: enum hmm_pfn_value_e, the same
 * from 4.17 to 5.7.
 */
enum hmm_compat_pfn_value_e {
	HMM_COMPAT_PFN_ERROR,
	HMM_COMPAT_PFN_NONE,
	HMM_COMPAT_PFN_SPECIAL,
	HMM_COMPAT_PFN_VALUE_MAX
};

/**
 * struct hmm_compat_pfn_fmt - a driver's pfn encoding
 * @flags: flag bits, indexed by enum hmm_compat_pfn_flag_e
 * @values: special entries, indexed by enum hmm_compat_pfn_value_e
 * @pfn_shift: where the pfn starts in an entry
 */
struct hmm_compat_pfn_fmt {
	const u64 *flags;
	const u64 *values;
	u8 pfn_shift;
};

/**
 * struct hmm_compat_pfn_tables - a copy of a driver's tables
 * @flags: flags[HMM_PFN_VALID] and flags[HMM_PFN_WRITE], the entries every
 *	generation has (5.7's table ends there) and the only ones the
 *	conversions read
 * @values: values[]
 */
struct hmm_compat_pfn_tables {
	u64 flags[HMM_COMPAT_PFN_WRITE + 1];
	u64 values[HMM_COMPAT_PFN_VALUE_MAX];
};

/**
 * hmm_compat_pfn_fmt_local() - an encoding whose tables are a local copy
 * @fmt: the driver's encoding
 * @t: the copy, on the caller's stack
 *
 * For a loop that stores u64 entries (driver pfns, DMA addresses): as far
 * as the compiler knows such a store could change the driver's u64 tables,
 * so it would load them again for every page; a copy whose address does
 * not escape it keeps in registers (hence always inline: a call would be
 * such an escape).
 *
 * Return: @fmt with its tables in @t.
 */
static __always_inline struct hmm_compat_pfn_fmt
hmm_compat_pfn_fmt_local(const struct hmm_compat_pfn_fmt *fmt,
			 struct hmm_compat_pfn_tables *t)
{
	memcpy(t->flags, fmt->flags, sizeof(t->flags));
	memcpy(t->values, fmt->values, sizeof(t->values));
	return (struct hmm_compat_pfn_fmt){ t->flags, t->values,
					    fmt->pfn_shift };
}

/**
 * HMM_COMPAT_PFN_FMT() - the encoding of a range of any 4.17 .. 5.7
 *	generation, which all name it @flags, @values and @pfn_shift
 * @range: a pointer to such a range
 */
#define HMM_COMPAT_PFN_FMT(range) ({					\
	typeof(range) __hmm_compat_r = (range);				\
									\
	(struct hmm_compat_pfn_fmt){ __hmm_compat_r->flags,		\
				     __hmm_compat_r->values,		\
				     __hmm_compat_r->pfn_shift };	\
})

/**
 * hmm_compat_entry_is_special() - whether an entry is one of the values[]
 * @fmt: the driver's encoding
 * @entry: a driver entry
 *
 * Return: true for values[HMM_PFN_NONE], values[HMM_PFN_ERROR] and
 * values[HMM_PFN_SPECIAL].
 */
static inline bool hmm_compat_entry_is_special(const struct hmm_compat_pfn_fmt *fmt,
					       u64 entry)
{
	return entry == fmt->values[HMM_COMPAT_PFN_NONE] ||
	       entry == fmt->values[HMM_COMPAT_PFN_ERROR] ||
	       entry == fmt->values[HMM_COMPAT_PFN_SPECIAL];
}

/**
 * hmm_compat_entry_to_pfn() - the pfn in a driver entry
 * @fmt: the driver's encoding
 * @entry: a driver entry
 *
 * Return: the pfn of a valid entry, -1UL for anything else.
 */
static inline unsigned long
hmm_compat_entry_to_pfn(const struct hmm_compat_pfn_fmt *fmt, u64 entry)
{
	if (hmm_compat_entry_is_special(fmt, entry))
		return -1UL;
	if (!(entry & fmt->flags[HMM_COMPAT_PFN_VALID]))
		return -1UL;
	return entry >> fmt->pfn_shift;
}

/**
 * hmm_compat_entry_from_pfn() - the valid driver entry for a pfn
 * @fmt: the driver's encoding
 * @pfn: a pfn
 *
 * Return: flags[HMM_PFN_VALID] | @pfn << pfn_shift.
 */
static inline u64 hmm_compat_entry_from_pfn(const struct hmm_compat_pfn_fmt *fmt,
					    unsigned long pfn)
{
	return ((u64)pfn << fmt->pfn_shift) | fmt->flags[HMM_COMPAT_PFN_VALID];
}

/**
 * hmm_compat_entry_to_req() - a driver request entry as today's request bits
 * @fmt: the driver's encoding
 * @req: (pfns[i] & pfn_flags_mask) | default_flags
 *
 * Return: HMM_PFN_REQ_FAULT if @req has flags[HMM_PFN_VALID], plus
 * HMM_PFN_REQ_WRITE if it also has flags[HMM_PFN_WRITE]; 0 otherwise
 * (a write flag without the valid flag requests nothing, as in 5.2 .. 5.4).
 */
static inline unsigned long
hmm_compat_entry_to_req(const struct hmm_compat_pfn_fmt *fmt, u64 req)
{
	unsigned long flags = 0;

	if (req & fmt->flags[HMM_COMPAT_PFN_VALID]) {
		flags |= HMM_PFN_REQ_FAULT;
		if (req & fmt->flags[HMM_COMPAT_PFN_WRITE])
			flags |= HMM_PFN_REQ_WRITE;
	}
	return flags;
}

/**
 * hmm_compat_entry_from_hmm_pfn() - today's output hmm_pfn as a driver entry
 * @fmt: the driver's encoding
 * @hmm_pfn: an entry hmm_range_fault() filled in
 *
 * Return: values[HMM_PFN_ERROR] for HMM_PFN_ERROR, values[HMM_PFN_NONE] for
 * an entry without HMM_PFN_VALID, else flags[HMM_PFN_VALID] (plus
 * flags[HMM_PFN_WRITE] for HMM_PFN_WRITE) | pfn << pfn_shift.
 */
static inline u64
hmm_compat_entry_from_hmm_pfn(const struct hmm_compat_pfn_fmt *fmt,
			      unsigned long hmm_pfn)
{
	u64 entry;

	if (hmm_pfn & HMM_PFN_ERROR)
		return fmt->values[HMM_COMPAT_PFN_ERROR];
	if (!(hmm_pfn & HMM_PFN_VALID))
		return fmt->values[HMM_COMPAT_PFN_NONE];
	entry = hmm_compat_entry_from_pfn(fmt, page_to_pfn(hmm_pfn_to_page(hmm_pfn)));
	if (hmm_pfn & HMM_PFN_WRITE)
		entry |= fmt->flags[HMM_COMPAT_PFN_WRITE];
	return entry;
}

#endif /* _COMPAT_HMM_PFN_CONVERT_H */
