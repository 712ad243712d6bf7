/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout tables`: build page tables, count them, write them out
 *
 *   vmlayout tables --arch arm64 --granule 4K --va-bits 48 \
 *       --map VA:PA:SIZE[:ATTRS] ... --mem SIZE@BASE [--out FILE]
 *
 * Prints tables and bytes per level (both halves added up), and with --out
 * writes FILE (byte k is physical address image_base_phys + k, from the
 * lowest to the end of the highest table page) and FILE.json (arch, format,
 * pa_bits, split (arm --split), image_base_phys, root_phys, the register
 * values that make an MMU walk the image, and "runs": the contiguous runs
 * of table pages, each with its physical address, file offset and size;
 * `walk --image` and `ptdump --image` read them back, pt_image.h). Only
 * the runs are written: the
 * gaps between them are holes of a sparse file, so two banks 2 GiB apart
 * cost their tables' bytes, not 2 GiB. Both files appear whole or not at
 * all (out_file.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include "cli/commands.h"
#include "cli/out_file.h"
#include "cli/pt_session.h"

/* The table pages, as [start, end) physical runs. */
struct runs {
	struct extent {
		uint64_t lo, hi; /* [lo, hi) */
	} * run;
	size_t n, cap;
};

static int note_table(void *arg, int level, vml_paddr_t t, uint64_t size)
{
	struct runs *r = arg;

	(void)level;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		struct extent *grown = realloc(r->run, cap * sizeof(*grown));

		if (!grown)
			return -1;
		r->run = grown;
		r->cap = cap;
	}
	r->run[r->n].lo = vml_pa_addr(t);
	r->run[r->n++].hi = vml_pa_addr(t) + size;
	return 0;
}

static int extent_order(const void *a, const void *b)
{
	const struct extent *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sort the pages and merge the touching ones into runs. */
static void merge_runs(struct runs *r)
{
	size_t n = 0;

	qsort(r->run, r->n, sizeof(*r->run), extent_order);
	for (size_t i = 0; i < r->n; i++) {
		if (n && r->run[i].lo <= r->run[n - 1].hi)
			r->run[n - 1].hi = vml_max(r->run[n - 1].hi, r->run[i].hi);
		else
			r->run[n++] = r->run[i];
	}
	r->n = n;
}

/* Figures per level number, both halves added up (with an arm --split the
 * halves' roots may sit at different levels: LPAE 3G has TTBR1 at 2). */
void pt_session_print_counts(struct pt_session *s)
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

static void write_json(struct pt_session *s, FILE *f, const struct runs *r)
{
	struct vml_pt_roots roots = {{s->have[0], s->have[1]}, {s->ctx[0].root, s->ctx[1].root}};
	struct vml_pt_regs regs = {0};
	uint64_t base = r->run[0].lo;

	if (s->fmt[0].ops->registers)
		s->fmt[0].ops->registers(&s->fmt[0], &roots, &regs);
	fprintf(f, "{\n  \"arch\": \"%s\",\n  \"format\": \"%s\",\n  \"pa_bits\": %u,\n",
		s->fmt[0].arch, s->fmt[0].name, s->fmt[0].pa_bits);
	if (s->split)
		fprintf(f, "  \"split\": \"0x%" PRIx64 "\",\n", s->split);
	fprintf(f, "  \"image_base_phys\": \"0x%" PRIx64 "\",\n", base);
	fprintf(f, "  \"root_phys\": \"0x%" PRIx64 "\"",
		vml_pa_addr(s->have[0] ? s->ctx[0].root : s->ctx[1].root));
	for (unsigned int i = 0; i < regs.count; i++)
		fprintf(f, ",\n  \"%s\": \"0x%" PRIx64 "\"", regs.reg[i].name, regs.reg[i].value);
	fprintf(f, ",\n  \"runs\": [");
	for (size_t i = 0; i < r->n; i++)
		fprintf(f,
			"%s\n    {\"phys\": \"0x%" PRIx64 "\", \"offset\": \"0x%" PRIx64
			"\", \"size\": \"0x%" PRIx64 "\"}",
			i ? "," : "", r->run[i].lo, r->run[i].lo - base,
			r->run[i].hi - r->run[i].lo);
	fprintf(f, "\n  ]\n}\n");
}

/* Each run at its offset; the gaps stay holes (a final hole is made part
 * of the file by ftruncate through the last run's end: the last run always
 * ends the file). */
static int write_runs(struct pt_session *s, FILE *f, const struct runs *r)
{
	uint64_t base = r->run[0].lo;

	for (size_t i = 0; i < r->n; i++) {
		uint64_t size = r->run[i].hi - r->run[i].lo;
		unsigned char *buf = malloc(size);
		int ok;

		if (!buf)
			return -1;
		vml_physmem_read(s->tables.pm, r->run[i].lo, buf, size);
		ok = (i == 0 || !fseeko(f, (off_t)(r->run[i].lo - base), SEEK_SET)) &&
		     fwrite(buf, 1, size, f) == size;
		free(buf);
		if (!ok)
			return -1;
	}
	return 0;
}

int pt_session_write_image(struct pt_session *s)
{
	char who[64];
	struct runs r = {0};
	struct out_file image, json;
	char *json_path = NULL;
	int err = VML_EXIT_INPUT;

	snprintf(who, sizeof(who), "vmlayout %s: --out", s->cmd);
	for (unsigned int h = 0; h < 2; h++)
		if (s->have[h] && vml_pt_for_each_table(&s->ctx[h], note_table, &r)) {
			free(r.run);
			return VML_EXIT_INTERNAL;
		}
	if (!r.n) {
		fprintf(stderr, "%s: no tables to write (give a --map)\n", who);
		return VML_EXIT_INPUT;
	}
	merge_runs(&r);
	if (asprintf(&json_path, "%s.json", s->out) < 0) {
		free(r.run);
		return VML_EXIT_INTERNAL;
	}
	if (!out_file_open(&image, s->out, who)) {
		if (write_runs(s, image.f, &r)) {
			fprintf(stderr, "%s '%s': cannot write the file: %s\n", who, s->out,
				strerror(errno ? errno : EIO));
			out_file_abort(&image);
		} else if (!out_file_open(&json, json_path, who)) {
			write_json(s, json.f, &r);
			if (!out_file_commit(&json, who))
				err = out_file_commit(&image, who) ? VML_EXIT_INPUT : 0;
			else
				out_file_abort(&image);
		} else {
			out_file_abort(&image);
		}
	}
	free(json_path);
	free(r.run);
	return err;
}
int cmd_tables(int argc, char **argv)
{
	static struct pt_session s;
	int err;

	if (pt_session_wants_help(argc, argv)) {
		pt_session_usage(stdout, "tables", "[options]",
				 "  --out FILE                 write the table image (sparse) and "
				 "FILE.json\n");
		return VML_EXIT_OK;
	}
	err = pt_session_parse(&s, "tables", argc, argv);

	if (!err && s.npos) {
		fprintf(stderr, "vmlayout tables: unexpected argument '%s'\n", s.pos[0]);
		err = VML_EXIT_INPUT;
	}
	if (!err)
		err = pt_session_build(&s);
	/* The files first: a failure prints nothing on stdout. */
	if (!err && s.out)
		err = pt_session_write_image(&s);
	if (!err)
		pt_session_print_counts(&s);
	pt_session_free(&s);
	return err;
}
