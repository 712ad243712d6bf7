// SPDX-License-Identifier: MIT
/*
 * 32-bit ARM short-descriptor format (src/arch/arm/pte_short.c): geometry,
 * descriptors worked by hand from ARMv7 ARM DDI 0406C B3.5 (figures B3-4
 * and B3-5, tables B3-8 and B3-10), the access-permission model, and
 * round trips over random descriptors and attributes.
 */
#include "check.h"

#include <stdlib.h>

#include "arch/arm/pte_arm.h"

static struct vml_pt_format fmt(unsigned int pa_bits, uint32_t options)
{
	struct vml_pt_format f;
	struct vml_pt_spec s = {
	    .arch = "arm", .mode = "short", .pa_bits = pa_bits, .options = options};
	struct vml_diag d;

	CHECK_EQ_INT(vml_pt_family_arm.build(&f, &s, &d), 0);
	return f;
}

static struct vml_pt_attrs attrs(uint32_t perm, uint8_t memtype, uint8_t share)
{
	struct vml_pt_attrs a = {0};

	a.perm = perm | VML_PT_ACCESSED;
	a.memtype = memtype;
	a.share = share;
	return a;
}

static void test_geometry(void)
{
	struct vml_pt_format f = fmt(0, 0);
	struct vml_pt_format g = fmt(40, VML_ARM_OPT_NO_SUPERSECTIONS | VML_ARM_OPT_NO_LARGE_PAGES);

	CHECK_EQ_STR(f.name, "short");
	CHECK_EQ_INT(f.first_level, 1);
	CHECK_EQ_INT(f.levels, 2);
	CHECK_EQ_INT(f.entry_size, 4);
	CHECK_EQ_INT(f.pa_bits, 32);
	CHECK_EQ_INT(f.va_split, VML_PT_VA_ZERO_EXTEND);
	/* L1: 4096 entries x 4 bytes = 16 KiB, 1 MiB each; L2: 256 x 4 = 1 KiB. */
	CHECK_EQ_INT(f.level[0].shift, 20);
	CHECK_EQ_INT(f.level[0].index_bits, 12);
	CHECK_EQ_INT(f.level[0].table_size, 16384);
	CHECK_EQ_INT(f.level[0].table_align, 16384);
	CHECK_EQ_INT(f.level[0].cont_entries, 16); /* 16 x 1 MiB supersection */
	CHECK_EQ_INT(f.level[1].shift, 12);
	CHECK_EQ_INT(f.level[1].index_bits, 8);
	CHECK_EQ_INT(f.level[1].table_size, 1024);
	CHECK_EQ_INT(f.level[1].cont_entries, 16); /* 16 x 4 KiB large page */
	CHECK_EQ_INT(g.pa_bits, 40);
	CHECK_EQ_INT(g.level[0].cont_entries, 0);
	CHECK_EQ_INT(g.level[1].cont_entries, 0);
}

static void test_bad_specs(void)
{
	struct vml_pt_format f;
	struct vml_diag d;
	struct vml_pt_spec s = {.arch = "arm", .mode = "tiny"};

	CHECK_EQ_INT(vml_pt_family_arm.build(&f, &s, &d), VML_EINVAL);
	s.mode = "short";
	s.pa_bits = 34;
	CHECK_EQ_INT(vml_pt_family_arm.build(&f, &s, &d), VML_ERANGE);
	s.pa_bits = 0;
	s.va_bits = 31;
	CHECK_EQ_INT(vml_pt_family_arm.build(&f, &s, &d), VML_ERANGE);
	s.va_bits = 0;
	s.granule = VML_SZ_1K;
	CHECK_EQ_INT(vml_pt_family_arm.build(&f, &s, &d), VML_EINVAL);
}

static void test_sections_by_hand(void)
{
	struct vml_pt_format f = fmt(40, 0);
	struct vml_pt_attrs rw =
	    attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL, VML_PT_MT_NORMAL, VML_PT_SH_INNER);
	struct vml_pt_attrs rx = attrs(VML_PT_READ | VML_PT_EXEC | VML_PT_GLOBAL | VML_PT_CONT,
				       VML_PT_MT_DEVICE_nGnRnE, VML_PT_SH_NONE);
	struct vml_pt_entry e;

	/* Section 0x80000000, kernel RW, WBWA, shareable, XN: base 0x80000000 |
	 * S 0x10000 | TEX=001 0x1000 | AP[1:0]=01 0x400 | XN 0x10 | C 0x8 | B 0x4
	 * | type 10 0x2 = 0x8001141e. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rw), 0x8001141e);
	rw.perm |= VML_PT_EXEC;
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rw), 0x8001140e);
	/* Domain 3 goes to bits 8:5: 3 << 5 = 0x60. */
	rw.domain = 3;
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rw), 0x8001146e);
	/* Supersection PA 0xab_c000_0000, kernel RX, strongly ordered:
	 * 0xc0000000 | PA[35:32]=0xb << 20 = 0xb00000 | bit 18 0x40000 | AP2
	 * 0x8000 | AP[1:0]=01 0x400 | PA[39:36]=0xa << 5 = 0x140 | 0x2 = 0xc0b48542. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0xabc0000000), &rx), 0xc0b48542);
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0xc0b48542, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0xabc0000000);
	CHECK_EQ_U64(e.attrs.perm, rx.perm);
	CHECK_EQ_INT(e.attrs.memtype, VML_PT_MT_DEVICE_nGnRnE);
	CHECK_EQ_INT(e.attrs.domain, 0);
}

static void test_tables_and_pages_by_hand(void)
{
	struct vml_pt_format f = fmt(0, 0);
	struct vml_pt_attrs user =
	    attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_USER_READ | VML_PT_USER_WRITE,
		  VML_PT_MT_DEVICE_nGnRE, VML_PT_SH_NONE);
	struct vml_pt_attrs ro =
	    attrs(VML_PT_READ | VML_PT_GLOBAL | VML_PT_CONT, VML_PT_MT_NORMAL, VML_PT_SH_INNER);
	struct vml_pt_entry e;

	/* Page table 0x40404400, domain 2 (0x40), PXN (bit 2, 0x4), type 01. */
	CHECK_EQ_U64(f.ops->encode_table(&f, 1, vml_pa(0x40404400),
					 VML_ARM_TABLE_DOMAIN(2) | VML_PT_TABLE_NO_EXEC),
		     0x40404445);
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0x40404445, &e), VML_PTE_TABLE);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x40404400);
	CHECK_EQ_INT(e.attrs.domain, 2);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_PERM_MASK & ~VML_PT_EXEC);
	/* Small page 0x12345000, user RW (AP=011, 0x30), shareable device
	 * (TEX 000 C0 B1: 0x4), nG 0x800, XN bit 0, type 1x: 0x12345837. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x12345000), &user), 0x12345837);
	/* Large page 0x56780000, kernel RO (AP2 0x200 + AP=01 0x10), WBWA (TEX
	 * 001 at 14:12 0x1000, C 0x8, B 0x4), S 0x400, XN bit 15 0x8000, type 01:
	 * 0x5678961d. Every member is the same: encode from the 16th page. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x56780000), &ro), 0x5678961d);
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x5678f000), &ro), 0x5678961d);
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x5678961d, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x56780000);
	CHECK_EQ_U64(e.attrs.perm, ro.perm);
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x12345000, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0x12345000, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0x1000000002ULL, &e), VML_PTE_INVALID);
}

static void test_access_permission_table(void)
{
	struct arm_perm_bits pb;
	/* AP2:AP[1:0] -> permissions (table B3-8), with XN = 1. */
	static const struct {
		unsigned int ap;
		uint32_t perm;
	} rows[] = {
	    {0, 0},
	    {1, VML_PT_READ | VML_PT_WRITE},
	    {2, VML_PT_READ | VML_PT_WRITE | VML_PT_USER_READ},
	    {3, VML_PT_READ | VML_PT_WRITE | VML_PT_USER_READ | VML_PT_USER_WRITE},
	    {5, VML_PT_READ},
	    {7, VML_PT_READ | VML_PT_USER_READ},
	};

	for (size_t i = 0; i < VML_ARRAY_SIZE(rows); i++) {
		pb = (struct arm_perm_bits){rows[i].ap, true, false};
		CHECK_EQ_U64(vml_arm_perm_decode(&pb), rows[i].perm);
		CHECK_EQ_INT(vml_arm_perm_encode(rows[i].perm, &pb), 0);
		CHECK_EQ_INT(pb.ap, rows[i].ap);
		CHECK(pb.xn);
	}
	pb = (struct arm_perm_bits){6, true, false}; /* deprecated RO/RO */
	CHECK_EQ_U64(vml_arm_perm_decode(&pb), VML_PT_READ | VML_PT_USER_READ);
	pb = (struct arm_perm_bits){4, false, false}; /* reserved: no access */
	CHECK_EQ_U64(vml_arm_perm_decode(&pb), 0);
	/* XN = 0 on a user-readable page: both execute; PXN keeps the kernel out. */
	pb = (struct arm_perm_bits){7, false, false};
	CHECK_EQ_U64(vml_arm_perm_decode(&pb),
		     VML_PT_READ | VML_PT_USER_READ | VML_PT_EXEC | VML_PT_USER_EXEC);
	pb.pxn = true;
	CHECK_EQ_U64(vml_arm_perm_decode(&pb), VML_PT_READ | VML_PT_USER_READ | VML_PT_USER_EXEC);
	CHECK_EQ_INT(vml_arm_perm_encode(VML_PT_WRITE, &pb), VML_ENOTSUP);
	CHECK_EQ_INT(vml_arm_perm_encode(VML_PT_READ | VML_PT_USER_READ | VML_PT_USER_WRITE, &pb),
		     VML_ENOTSUP);
	CHECK_EQ_INT(vml_arm_perm_encode(VML_PT_READ | VML_PT_EXEC | VML_PT_USER_READ, &pb),
		     VML_ENOTSUP);
	CHECK_EQ_INT(vml_arm_perm_encode(VML_PT_EXEC, &pb), VML_ENOTSUP);
}

static void test_check_attrs(void)
{
	struct vml_pt_format f = fmt(0, 0);
	struct vml_pt_attrs a = attrs(VML_PT_READ | VML_PT_USER_READ | VML_PT_USER_EXEC,
				      VML_PT_MT_NORMAL, VML_PT_SH_INNER);

	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* needs PXN: pages have none */
	a.perm |= VML_PT_EXEC;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), 0);
	a.share = VML_PT_SH_OUTER;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.share = VML_PT_SH_INNER;
	a.memtype = VML_PT_MT_NORMAL_TAGGED;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.memtype = VML_PT_MT_NORMAL;
	a.domain = 16;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.domain = 15;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), 0);
}

static uint32_t rnd32(void)
{
	return ((uint32_t)rand() << 16) ^ (uint32_t)rand();
}

/* Random valid descriptors re-encode to themselves, except the reserved
 * AP 100 and deprecated 110, which are normalised (skipped here), and the
 * large-page SBZ bits 8:6 (cleared). */
static void test_raw_round_trip_random(void)
{
	struct vml_pt_format f = fmt(40, 0);
	unsigned int seed = 4242, leaves = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 200000; i++) {
		int level = 1 + rand() % 2;
		uint32_t raw = rnd32();
		struct vml_pt_entry e;
		unsigned int ap;

		if (level == 2 && (raw & 3) == 1)
			raw &= ~0x1c0u;
		if (f.ops->decode(&f, level, raw, &e) != VML_PTE_LEAF)
			continue;
		ap = level == 1 ? ((raw >> 15) & 1) << 2 | ((raw >> 10) & 3)
				: ((raw >> 9) & 1) << 2 | ((raw >> 4) & 3);
		if (ap == 4 || ap == 6)
			continue;
		leaves++;
		if (f.ops->encode_leaf(&f, level, e.addr, &e.attrs) != raw) {
			CHECK_EQ_U64(f.ops->encode_leaf(&f, level, e.addr, &e.attrs), raw);
			break;
		}
	}
	CHECK(leaves > 50000);
}

static void test_attrs_round_trip_random(void)
{
	struct vml_pt_format f = fmt(40, 0);
	unsigned int seed = 99, accepted = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 100000; i++) {
		struct vml_pt_attrs a =
		    attrs((uint32_t)rand() & 0x27f, (uint8_t)(rand() % 5), (uint8_t)(rand() % 3));
		int level = 1 + rand() % 2;
		uint64_t pa = (uint64_t)rnd32() & ~0xfffULL;
		struct vml_pt_entry e;

		a.domain = level == 1 && !(a.perm & VML_PT_CONT) ? (uint8_t)(rand() % 16) : 0;
		if (a.perm & VML_PT_CONT)
			pa &= level == 1 ? ~0xffffffULL : ~0xffffULL;
		else if (level == 1)
			pa &= ~0xfffffULL;
		if (level == 1 && (a.perm & VML_PT_CONT))
			pa |= (uint64_t)(rand() % 256) << 32;
		if (f.ops->check_attrs(&f, &a))
			continue;
		accepted++;
		CHECK_EQ_INT(
		    f.ops->decode(&f, level, f.ops->encode_leaf(&f, level, vml_pa(pa), &a), &e),
		    VML_PTE_LEAF);
		if (vml_pa_addr(e.addr) != pa || !vml_pt_attrs_equal(&e.attrs, &a)) {
			CHECK_EQ_U64(vml_pa_addr(e.addr), pa);
			CHECK_EQ_U64(e.attrs.perm, a.perm);
			CHECK_EQ_U64(e.attrs.arch_bits, a.arch_bits);
			break;
		}
	}
	printf("  %u accepted\n", accepted);
	CHECK(accepted > 5000);
}

static void test_registers_and_bbm(void)
{
	struct vml_pt_format f = fmt(0, 0);
	struct vml_pt_roots roots = {{true, false}, {vml_pa(0x40404000), vml_pa(0)}};
	struct vml_pt_regs r;
	struct vml_pt_attrs rw =
	    attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL, VML_PT_MT_NORMAL, VML_PT_SH_INNER);
	struct vml_pt_attrs ro = rw;
	uint64_t sect;

	f.ops->registers(&f, &roots, &r);
	CHECK_EQ_INT(r.count, 4);
	CHECK_EQ_STR(r.reg[0].name, "ttbcr");
	CHECK_EQ_U64(r.reg[0].value, 0);
	CHECK_EQ_STR(r.reg[1].name, "ttbr0");
	CHECK_EQ_U64(r.reg[1].value, 0x40404000);
	CHECK_EQ_U64(r.reg[2].value, 0x40404000);
	CHECK_EQ_STR(r.reg[3].name, "dacr");
	CHECK_EQ_U64(r.reg[3].value, 0x55555555);

	ro.perm &= ~VML_PT_WRITE;
	sect = f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rw);
	CHECK(
	    !f.ops->needs_bbm(&f, 1, sect, f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &ro), 0));
	CHECK(f.ops->needs_bbm(&f, 1, sect, f.ops->encode_leaf(&f, 1, vml_pa(0x80100000), &rw), 0));
	CHECK(f.ops->needs_bbm(&f, 1, sect, f.ops->encode_table(&f, 1, vml_pa(0x40404400), 0), 0));
	rw.memtype = VML_PT_MT_DEVICE_nGnRE;
	CHECK(f.ops->needs_bbm(&f, 1, sect, f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rw), 0));
}

int main(void)
{
	RUN_TEST(test_geometry);
	RUN_TEST(test_bad_specs);
	RUN_TEST(test_sections_by_hand);
	RUN_TEST(test_tables_and_pages_by_hand);
	RUN_TEST(test_access_permission_table);
	RUN_TEST(test_check_attrs);
	RUN_TEST(test_raw_round_trip_random);
	RUN_TEST(test_attrs_round_trip_random);
	RUN_TEST(test_registers_and_bbm);
	return CHECK_DONE("test_arm_short_format");
}
