/* SPDX-License-Identifier: MIT */
/*
 * The ptdump pieces on their own: the size column, the prot_bits rows, the
 * note_page() merging and marker rules, and the entry walk (leaves and holes
 * at their levels) over a real arm64 tree in simulated memory.
 */
#include <string.h>

#include "check.h"
#include "vmlayout/physmem.h"
#include "vmlayout/ptdump.h"

/* A sink into a buffer: the core's only way out. */
static char capture_buf[1 << 16];
static size_t capture_len;

static void capture_write(void *arg, const char *text, size_t len)
{
	(void)arg;
	CHECK(len >= 1);
	if (capture_len + len < sizeof(capture_buf)) {
		memcpy(capture_buf + capture_len, text, len);
		capture_len += len;
	}
}

static const struct vml_text_sink capture_sink = {capture_write, NULL};

static const struct vml_text_sink *capture(void)
{
	capture_len = 0;
	return &capture_sink;
}

static const char *captured(const struct vml_text_sink *f)
{
	(void)f;
	capture_buf[capture_len] = '\0';
	return capture_buf;
}

/* The sink's formatting helpers: printf's "%0*llx" and "%*llu". */
static void test_sink_formats(void)
{
	const struct vml_text_sink *f = capture();

	vml_sink_hex(f, 0xc0000000ULL, 8);
	vml_sink_char(f, '|');
	vml_sink_hex(f, 0x1234, 16);
	vml_sink_char(f, '|');
	vml_sink_hex(f, ~0ULL, 8); /* wider than asked: all digits */
	vml_sink_char(f, '|');
	vml_sink_hex(f, 0, 0);
	vml_sink_char(f, '|');
	vml_sink_udec(f, 42, 9);
	vml_sink_char(f, '|');
	vml_sink_udec(f, 18446744073709551615ULL, 0);
	vml_sink_char(f, '|');
	vml_sink_str(f, "");
	vml_sink_str(f, "end");
	CHECK(!strcmp(captured(f), "c0000000|0000000000001234|ffffffffffffffff|0|       42|"
				   "18446744073709551615|end"));
}

static void test_size_column(void)
{
	const struct vml_text_sink *f = capture();

	vml_ptdump_print_size(f, 4096);		       /* 4 K */
	vml_ptdump_print_size(f, 2ULL << 20);	       /* 2048 K = 2 M */
	vml_ptdump_print_size(f, 0x7f8000000000ULL);   /* 130560 G: 127.5 T is not whole */
	vml_ptdump_print_size(f, (3ULL << 20) + 4096); /* 3076 K */
	vml_ptdump_print_size(f, 0);		       /* 0 divides forever: "0E" */
	vml_ptdump_print_size(f, 1ULL << 48);	       /* 256 T */
	CHECK(!strcmp(captured(f), "        4K        2M   130560G     3076K        0E      256T"));
}

static void test_prot_rows(void)
{
	static const struct vml_ptdump_bits rows[] = {
	    {1, 1, " ", "F"},
	    {2, 2, "ro", "RW"},
	    {0xc, 0x4, "A", NULL},
	    {0xc, 0x8, "B", NULL},
	};
	const struct vml_text_sink *f = capture();

	vml_ptdump_print_bits(f, rows, 4, 0x1 | 0x8); /* valid, RW, B */
	vml_sink_char(f, '|');
	vml_ptdump_print_bits(f, rows, 4, 0x2 | 0x4); /* invalid, ro, A */
	CHECK(!strcmp(captured(f), "   RW B| F ro A"));
}

/* A style that prints "start-end depth prot" per run. */
static void plain_run(const struct vml_text_sink *out, const struct vml_ptdump_state *st,
		      const struct vml_ptdump_run *r)
{
	(void)st;
	vml_sink_hex(out, r->start, 0);
	vml_sink_char(out, '-');
	vml_sink_hex(out, r->end, 0);
	vml_sink_char(out, ' ');
	vml_sink_udec(out, (uint64_t)r->depth, 0);
	vml_sink_char(out, ' ');
	vml_sink_hex(out, r->prot, 0);
	vml_sink_char(out, '\n');
}

static const char *run_notes(enum vml_ptdump_marker_rule rule, bool holes)
{
	static const struct vml_ptdump_marker m[] = {
	    {0x0, "a"}, {0x3000, "b"}, {0x3000, "c"}, {0x3000, "d"}};
	const struct vml_ptdump_style style = {holes, false, rule, -1, plain_run, NULL};
	const struct vml_ptdump_opts o = {"6.1", m, 4};
	struct vml_ptdump_state st;
	const struct vml_text_sink *f = capture();

	vml_ptdump_state_init(&st, f, &style, &o);
	vml_ptdump_note(&st, 0x0000, 4, 0x5, 0, NULL);
	vml_ptdump_note(&st, 0x1000, 4, 0x5, 0, NULL); /* same: merged */
	vml_ptdump_note(&st, 0x2000, 4, 0x0, 0, NULL); /* a hole */
	vml_ptdump_note(&st, 0x3000, 4, 0x0, 0, NULL); /* same prot, but markers b c d */
	vml_ptdump_note(&st, 0x4000, 3, 0x5, 0, NULL); /* level change */
	vml_ptdump_flush(&st);
	return captured(f);
}

static void test_merge_and_markers(void)
{
	/* arm64: holes print; at 0x3000 the change branch passes "b", the
	 * second if passes "c"; "d" waits for the next note (0x4000). */
	CHECK(!strcmp(run_notes(VML_PTDUMP_MARKER_IF_TWICE, true),
		      "---[ a ]---\n0-2000 4 5\n2000-3000 4 0\n---[ b ]---\n---[ c ]---\n"
		      "3000-4000 4 0\n---[ d ]---\n4000-0 3 5\n"));
	/* riscv: no hole lines; the while loop passes b, c and d at once. */
	CHECK(!strcmp(
	    run_notes(VML_PTDUMP_MARKER_WHILE, false),
	    "---[ a ]---\n0-2000 4 5\n---[ b ]---\n---[ c ]---\n---[ d ]---\n4000-0 3 5\n"));
	/* arm: one marker per change. */
	CHECK(!strcmp(run_notes(VML_PTDUMP_MARKER_ONCE, false),
		      "---[ a ]---\n0-2000 4 5\n---[ b ]---\n---[ c ]---\n4000-0 3 5\n"));
}

/* The entry walk over an arm64 4K/48 tree with one 2M block and one page. */
struct seen {
	unsigned int n;
	uint64_t va[2048];
	int level[2048];
	bool leaf[2048];
};

static int record(void *arg, const struct vml_ptdump_entry *e)
{
	struct seen *s = arg;

	if (s->n < 2048) {
		s->va[s->n] = e->va;
		s->level[s->n] = e->level;
		s->leaf[s->n] = e->leaf;
	}
	s->n++;
	return 0;
}

static void test_entry_walk(void)
{
	static struct seen s;
	struct vml_pt_spec spec = {.arch = "arm64", .granule = 4096, .va_bits = 48};
	struct vml_pt_format fmt;
	struct vml_memblock mb;
	struct vml_memblock_region mem[4], res[16];
	struct vml_physmem_tables t = {0};
	struct vml_pt_ctx ctx = {0};
	struct vml_pt_attrs rw = {VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED, 0,
				  0, 0, 0};
	uint64_t base = 0xffff000000000000ULL;

	CHECK_EQ_INT(vml_pt_format_lookup(&fmt, &spec, NULL), 0);
	vml_memblock_init(&mb, mem, 4, res, 16, ~0ULL, 4096);
	vml_memblock_add(&mb, 0x80000000, 16 << 20, NULL);
	t.mb = &mb;
	t.pm = vml_physmem_new();
	ctx.fmt = &fmt;
	ctx.upper = true;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &t;
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(base), vml_pa(0x40000000), 2 << 20, &rw, 0, NULL), 0);
	CHECK_EQ_INT(
	    vml_pt_map(&ctx, vml_va(base + (4 << 20)), vml_pa(0x50000000), 4096, &rw, 0, NULL), 0);
	vml_ptdump_for_each_entry(&fmt, &ctx, base, ~0ULL, record, &s);
	/* Expected, in order: the 2M block (level 2); the invalid L2 entry at
	 * 2M (level 2); the page at 4M (level 3); 511 invalid L3 entries; 509
	 * invalid L2 entries (6M..1G); 511 invalid L1 entries; 511 invalid
	 * root entries. 1 + 1 + 1 + 511 + 509 + 511 + 511 = 2045. */
	CHECK_EQ_INT(s.n, 2045);
	CHECK(s.leaf[0] && s.level[0] == 2 && s.va[0] == base);
	CHECK(!s.leaf[1] && s.level[1] == 2 && s.va[1] == base + (2 << 20));
	CHECK(s.leaf[2] && s.level[2] == 3 && s.va[2] == base + (4 << 20));
	CHECK(!s.leaf[3] && s.level[3] == 3 && s.va[3] == base + (4 << 20) + 4096);
	CHECK(!s.leaf[514] && s.level[514] == 2 && s.va[514] == base + (6 << 20));
	CHECK(!s.leaf[1023] && s.level[1023] == 1 && s.va[1023] == base + (1ULL << 30));
	CHECK(!s.leaf[1534] && s.level[1534] == 0 && s.va[1534] == base + (1ULL << 39));
	CHECK_EQ_U64(s.va[2044], 0xffffff8000000000ULL); /* the last root entry */
	vml_physmem_delete(t.pm);
}

/* The kernel's W+X check (ptdump_check_wx(), arch/arm64/mm/ptdump.c v6.1
 * and v6.12): pages both writable and executable counted in the format's
 * page size, reported in arm64's two lines; none: its "passed" line; a
 * v3.18 kernel (no check before v4.10): nothing. */
static void test_check_wx(void)
{
	struct vml_pt_spec spec = {.arch = "arm64", .granule = 4096, .va_bits = 48};
	struct vml_pt_format fmt;
	struct vml_memblock mb;
	struct vml_memblock_region mem[4], res[16];
	struct vml_physmem_tables t = {0};
	struct vml_pt_ctx ctx = {0};
	static struct vml_layout lo;
	struct vml_pt_attrs rx = {VML_PT_READ | VML_PT_EXEC | VML_PT_GLOBAL | VML_PT_ACCESSED, 0, 0,
				  0, 0};
	struct vml_pt_attrs rwx = rx;
	struct vml_ptdump_wx wx;
	const struct vml_text_sink *f;
	uint64_t base = 0xffff800080000000ULL;

	rwx.perm |= VML_PT_WRITE;
	CHECK_EQ_INT(vml_pt_format_lookup(&fmt, &spec, NULL), 0);
	vml_memblock_init(&mb, mem, 4, res, 16, ~0ULL, 4096);
	vml_memblock_add(&mb, 0x80000000, 16 << 20, NULL);
	t.mb = &mb;
	t.pm = vml_physmem_new();
	ctx.fmt = &fmt;
	ctx.upper = true;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &t;
	lo.arch = VML_ARCH_ARM64;
	lo.profile = "6.12";
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(base), vml_pa(0x40000000), 2 << 20, &rx, 0, NULL), 0);
	f = capture();
	CHECK_EQ_INT(vml_ptdump_check_wx(f, &lo, &ctx, &wx), 0);
	CHECK(!strcmp(captured(f), "Checked W+X mappings: passed, no W+X pages found\n"));
	/* one 2 MiB block and three pages W+X: 512 + 3 pages */
	CHECK_EQ_INT(
	    vml_pt_map(&ctx, vml_va(base + (4 << 20)), vml_pa(0x40400000), 2 << 20, &rwx, 0, NULL),
	    0);
	CHECK_EQ_INT(
	    vml_pt_map(&ctx, vml_va(base + (8 << 20)), vml_pa(0x40800000), 3 * 4096, &rwx, 0, NULL),
	    0);
	f = capture();
	CHECK_EQ_INT(vml_ptdump_check_wx(f, &lo, &ctx, &wx), 0);
	CHECK_EQ_U64(wx.wx_pages, 515);
	CHECK_EQ_U64(wx.uxn_pages, 0);
	CHECK_EQ_U64(wx.first_wx, base + (4 << 20));
	CHECK(!strcmp(captured(f), "arm64/mm: Found insecure W+X mapping at address "
				   "0xffff800080400000\n"
				   "Checked W+X mappings: FAILED, 515 W+X pages found, 0 non-UXN "
				   "pages found\n"));
	lo.profile = "3.18";
	f = capture();
	CHECK_EQ_INT(vml_ptdump_check_wx(f, &lo, &ctx, &wx), 0);
	CHECK(!strcmp(captured(f), ""));
	vml_physmem_delete(t.pm);
}

int main(void)
{
	RUN_TEST(test_sink_formats);
	RUN_TEST(test_size_column);
	RUN_TEST(test_prot_rows);
	RUN_TEST(test_merge_and_markers);
	RUN_TEST(test_entry_walk);
	RUN_TEST(test_check_wx);
	return CHECK_DONE("test_ptdump");
}
