/* SPDX-License-Identifier: MIT */
/*
 * The fuzz corpora as regression tests under `make check`, without clang
 * or libFuzzer: every harness of tests/fuzz/ is compiled in here (its entry
 * point renamed) and every committed input of tests/fuzz/corpus/<target>/
 * is run through it once. A harness aborts on a broken contract, so a
 * regression shows as a crash of this program naming the input last
 * printed. Then the reproducers of the bugs fuzzing found and that were
 * fixed, each with the exact outcome the fix gives.
 */
#include <dirent.h>
#include <errno.h>

#include "check.h"

#define LLVMFuzzerTestOneInput fuzz_one_dt_layout
#include "fuzz/fuzz_dt_layout.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_cmdline_kconfig
#include "fuzz/fuzz_cmdline_kconfig.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_sysmap
#include "fuzz/fuzz_sysmap.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_map_spec
#include "fuzz/fuzz_map_spec.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_pgtable
#include "fuzz/fuzz_pgtable.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_pt_dump
#include "fuzz/fuzz_pt_dump.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_pt_image
#include "fuzz/fuzz_pt_image.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_vmarea
#include "fuzz/fuzz_vmarea.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of tests/fuzz/corpus/@target through @fn, in name order;
 * returns how many. */
static int replay(const char *target, fuzz_fn fn)
{
	char dir[256], path[512], *names[4096];
	int n = 0;
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", target);
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "  %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) && n < 4096)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), name_cmp);
	for (int i = 0; i < n; i++) {
		static uint8_t buf[1 << 20];
		size_t len;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		f = fopen(path, "rb");
		CHECK(f != NULL);
		if (!f)
			continue;
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		fprintf(stderr, "  replay %s\n",
			path); /* the culprit if the next line is a crash */
		fn(buf, len);
		free(names[i]);
	}
	return n;
}

static void test_replay_dt_layout(void)
{
	CHECK(replay("dt_layout", fuzz_one_dt_layout) > 0);
}

static void test_replay_cmdline_kconfig(void)
{
	CHECK(replay("cmdline_kconfig", fuzz_one_cmdline_kconfig) > 0);
}

static void test_replay_sysmap(void)
{
	CHECK(replay("sysmap", fuzz_one_sysmap) > 0);
}

static void test_replay_map_spec(void)
{
	CHECK(replay("map_spec", fuzz_one_map_spec) > 0);
}

static void test_replay_vmarea(void)
{
	CHECK(replay("vmarea", fuzz_one_vmarea) > 0);
}

static void test_replay_pgtable(void)
{
	CHECK(replay("pgtable", fuzz_one_pgtable) > 0);
}

static void test_replay_pt_dump(void)
{
	CHECK(replay("pt_dump", fuzz_one_pt_dump) > 0);
}

static void test_replay_pt_image(void)
{
	CHECK(replay("pt_image", fuzz_one_pt_image) > 0);
}

/* ---- bugs fuzzing found, fixed: the reproducers with exact outcomes ---- */

/* fuzz_pgtable, arm short-descriptor: a page's domain is its first-level
 * entry's (DDI 0406C B3.5.1: the page table descriptor holds the domain,
 * bits [8:5]). Before the fix, re-mapping a domain-9 section as domain-0
 * pages split it into a table that kept domain 9, and mapping a page whose
 * entry bytes did not change (same PA and attributes) over one of another
 * domain was a silent no-op: both returned 0 and left domain 9. Corpus:
 * regress-short-domain-split-whole, regress-short-domain-same-page. */
static void test_regress_short_domain(void)
{
	struct vml_pt_spec spec = {.arch = "arm", .mode = "short"};
	struct vml_pt_attrs a9 = attrs_kernel_rw(), a0 = attrs_kernel_rw();
	struct bump *b = bump_new(0x40000000, 0x1000000);
	struct vml_pt_format f;
	struct vml_pt_ctx ctx;
	struct vml_pt_walk w;

	CHECK_EQ_INT(vml_pt_format_lookup(&f, &spec, NULL), 0);
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	a9.domain = 9;
	/* A 1 MiB section of domain 9, then the same range as domain-0 pages:
	 * every page below the new table is written, so its entry says 0. */
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x80000000), vml_pa(0), 0x100000, &a9, 0, NULL), 0);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x80000000), vml_pa(0), 0x100000, &a0,
				VML_PT_NO_BLOCK_MAPPINGS, NULL),
		     0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0x800ff000), &w, NULL), 0);
	CHECK_EQ_INT(w.level, 2);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0xff000);
	CHECK_EQ_INT(w.attrs.domain, 0);
	CHECK_EQ_U64((w.raw[0] >> 5) & 0xf, 0); /* the first-level entry's domain field */
	/* A domain-9 page, then the same page asked as domain 0: the page entry
	 * would not change, its table's domain would have to: refused. */
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x80100000), vml_pa(0x100000), 0x1000, &a9,
				VML_PT_NO_BLOCK_MAPPINGS, NULL),
		     0);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x80100000), vml_pa(0x100000), 0x1000, &a0,
				VML_PT_NO_BLOCK_MAPPINGS, NULL),
		     VML_EPERM);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0x80100000), &w, NULL), 0);
	CHECK_EQ_INT(w.attrs.domain, 9);
	CHECK_EQ_U64((w.raw[0] >> 5) & 0xf, 9);
	bump_delete(b);
}

/* fuzz_pgtable, arm short-descriptor (found 2026-12-03, corpus
 * arm-short-protect-supersection-domain): a protect that gives a whole
 * 16 MiB supersection domain 10 kept the contiguous hint, but a
 * supersection has no domain field (DDI 0406C B3.5.1: bits [8:5] hold
 * PA[39:36]); the entries then walked as domain 0 though the call returned
 * 0. Now the group becomes 16 sections that hold the domain. */
static void test_regress_short_supersection_domain(void)
{
	struct vml_pt_spec spec = {.arch = "arm", .mode = "short"};
	struct vml_pt_attrs a0 = attrs_kernel_rw(), a10 = attrs_kernel_rw();
	struct bump *b = bump_new(0x40000000, 0x1000000);
	struct vml_pt_format f;
	struct vml_pt_ctx ctx;
	struct vml_pt_walk w;

	CHECK_EQ_INT(vml_pt_format_lookup(&f, &spec, NULL), 0);
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	a10.domain = 10;
	CHECK_EQ_INT(
	    vml_pt_map(&ctx, vml_va(0x5b000000), vml_pa(0x1000000), 0x1000000, &a0, 0, NULL), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0x5b000000), &w, NULL), 0);
	CHECK(w.attrs.perm & VML_PT_CONT); /* a supersection */
	CHECK_EQ_INT(vml_pt_protect(&ctx, vml_va(0x5b000000), 0x1000000, &a10, 0, NULL), 0);
	for (uint64_t va = 0x5b000000; va < 0x5c000000; va += 0x100000) {
		CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(va), &w, NULL), 0);
		CHECK_EQ_INT(w.level, 1);
		CHECK(!(w.attrs.perm & VML_PT_CONT));
		CHECK_EQ_INT(w.attrs.domain, 10);
		CHECK_EQ_U64(vml_pa_addr(w.pa), 0x1000000 + (va - 0x5b000000));
		CHECK_EQ_U64((w.raw[0] >> 5) & 0xf, 10);
	}
	bump_delete(b);
}

/* fuzz_map_spec (corpus regress-huge-misaligned-map, a timeout): a map no
 * block can serve (VA and PA 32 KiB apart from 2 MiB alignment) over
 * 2^46 bytes needs 2^34 / 512 last-level tables and more above; the plan
 * counted them one by one, minutes before failing for want of memory. It
 * now counts one wholly covered entry and multiplies: the same refusal at
 * once, nothing allocated. */
static void test_regress_huge_misaligned_plan(void)
{
	struct vml_pt_spec spec = {.arch = "riscv64", .mode = "sv48"};
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct bump *b = bump_new(0x80000000, 0x800000);
	struct vml_pt_format f;
	struct vml_pt_ctx ctx;
	uint64_t next, depth;

	CHECK_EQ_INT(vml_pt_format_lookup(&f, &spec, NULL), 0);
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	next = b->next;
	depth = b->depth;
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x8000), vml_pa(0), 1ULL << 46, &a, 0, NULL),
		     VML_ENOMEM);
	CHECK_EQ_U64(b->next, next);
	CHECK_EQ_U64(b->depth, depth);
	CHECK_EQ_INT(b->bad_frees, 0);
	/* The same shape small enough to build: [0x8000, 0x408000) takes one
	 * level-1 and one level-2 table and three last-level tables (it
	 * crosses the 2 MiB boundaries at 2 and 4 MiB): 1 + 1 + 3. */
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x8000), vml_pa(0), 0x400000, &a, 0, NULL), 0);
	CHECK_EQ_U64(b->depth, depth + 5);
	bump_delete(b);
}

int main(void)
{
	RUN_TEST(test_replay_dt_layout);
	RUN_TEST(test_replay_cmdline_kconfig);
	RUN_TEST(test_replay_sysmap);
	RUN_TEST(test_replay_map_spec);
	RUN_TEST(test_replay_pgtable);
	RUN_TEST(test_replay_pt_dump);
	RUN_TEST(test_replay_pt_image);
	RUN_TEST(test_replay_vmarea);
	RUN_TEST(test_regress_short_domain);
	RUN_TEST(test_regress_short_supersection_domain);
	RUN_TEST(test_regress_huge_misaligned_plan);
	return CHECK_DONE("test_fuzz_replay");
}
