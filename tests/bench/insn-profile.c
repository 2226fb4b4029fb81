// SPDX-License-Identifier: GPL-2.0
/*
 * insn-profile.c - a QEMU TCG plugin for tests/bench/guest-profile.sh:
 * counts the guest instructions executed per translation block, exactly
 * (an inline add of the block's length each time it runs), and writes
 * "<start address, 16 hex digits> <instructions>" per block at exit to the
 * file given as out=PATH; with begin= and end=, only between two markers,
 * one segment of the file per begin..end pair.  Under -icount shift=0 that
 * is where the guest's time went, the same measure make bench's ratios are
 * taken with.
 *
 * Written against QEMU's plugin API version 1 (QEMU 7.x), declared here:
 * the distribution ships QEMU with plugin support but not its header.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
						struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
					    void *userdata);
enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags,
					  void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    qemu_plugin_udata_cb_t cb, void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

struct block {
	uint64_t vaddr;
	uint64_t insns;
	uint64_t mark;	/* insns at the segment's begin= */
};

/* Open addressing by start address; a block translated again adds up. */
#define NSLOTS	(1u << 21)
static struct block *slots;
static unsigned int used;
static char outfile[4096] = "insn-profile.txt";
/*
 * begin=ADDR, end=ADDR: count only between runs of the block at ADDR and
 * of the one at the other (hmm_bench's markers, at fixed addresses in its
 * static binary under norandmaps), each begin..end pair a segment of its
 * own: hmm_bench brackets each metric.
 */
static uint64_t mark_begin, mark_end;
static int inside;		/* between a begin and its end */
static unsigned int segments;	/* begin..end pairs written */
static FILE *out;

static struct block *lookup(uint64_t vaddr)
{
	uint64_t h = (vaddr * 0x9e3779b97f4a7c15ull) >> 43;
	unsigned int i = (unsigned int)h & (NSLOTS - 1);

	while (slots[i].insns != UINT64_MAX && slots[i].vaddr != vaddr)
		i = (i + 1) & (NSLOTS - 1);
	if (slots[i].insns == UINT64_MAX) {
		if (used + 1 >= NSLOTS / 2)
			return NULL;
		used++;
		slots[i].vaddr = vaddr;
		slots[i].insns = 0;
		/* Translated after begin=: all of it counts. */
		slots[i].mark = 0;
	}
	return &slots[i];
}

/*
 * At a begin, remember every block's count; at its end, write what each
 * block ran since ("# segment N", then "<address> <instructions>" lines).
 * A block first translated inside the segment starts at 0 (lookup()).
 */
static void on_mark(unsigned int vcpu, void *end)
{
	unsigned int i;

	(void)vcpu;
	if (inside != (end ? 1 : 0))
		return;
	inside = !end;
	if (!end) {
		for (i = 0; i < NSLOTS; i++)
			if (slots[i].insns != UINT64_MAX)
				slots[i].mark = slots[i].insns;
		return;
	}
	if (!out)
		out = fopen(outfile, "w");
	if (!out)
		return;
	fprintf(out, "# segment %u\n", ++segments);
	for (i = 0; i < NSLOTS; i++) {
		uint64_t n = slots[i].insns - slots[i].mark;

		if (slots[i].insns != UINT64_MAX && n)
			fprintf(out, "%016" PRIx64 " %" PRIu64 "\n",
				slots[i].vaddr, n);
	}
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct block *b = lookup(vaddr);

	(void)id;
	if (b)
		qemu_plugin_register_vcpu_tb_exec_inline(tb,
			QEMU_PLUGIN_INLINE_ADD_U64, &b->insns,
			qemu_plugin_tb_n_insns(tb));
	if (mark_begin && (vaddr == mark_begin || vaddr == mark_end))
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_mark,
			QEMU_PLUGIN_CB_NO_REGS,
			vaddr == mark_end ? (void *)1 : NULL);
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	unsigned int i;

	(void)id;
	(void)p;
	if (!segments) {
		/* No segment (or no markers asked for): the whole run. */
		out = fopen(outfile, "w");
		if (!out)
			return;
		if (mark_begin)
			fprintf(out, "# markers not both reached: the whole run\n");
		for (i = 0; i < NSLOTS; i++)
			if (slots[i].insns != UINT64_MAX && slots[i].insns)
				fprintf(out, "%016" PRIx64 " %" PRIu64 "\n",
					slots[i].vaddr, slots[i].insns);
	}
	if (!out)
		return;
	if (used + 1 >= NSLOTS / 2)
		fprintf(out, "# table full: blocks after %u not counted\n", used);
	fclose(out);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
			int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			snprintf(outfile, sizeof(outfile), "%s", argv[i] + 4);
		else if (!strncmp(argv[i], "begin=", 6))
			mark_begin = strtoull(argv[i] + 6, NULL, 0);
		else if (!strncmp(argv[i], "end=", 4))
			mark_end = strtoull(argv[i] + 4, NULL, 0);
	slots = malloc(NSLOTS * sizeof(*slots));
	if (!slots)
		return -1;
	memset(slots, 0xff, NSLOTS * sizeof(*slots));
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
