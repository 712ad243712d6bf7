/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout walk`: translate addresses through the tables, as crash's vtop
 *
 *   vmlayout walk <the `tables` options> VA...
 *
 * For each VA, the shape of crash's vtop on arm64 (crash arm64.c,
 * arm64_vtop_4level_4k() and siblings): the "VIRTUAL  PHYSICAL" header and
 * answer line, "PAGE DIRECTORY: <root>", one "   PGD: <entry> => <value>"
 * line per entry read (PGD/P4D/PUD/PMD/PTE), then "  PAGE: <output
 * address>" with "  (2MB)" for a block. Differences: addresses are
 * physical (crash shows kernel virtual addresses of the tables), and a
 * " FLAGS:" line gives vmlayout's decoded attributes instead of crash's
 * arm64_translate_pte() table. An unmapped VA's answer line says which
 * level's entry was invalid: "(not mapped: invalid PMD entry)". With arm
 * --format short-linux a " LINUX: <address> => <value>" line follows the
 * PTE: the Linux PTE beside the hardware one (pgtable-2level.h).
 *
 *   vmlayout walk --image FILE VA...
 *   vmlayout walk --dump FILE@PA... --root PA <geometry options> VA...
 *
 * walk the tables of a `tables --out`/`boot-tables --out` image, or of raw
 * physical memory such as QEMU's pmemsave writes (pt_session_read.c), and
 * print them the same way.
 *
 * Exit status: 0 all mapped, 1 if any VA is not mapped, 2 on bad input
 * (nothing printed; with --image/--dump also when a walk reads a table
 * the files do not hold).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pt_session.h"
#include "vmlayout/host_input.h"

static void print_perm(uint32_t p, unsigned int memtype)
{
	static const char *const mt[] = {"normal", "normal-tagged", "normal-nc", "device-nGnRnE",
					 "device-nGnRE"};

	printf("%s%s%s %s%s%s%s%s %s", p & VML_PT_READ ? "r" : "-", p & VML_PT_WRITE ? "w" : "-",
	       p & VML_PT_EXEC ? "x" : "-", p & VML_PT_USER_READ ? "user " : "",
	       p & VML_PT_USER_EXEC ? "user-exec " : "", p & VML_PT_GLOBAL ? "global" : "nG",
	       p & VML_PT_CONT ? " cont" : "", p & VML_PT_ACCESSED ? " af" : "",
	       memtype < 5 ? mt[memtype] : "?");
}

/* crash's "(2MB)" size label. */
static void print_size(uint64_t size)
{
	static const char units[] = "KMGT";
	unsigned int u = 0;

	size >>= 10;
	while (size >= 1024 && !(size & 1023) && u < 3)
		size >>= 10, u++;
	printf("  (%" PRIu64 "%cB)", size, units[u]);
}

/* "   PMD: <entry pa> => <value>", as crash prints each entry it reads. */
static void print_entry(const struct vml_pt_format *f, int level, vml_paddr_t at, uint64_t raw)
{
	printf("%6s: %" PRIx64 " => %" PRIx64 "\n", pt_session_level_name(f, level),
	       vml_pa_addr(at), raw);
}

static void print_leaf(const struct vml_pt_format *f, const struct vml_pt_walk *w)
{
	int level = w->level;

	printf("  PAGE: %" PRIx64, vml_align_down(vml_pa_addr(w->pa), w->leaf_size));
	if (level != vml_pt_last_level(f))
		print_size(w->leaf_size);
	printf("\n FLAGS: %s ", level == vml_pt_last_level(f) ? "page" : "block");
	print_perm(w->attrs.perm, w->attrs.memtype);
	printf("\n");
}

static int walk_one(struct pt_session *s, const char *text)
{
	struct vml_pt_walk w;
	struct vml_pt_ctx *ctx;
	uint64_t va;
	const char *end;
	int err;

	if (vml_memparse(text, &va, &end) || *end) {
		fprintf(stderr, "vmlayout walk: '%s' is not an address\n", text);
		return VML_EXIT_INPUT;
	}
	printf("VIRTUAL           PHYSICAL\n");
	ctx = pt_session_tree_for(s, va);
	err = ctx ? vml_pt_walk(ctx, vml_va(va), &w, NULL) : VML_ENOENT;
	if (!err)
		printf("%-16" PRIx64 "  %" PRIx64 "\n", va, vml_pa_addr(w.pa));
	else if (err == VML_ERANGE || !ctx)
		printf("%-16" PRIx64 "  (not mapped: %s)\n", va,
		       ctx ? "outside the translated space" : "no table for this half");
	else
		printf("%-16" PRIx64 "  (not mapped: invalid %s entry)\n", va,
		       pt_session_level_name(ctx->fmt, w.level));
	/* Each half's own format: an arm --split gives them different roots. */
	if (ctx && err != VML_ERANGE) {
		printf("\nPAGE DIRECTORY: %" PRIx64 "\n", vml_pa_addr(ctx->root));
		for (unsigned int i = 0; i < w.depth; i++)
			print_entry(ctx->fmt, ctx->fmt->first_level + (int)i, w.entry_pa[i],
				    w.raw[i]);
		/* arm short-linux: the Linux PTE kept beside the hardware one
		 * (pgtable-2level.h), which Linux's own code reads. */
		if (w.shadow)
			printf("%6s: %" PRIx64 " => %" PRIx64 "\n", "LINUX",
			       vml_pa_addr(w.shadow_pa), w.shadow_raw);
		if (!err)
			print_leaf(ctx->fmt, &w);
	}
	printf("\n");
	return err ? VML_EXIT_FOUND : 0;
}

/* Before anything is printed: every VA is an address and, for tables read
 * from files, every table its walk reads is in them (a walk that leaves
 * the translated space fails with size 0; one the window fails names the
 * table and its size). */
static int check_walks(struct pt_session *s)
{
	for (unsigned int i = 0; i < s->npos; i++) {
		struct vml_pt_walk w;
		struct vml_diag d = {0};
		struct vml_pt_ctx *ctx;
		const char *end;
		uint64_t va;

		if (vml_memparse(s->pos[i], &va, &end) || *end) {
			fprintf(stderr, "vmlayout walk: '%s' is not an address\n", s->pos[i]);
			return VML_EXIT_INPUT;
		}
		ctx = pt_session_tree_for(s, va);
		if (ctx && vml_pt_walk(ctx, vml_va(va), &w, &d) == VML_ERANGE && d.size)
			return pt_session_unreadable(s, ctx->fmt, &d, true, va);
	}
	return 0;
}

int cmd_walk(int argc, char **argv)
{
	static struct pt_session s;
	int err, found = 0;

	if (pt_session_wants_help(argc, argv)) {
		pt_session_usage(
		    stdout, "walk", "[options] VA...",
		    "  VA...                      the virtual addresses to translate\n");
		return VML_EXIT_OK;
	}
	err = pt_session_parse(&s, "walk", argc, argv);

	if (!err && !s.npos) {
		fprintf(stderr, "vmlayout walk: give at least one VA to translate\n");
		err = VML_EXIT_INPUT;
	}
	if (!err)
		err = pt_session_build(&s);
	if (!err)
		err = check_walks(&s);
	for (unsigned int i = 0; !err && i < s.npos; i++) {
		int r = walk_one(&s, s.pos[i]);

		if (r == VML_EXIT_INPUT)
			err = r;
		else if (r)
			found = r;
	}
	pt_session_free(&s);
	return err ? err : found;
}
