/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout tables`: build page tables, count them, write them out
 *
 *   vmlayout tables --arch arm64 --granule 4K --va-bits 48 \
 *       --map VA:PA:SIZE[:ATTRS] ... --mem SIZE@BASE [--out FILE]
 *
 * Prints tables and bytes per level (both halves added up), and with --out
 * writes FILE (every byte from the lowest to the end of the highest table
 * page, gaps zero) and FILE.json (arch, format, image_base_phys, root_phys
 * and the register values that make an MMU walk the image).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pt_session.h"

struct extent {
	uint64_t lo, hi; /* [lo, hi) */
};

static int note_table(void *arg, int level, vml_paddr_t t, uint64_t size)
{
	struct extent *e = arg;

	(void)level;
	if (vml_pa_addr(t) < e->lo)
		e->lo = vml_pa_addr(t);
	if (vml_pa_addr(t) + size > e->hi)
		e->hi = vml_pa_addr(t) + size;
	return 0;
}

/* Figures per level number, both halves added up (with an arm --split the
 * halves' roots may sit at different levels: LPAE 3G has TTBR1 at 2). */
static void print_counts(struct pt_session *s)
{
	struct vml_pt_stats sum = {0};
	const struct vml_pt_format *f = &s->fmt[0];
	int first = s->fmt[0].first_level < s->fmt[1].first_level ? s->fmt[0].first_level
								  : s->fmt[1].first_level;
	int last = vml_pt_last_level(f);

	for (unsigned int h = 0; h < 2; h++) {
		struct vml_pt_stats st = {0};
		int shift = s->fmt[h].first_level - first;

		if (!s->have[h] || vml_pt_count(&s->ctx[h], &st))
			continue;
		for (unsigned int i = 0; i < s->fmt[h].levels; i++) {
			sum.tables[i + shift] += st.tables[i];
			sum.table_bytes[i + shift] += st.table_bytes[i];
			sum.leaves[i + shift] += st.leaves[i];
			sum.cont_leaves[i + shift] += st.cont_leaves[i];
		}
		sum.total_tables += st.total_tables;
		sum.total_bytes += st.total_bytes;
	}
	printf("%s %s\n", f->arch, f->name);
	printf("%-6s %8s %12s %10s %10s\n", "level", "tables", "bytes", "leaves", "cont");
	for (int level = first; level <= last; level++) {
		unsigned int i = (unsigned int)(level - first);

		printf("%-6d %8" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10" PRIu64 "\n", level,
		       sum.tables[i], sum.table_bytes[i], sum.leaves[i], sum.cont_leaves[i]);
	}
	printf("%-6s %8" PRIu64 " %12" PRIu64 "\n", "total", sum.total_tables, sum.total_bytes);
}

static int write_json(struct pt_session *s, const char *path, uint64_t base)
{
	struct vml_pt_roots roots = {{s->have[0], s->have[1]}, {s->ctx[0].root, s->ctx[1].root}};
	struct vml_pt_regs regs = {0};
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	if (s->fmt[0].ops->registers)
		s->fmt[0].ops->registers(&s->fmt[0], &roots, &regs);
	fprintf(f, "{\n  \"arch\": \"%s\",\n  \"format\": \"%s\",\n", s->fmt[0].arch,
		s->fmt[0].name);
	if (s->split)
		fprintf(f, "  \"split\": \"0x%" PRIx64 "\",\n", s->split);
	fprintf(f, "  \"image_base_phys\": \"0x%" PRIx64 "\",\n", base);
	fprintf(f, "  \"root_phys\": \"0x%" PRIx64 "\"",
		vml_pa_addr(s->have[0] ? s->ctx[0].root : s->ctx[1].root));
	for (unsigned int i = 0; i < regs.count; i++)
		fprintf(f, ",\n  \"%s\": \"0x%" PRIx64 "\"", regs.reg[i].name, regs.reg[i].value);
	fprintf(f, "\n}\n");
	return fclose(f);
}

static int write_image(struct pt_session *s)
{
	struct extent e = {~0ULL, 0};
	char json[4096];
	unsigned char *buf;
	FILE *f;
	int ok;

	for (unsigned int h = 0; h < 2; h++)
		if (s->have[h])
			vml_pt_for_each_table(&s->ctx[h], note_table, &e);
	if (e.hi <= e.lo) {
		fprintf(stderr, "vmlayout tables: --out: no tables to write (give a --map)\n");
		return VML_EXIT_INPUT;
	}
	buf = malloc(e.hi - e.lo);
	if (!buf)
		return VML_EXIT_INTERNAL;
	vml_physmem_read(s->tables.pm, e.lo, buf, e.hi - e.lo);
	f = fopen(s->out, "wb");
	ok = f && fwrite(buf, 1, e.hi - e.lo, f) == e.hi - e.lo;
	ok = (f && !fclose(f)) && ok;
	free(buf);
	snprintf(json, sizeof(json), "%s.json", s->out);
	if (!ok || write_json(s, json, e.lo)) {
		fprintf(stderr, "vmlayout tables: --out '%s': cannot write the file\n", s->out);
		return VML_EXIT_INPUT;
	}
	return 0;
}

int cmd_tables(int argc, char **argv)
{
	static struct pt_session s;
	int err = pt_session_parse(&s, "tables", argc, argv);

	if (!err && s.npos) {
		fprintf(stderr, "vmlayout tables: unexpected argument '%s'\n", s.pos[0]);
		err = VML_EXIT_INPUT;
	}
	if (!err)
		err = pt_session_build(&s);
	if (!err) {
		print_counts(&s);
		if (s.out)
			err = write_image(&s);
	}
	pt_session_free(&s);
	return err;
}
