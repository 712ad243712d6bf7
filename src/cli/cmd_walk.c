/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout walk`: translate addresses through the tables, as crash's vtop
 *
 *   vmlayout walk <the `tables` options> VA...
 *
 * For each VA: the VIRTUAL/PHYSICAL header line, then every entry read on
 * the way (level, the entry's physical address => its value, decoded), then
 * the page. Exit status 1 if any VA is not mapped.
 */
#include <inttypes.h>
#include <stdio.h>

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

static void print_entry(const struct vml_pt_format *f, int level, vml_paddr_t at, uint64_t raw)
{
	struct vml_pt_entry e;

	printf("  L%-2d %12" PRIx64 " => %16" PRIx64, level, vml_pa_addr(at), raw);
	switch (f->ops->decode(f, level, raw, &e)) {
	case VML_PTE_INVALID:
		printf("  invalid\n");
		return;
	case VML_PTE_TABLE:
		printf("  table %" PRIx64 "\n", vml_pa_addr(e.addr));
		return;
	case VML_PTE_LEAF:
		printf("  %s %" PRIx64 " ", level == vml_pt_last_level(f) ? "page" : "block",
		       vml_pa_addr(e.addr));
		print_perm(e.attrs.perm, e.attrs.memtype);
		printf("\n");
		return;
	}
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
	if (err) {
		printf("%-16" PRIx64 "  (not mapped%s)\n", va,
		       err == VML_ERANGE ? ": outside the translated space" : "");
	} else {
		printf("%-16" PRIx64 "  %" PRIx64 "\n", va, vml_pa_addr(w.pa));
	}
	if (ctx && err != VML_ERANGE) {
		printf("\n  ROOT: %" PRIx64 "\n", vml_pa_addr(ctx->root));
		for (unsigned int i = 0; i < w.depth; i++)
			print_entry(&s->fmt, s->fmt.first_level + (int)i, w.entry_pa[i], w.raw[i]);
		if (!err)
			printf("  PAGE: %" PRIx64 " (%" PRIu64 "K leaf)\n",
			       vml_align_down(vml_pa_addr(w.pa), w.leaf_size), w.leaf_size >> 10);
	}
	printf("\n");
	return err ? VML_EXIT_FOUND : 0;
}

int cmd_walk(int argc, char **argv)
{
	static struct pt_session s;
	int err = pt_session_parse(&s, "walk", argc, argv);
	int found = 0;

	if (!err && !s.npos) {
		fprintf(stderr, "vmlayout walk: give at least one VA to translate\n");
		err = VML_EXIT_INPUT;
	}
	if (!err)
		err = pt_session_build(&s);
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
