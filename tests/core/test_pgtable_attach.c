/* SPDX-License-Identifier: MIT */
/*
 * Tables read, not built: vml_pt_attach() over a memory dump (memdump.h),
 * vml_pt_check_readable(), a read-only tree refusing to allocate, every
 * format rebuilt from its name (vml_pt_format_of_name()) and its roots from
 * its registers (roots_from_registers, the inverse of registers).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "check.h"
#include "core/pt_harness.h"
#include "vmlayout/memdump.h"

#define BASE 0x80000000ULL
#define SPAN 0x100000ULL /* the bump allocator's memory: tables top-down */

/* An arm64 4K/48 tree built in simulated memory, top-down from BASE + SPAN:
 * the root, one level-1 table, a level-2 table holding a 2M block, and 1G
 * higher a second level-2 table with a level-3 table of two pages; then
 * copied into @buf as the physical memory [BASE, BASE + SPAN). */
static struct bump *build(struct vml_pt_format *f, struct vml_pt_ctx *ctx, unsigned char *buf)
{
	struct vml_pt_spec spec = {.arch = "arm64", .granule = VML_SZ_4K, .va_bits = 48};
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct bump *b = bump_new(BASE, SPAN);
	struct vml_diag d = {0};

	CHECK_EQ_INT(vml_pt_format_lookup(f, &spec, &d), 0);
	ctx_setup(ctx, f, b, true, NULL);
	CHECK_EQ_INT(vml_pt_init(ctx, &d), 0);
	CHECK_EQ_INT(
	    vml_pt_map(ctx, vml_va(0xffff000000200000), vml_pa(0x40200000), 0x200000, &a, 0, &d),
	    0);
	CHECK_EQ_INT(vml_pt_map(ctx, vml_va(0xffff000040001000), vml_pa(0x50000000), 0x2000, &a,
				VML_PT_NO_CONT_MAPPINGS, &d),
		     0);
	vml_physmem_read(b->pm, BASE, buf, SPAN);
	return b;
}

static void attach(struct vml_pt_ctx *r, const struct vml_pt_format *f, struct vml_memdump *m)
{
	*r = (struct vml_pt_ctx){0};
	r->fmt = f;
	r->upper = true;
	r->window = vml_memdump_window;
	r->cb = m;
}

/* The attached tree walks, iterates and counts as the built one does. */
static void test_attach_walks_as_built(void)
{
	static unsigned char buf[SPAN];
	struct vml_pt_format f;
	struct vml_pt_ctx built, read;
	struct vml_memdump m = {0};
	struct vml_pt_stats s1, s2;
	struct vml_host_error err = {""};
	struct vml_diag d = {0};
	struct bump *b = build(&f, &built, buf);
	uint64_t vas[] = {0xffff000000212345, 0xffff000040001008, 0xffff000040003000,
			  0xffff800000000000};

	CHECK_EQ_INT(vml_memdump_add(&m, BASE, SPAN, buf, "mem", &err), 0);
	attach(&read, &f, &m);
	CHECK_EQ_INT(vml_pt_attach(&read, built.root, &d), 0);
	CHECK_EQ_U64(read.va_start, built.va_start);
	CHECK_EQ_U64(read.va_last, built.va_last);
	for (unsigned int i = 0; i < VML_ARRAY_SIZE(vas); i++) {
		struct vml_pt_walk w1, w2;
		int e1 = vml_pt_walk(&built, vml_va(vas[i]), &w1, NULL);

		CHECK_EQ_INT(vml_pt_walk(&read, vml_va(vas[i]), &w2, NULL), e1);
		CHECK(!memcmp(&w1, &w2, sizeof(w1)));
	}
	CHECK_EQ_INT(vml_pt_count(&built, &s1), 0);
	CHECK_EQ_INT(vml_pt_count(&read, &s2), 0);
	CHECK(!memcmp(&s1, &s2, sizeof(s1)));
	CHECK_EQ_U64(s2.total_tables, 5); /* root, L1, 2 x L2, L3 */
	CHECK_EQ_INT(vml_pt_check_readable(&read, &d), 0);
	vml_memdump_free(&m);
	bump_delete(b);
}

/* Memory without the second level-2 table: a walk through it and the
 * readable check name it and its level; a root outside every piece fails
 * the attach. */
static void test_missing_table_named(void)
{
	static unsigned char buf[SPAN];
	struct vml_pt_format f;
	struct vml_pt_ctx built, read;
	struct vml_memdump m = {0};
	struct vml_host_error err = {""};
	struct vml_diag d = {0};
	struct vml_pt_walk w;
	struct bump *b = build(&f, &built, buf);
	/* top-down: root 0x800ff000, L1 0x800fe000, L2 0x800fd000 (the
	 * block), L2 0x800fc000 and L3 0x800fb000 (the pages). */
	uint64_t root = vml_pa_addr(built.root);

	CHECK_EQ_U64(root, BASE + SPAN - 0x1000);
	CHECK_EQ_U64(b->depth, 5);
	CHECK_EQ_U64(b->given[3], BASE + SPAN - 0x4000); /* L2 of the pages */
	/* everything but the L2 table of the pages */
	CHECK_EQ_INT(vml_memdump_add(&m, BASE, SPAN - 0x4000, buf, "low", &err), 0);
	CHECK_EQ_INT(
	    vml_memdump_add(&m, BASE + SPAN - 0x3000, 0x3000, buf + SPAN - 0x3000, "high", &err),
	    0);
	attach(&read, &f, &m);
	CHECK_EQ_INT(vml_pt_attach(&read, built.root, &d), 0);
	CHECK_EQ_INT(vml_pt_walk(&read, vml_va(0xffff000000212345), &w, &d), 0);
	CHECK_EQ_INT(vml_pt_walk(&read, vml_va(0xffff000040001008), &w, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, BASE + SPAN - 0x4000);
	CHECK_EQ_U64(d.size, 0x1000);
	CHECK_EQ_INT(d.index, 2);
	d = (struct vml_diag){0};
	CHECK_EQ_INT(vml_pt_check_readable(&read, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, BASE + SPAN - 0x4000);
	CHECK_EQ_INT(d.index, 2);
	/* A root outside every piece. */
	attach(&read, &f, &m);
	CHECK_EQ_INT(vml_pt_attach(&read, vml_pa(BASE + SPAN), &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, BASE + SPAN);
	CHECK_EQ_INT(d.index, 0);
	vml_memdump_free(&m);
	bump_delete(b);
}

/* A tree opened without an allocator refuses a map that needs a table,
 * and leaves the memory as it was. */
static void test_read_only_refuses_to_allocate(void)
{
	static unsigned char buf[SPAN], before[SPAN];
	struct vml_pt_format f;
	struct vml_pt_ctx built, read;
	struct vml_memdump m = {0};
	struct vml_host_error err = {""};
	struct vml_diag d = {0};
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct bump *b = build(&f, &built, buf);

	memcpy(before, buf, SPAN);
	CHECK_EQ_INT(vml_memdump_add(&m, BASE, SPAN, buf, "mem", &err), 0);
	attach(&read, &f, &m);
	CHECK_EQ_INT(vml_pt_attach(&read, built.root, &d), 0);
	CHECK_EQ_INT(
	    vml_pt_map(&read, vml_va(0xffff100000000000), vml_pa(0x1000), 0x1000, &a, 0, &d),
	    VML_EINVAL);
	CHECK(!memcmp(before, buf, SPAN));
	vml_memdump_free(&m);
	bump_delete(b);
}

static void test_memdump_pieces(void)
{
	static unsigned char a[0x2000], b2[0x1000];
	struct vml_memdump m = {0};
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_memdump_add(&m, 0x10000, 0x2000, a, "a", &err), 0);
	CHECK_EQ_INT(vml_memdump_add(&m, 0x1000, 0x1000, b2, "b", &err), 0);
	CHECK_EQ_INT(vml_memdump_add(&m, 0x11fff, 0x1000, b2, "c", &err), VML_EEXIST);
	CHECK_EQ_STR(err.msg, "c [0x11fff, 0x12fff) overlaps a [0x10000, 0x12000): a physical "
			      "address would have two values");
	CHECK_EQ_INT(vml_memdump_add(&m, 0xfff, 0x2, b2, "d", &err), VML_EEXIST);
	CHECK_EQ_INT(vml_memdump_add(&m, ~0ULL - 0xffe, 0x1000, b2, "e", &err), VML_ERANGE);
	CHECK_EQ_INT(vml_memdump_add(&m, ~0ULL - 0xfff, 0x1000, b2, "f", &err),
		     0); /* ends at 2^64 */
	CHECK(vml_memdump_window(&m, vml_pa(0x10000), 0x2000) == a);
	CHECK(vml_memdump_window(&m, vml_pa(0x11000), 0x1000) == a + 0x1000);
	CHECK(vml_memdump_window(&m, vml_pa(0x11000), 0x1001) == NULL); /* past a's end */
	CHECK(vml_memdump_window(&m, vml_pa(0x1800), 0x800) == b2 + 0x800);
	CHECK(vml_memdump_window(&m, vml_pa(0x2000), 0x8) == NULL); /* the hole */
	CHECK(vml_memdump_window(&m, vml_pa(0x0), 0x1000) == NULL);
	CHECK(vml_memdump_window(&m, vml_pa(~0ULL - 7), 8) != NULL);
	CHECK_EQ_INT(m.n, 3);
	CHECK(m.piece[0].phys < m.piece[1].phys && m.piece[1].phys < m.piece[2].phys);
	vml_memdump_free(&m);
}

static void test_memdump_files(void)
{
	struct vml_memdump m = {0};
	struct vml_host_error err = {""};
	const unsigned char *bytes = NULL;
	uint64_t size = 0;
	char path[] = "/tmp/vmlayout-memdump-XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK_EQ_INT(vml_memdump_map_file(&m, path, &bytes, &size, &err), VML_EINVAL);
	CHECK(strstr(err.msg, "the file is empty") != NULL);
	CHECK_EQ_INT(write(fd, "\x01\x02\x03", 3), 3);
	close(fd);
	CHECK_EQ_INT(vml_memdump_map_file(&m, path, &bytes, &size, &err), 0);
	CHECK_EQ_U64(size, 3);
	CHECK(bytes && bytes[2] == 3);
	CHECK_EQ_INT(vml_memdump_map_file(&m, "/tmp", &bytes, &size, &err), VML_EINVAL);
	CHECK_EQ_STR(err.msg, "'/tmp': not a regular file");
	CHECK_EQ_INT(vml_memdump_map_file(&m, "/nonexistent/x", &bytes, &size, &err), VML_ENOENT);
	CHECK_EQ_STR(err.msg, "'/nonexistent/x': cannot open: No such file or directory");
	unlink(path);
	vml_memdump_free(&m);
}

/* Every format the CLI builds comes back from its name, and its roots
 * from its registers (present halves, root addresses). */
static void test_format_and_roots_from_their_text(void)
{
	static const struct {
		struct vml_pt_spec spec;
		bool present0, present1;
		uint64_t root0, root1;
	} cases[] = {
	    {{.arch = "arm64", .granule = VML_SZ_4K, .va_bits = 39}, false, true, 0, 0x80001000},
	    {{.arch = "arm64", .granule = VML_SZ_4K, .va_bits = 48, .pa_bits = 40},
	     true,
	     false,
	     0x1000,
	     0},
	    {{.arch = "arm64", .granule = VML_SZ_4K, .va_bits = 52},
	     true,
	     true,
	     0x000f000000002000ULL,
	     0x000f000000003000ULL},
	    {{.arch = "arm64", .granule = 0x4000, .va_bits = 47}, true, true, 0x4000, 0x8000},
	    {{.arch = "arm64", .granule = VML_SZ_64K, .va_bits = 52},
	     false,
	     true,
	     0,
	     0x000f000000010000ULL},
	    {{.arch = "arm64",
	      .granule = VML_SZ_64K,
	      .va_bits = 48,
	      .pa_bits = 52,
	      .options = 2 /* VML_ARM64_OPT_PA52 */},
	     false,
	     true,
	     0,
	     0x000f000000010000ULL},
	    {{.arch = "riscv64", .mode = "sv39"}, true, false, 0x80200000, 0},
	    {{.arch = "riscv64", .mode = "sv57", .pa_bits = 40}, true, false, 0x7ffffff000ULL, 0},
	    {{.arch = "arm", .mode = "short"}, true, false, 0x40004000, 0},
	    {{.arch = "arm", .mode = "short-linux", .pa_bits = 40}, true, false, 0x40004000, 0},
	    {{.arch = "arm", .mode = "lpae"}, true, false, 0x400000e0, 0},
	    {{.arch = "arm", .mode = "lpae", .split = 0xc0000000},
	     true,
	     true,
	     0x40000fe0,
	     0x40001000},
	    {{.arch = "arm", .mode = "lpae", .split = 0xc0000000}, false, true, 0, 0x40001000},
	    {{.arch = "arm", .mode = "short", .split = 0x80000000}, true, false, 0x40002000, 0},
	};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(cases); i++) {
		struct vml_pt_spec spec = cases[i].spec;
		struct vml_pt_format f, g;
		struct vml_pt_roots roots = {{cases[i].present0, cases[i].present1},
					     {vml_pa(cases[i].root0), vml_pa(cases[i].root1)}};
		struct vml_pt_roots back = {0};
		struct vml_pt_regs regs = {0}, again = {0};
		struct vml_diag d = {0};

		CHECK_EQ_INT(vml_pt_format_lookup(&f, &spec, &d), 0);
		CHECK_EQ_INT(
		    vml_pt_format_of_name(&g, spec.arch, f.name, f.pa_bits, spec.split, 0, &d), 0);
		g.ops = f.ops; /* the same table of hooks */
		if (memcmp(&f, &g, sizeof(f))) {
			fprintf(stderr, "  case %u (%s %s): the rebuilt format differs\n", i,
				spec.arch, f.name);
			check_failures_in_test++;
		}
		f.ops->registers(&f, &roots, &regs);
		f.ops->roots_from_registers(&f, &regs, &back);
		f.ops->registers(&f, &back, &again);
		CHECK(!memcmp(&regs, &again, sizeof(regs)));
		for (unsigned int h = 0; h < 2; h++) {
			CHECK_EQ_INT(back.present[h], roots.present[h]);
			if (roots.present[h])
				CHECK_EQ_U64(vml_pa_addr(back.root[h]), vml_pa_addr(roots.root[h]));
		}
	}
}

static void test_format_names_refused(void)
{
	static const char *const bad[][2] = {
	    {"arm64", "8K/48"}, {"arm64", "4K/4"}, {"arm64", "4K/048"}, {"arm64", "4K/48-x"},
	    {"arm64", "4K/60"}, {"arm64", ""},	   {"riscv64", "sv64"}, {"riscv64", "4K/48"},
	    {"arm", "long"},	{"arm", "sv39"},   {"mips", "4K/48"},	{"arm64", "16K/48-lpa2x"},
	};
	struct vml_pt_format f;
	struct vml_diag d = {0};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(bad); i++)
		if (!vml_pt_format_of_name(&f, bad[i][0], bad[i][1], 48, 0, 0, &d)) {
			fprintf(stderr, "  %s %s accepted\n", bad[i][0], bad[i][1]);
			check_failures_in_test++;
		}
	CHECK_EQ_INT(vml_pt_format_of_name(&f, "mips", "x", 32, 0, 0, &d), VML_ENOENT);
	/* "4K/48-lpa2" is LPA2 below 52 bits (TCR.DS) and says so. */
	CHECK_EQ_INT(vml_pt_format_of_name(&f, "arm64", "4K/48-lpa2", 52, 0, 0, &d), 0);
	CHECK_EQ_STR(f.name, "4K/48-lpa2");
	CHECK_EQ_INT(f.pa_bits, 52);
}

int main(void)
{
	RUN_TEST(test_attach_walks_as_built);
	RUN_TEST(test_missing_table_named);
	RUN_TEST(test_read_only_refuses_to_allocate);
	RUN_TEST(test_memdump_pieces);
	RUN_TEST(test_memdump_files);
	RUN_TEST(test_format_and_roots_from_their_text);
	RUN_TEST(test_format_names_refused);
	return CHECK_DONE("test_pgtable_attach");
}
