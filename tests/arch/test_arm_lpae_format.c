// SPDX-License-Identifier: MIT
/*
 * 32-bit ARM LPAE long-descriptor format (src/arch/arm/pte_lpae.c):
 * geometry, descriptors worked by hand from ARMv7 ARM DDI 0406C B3.6
 * (figures B3-15 to B3-18) with Linux's MAIR0/1, reserved encodings, and
 * round trips over random descriptors and attributes.
 */
#include "check.h"

#include <stdlib.h>

#include "arch/arm/pte_arm.h"

static struct vml_pt_format fmt(void)
{
	struct vml_pt_format f;
	struct vml_pt_spec s = {.arch = "arm", .mode = "lpae"};
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
	struct vml_pt_format f = fmt();
	struct vml_pt_format g;
	struct vml_pt_spec s = {.arch = "arm", .mode = "lpae", .pa_bits = 41};
	struct vml_diag d;

	CHECK_EQ_STR(f.name, "lpae");
	CHECK_EQ_INT(f.first_level, 1);
	CHECK_EQ_INT(f.levels, 3);
	CHECK_EQ_INT(f.entry_size, 8);
	CHECK_EQ_INT(f.va_bits, 32);
	CHECK_EQ_INT(f.pa_bits, 40);
	/* T0SZ = 0: level 1 resolves VA[31:30], 4 entries x 8 bytes = 32 bytes. */
	CHECK_EQ_INT(f.level[0].shift, 30);
	CHECK_EQ_INT(f.level[0].index_bits, 2);
	CHECK_EQ_INT(f.level[0].table_size, 32);
	CHECK_EQ_INT(f.level[0].cont_entries, 0);
	CHECK_EQ_INT(f.level[1].shift, 21);
	CHECK_EQ_INT(f.level[1].cont_entries, 16); /* 16 x 2 MiB */
	CHECK_EQ_INT(f.level[2].shift, 12);
	CHECK_EQ_INT(f.level[2].table_size, 4096);
	CHECK_EQ_INT(f.level[2].cont_entries, 16); /* 16 x 4 KiB */
	CHECK_EQ_INT(vml_pt_family_arm.build(&g, &s, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, 41);
}

static void test_descriptors_by_hand(void)
{
	struct vml_pt_format f = fmt();
	struct vml_pt_attrs rw = attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL, VML_PT_MT_NORMAL,
				       VML_PT_SH_INNER);
	struct vml_pt_attrs rx = attrs(VML_PT_READ | VML_PT_EXEC | VML_PT_GLOBAL, VML_PT_MT_NORMAL,
				       VML_PT_SH_INNER);
	struct vml_pt_attrs user = attrs(VML_PT_READ | VML_PT_USER_READ | VML_PT_USER_EXEC,
					 VML_PT_MT_NORMAL_NC, VML_PT_SH_NONE);

	/* 2 MiB block 0x80200000, kernel RW: type 01 | AttrIndx 7 << 2 = 0x1c |
	 * AP[2:1]=00 | SH=11 << 8 = 0x300 | AF 0x400 = 0x71d; XN bit 54. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x80200000), &rw), 0x004000008020071dULL);
	/* 1 GiB block at PA 0xff_4000_0000 (OA bits 39:30): the same attributes. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0xff40000000), &rw), 0x004000ff4000071dULL);
	/* Page 0x1_2345_6000, kernel RX: type 11 = 0x3 | 0x1c | AP=10 (PL1 RO)
	 * << 6 = 0x80 | 0x300 | 0x400 = 0x79f; XN = PXN = 0. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, vml_pa(0x123456000), &rx), 0x000000012345679fULL);
	/* Page 0x40000000, user RO + exec, kernel no exec, NC, not global:
	 * 0x3 | AttrIndx 1 = 0x4 | AP=11 = 0xc0 | AF 0x400 | nG 0x800 = 0xcc7;
	 * PXN bit 53. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, vml_pa(0x40000000), &user), 0x0020000040000cc7ULL);
	/* Contiguous hint: bit 52. */
	rw.perm |= VML_PT_CONT;
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, vml_pa(0x80210000), &rw), 0x005000008021071fULL);
	/* Table 0x40401000 with PXNTable (bit 59). */
	CHECK_EQ_U64(f.ops->encode_table(&f, 1, vml_pa(0x40401000), VML_PT_TABLE_NO_EXEC),
		     0x0800000040401003ULL);
	CHECK_EQ_U64(f.ops->encode_table(&f, 2, vml_pa(0x40402000),
					 VML_PT_TABLE_NO_EXEC | VML_PT_TABLE_NO_USER_EXEC),
		     0x1800000040402003ULL);
}

static void test_decode_and_reserved(void)
{
	struct vml_pt_format f = fmt();
	struct vml_pt_entry e;

	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x004000008020071dULL, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x80200000);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED);
	CHECK_EQ_INT(e.attrs.memtype, VML_PT_MT_NORMAL);
	CHECK_EQ_INT(e.attrs.share, VML_PT_SH_INNER);
	/* Table with APTable = 11 (bits 62:61) and XNTable: nothing but kernel read below. */
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0x7000000040401003ULL, &e), VML_PTE_TABLE);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_READ);
	/* Level 3 with bits[1:0] = 01 is reserved. */
	CHECK_EQ_INT(f.ops->decode(&f, 3, 0x0000000080200401ULL, &e), VML_PTE_INVALID);
	/* A 2 MiB block whose OA has bit 12 set. */
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x0000000080201401ULL, &e), VML_PTE_INVALID);
	/* RES0 bit 40 set. */
	CHECK_EQ_INT(f.ops->decode(&f, 3, 0x0000010080200403ULL, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x80200402ULL, &e), VML_PTE_INVALID);
	/* AttrIndx 3 (WRITEBACK, 0xee) is not a named type: kept raw. */
	CHECK_EQ_INT(f.ops->decode(&f, 3, 0x000000008020040fULL, &e), VML_PTE_LEAF);
	CHECK_EQ_INT(e.attrs.memtype, VML_PT_MT_NORMAL);
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, e.addr, &e.attrs), 0x000000008020040fULL);
}

static void test_check_attrs(void)
{
	struct vml_pt_format f = fmt();
	struct vml_pt_attrs a = attrs(0, VML_PT_MT_NORMAL, VML_PT_SH_INNER);

	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* no "no access" */
	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_USER_READ;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* PL1 RW, PL0 RO */
	a.perm |= VML_PT_USER_WRITE;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), 0);
	a.memtype = VML_PT_MT_NORMAL_TAGGED;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.memtype = VML_PT_MT_DEVICE_nGnRE;
	a.domain = 1;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
}

static uint64_t rnd64(void)
{
	return ((uint64_t)rand() << 40) ^ ((uint64_t)rand() << 20) ^ (uint64_t)rand();
}

static void test_raw_round_trip_random(void)
{
	struct vml_pt_format f = fmt();
	unsigned int seed = 1337, leaves = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 200000; i++) {
		int level = 1 + rand() % 3;
		uint64_t below = (1ULL << f.level[level - 1].shift) - 1;
		uint64_t raw = rnd64() & ~(0xfffULL << 40) & ~(below & ARM_L_OA_MASK);
		struct vml_pt_entry e;

		if (f.ops->decode(&f, level, raw, &e) != VML_PTE_LEAF)
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
	struct vml_pt_format f = fmt();
	unsigned int seed = 5, accepted = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 100000; i++) {
		struct vml_pt_attrs a = attrs((uint32_t)rand() & 0x27f, (uint8_t)(rand() % 5),
					      (uint8_t)(rand() % 3));
		int level = 1 + rand() % 3;
		uint64_t pa = rnd64() & ((1ULL << 40) - 1) & ~((1ULL << f.level[level - 1].shift) - 1);
		struct vml_pt_entry e;

		if (rand() % 2)
			a.perm &= ~VML_PT_ACCESSED;
		if (f.ops->check_attrs(&f, &a))
			continue;
		accepted++;
		CHECK_EQ_INT(f.ops->decode(&f, level, f.ops->encode_leaf(&f, level, vml_pa(pa), &a), &e),
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
	struct vml_pt_format f = fmt();
	struct vml_pt_roots roots = {{true, false}, {vml_pa(0x40400000), vml_pa(0)}};
	struct vml_pt_regs r;
	struct vml_pt_attrs rw = attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL, VML_PT_MT_NORMAL,
				       VML_PT_SH_INNER);
	struct vml_pt_attrs ro = rw;
	uint64_t blk;

	f.ops->registers(&f, &roots, &r);
	CHECK_EQ_INT(r.count, 5);
	CHECK_EQ_STR(r.reg[0].name, "ttbcr");
	CHECK_EQ_U64(r.reg[0].value, 0x80000000); /* EAE */
	CHECK_EQ_U64(r.reg[1].value, 0x40400000);
	CHECK_EQ_STR(r.reg[3].name, "mair0");
	CHECK_EQ_U64(r.reg[3].value, 0xeeaa4400);
	CHECK_EQ_U64(r.reg[4].value, 0xff000004);

	ro.perm &= ~VML_PT_WRITE;
	blk = f.ops->encode_leaf(&f, 2, vml_pa(0x80200000), &rw);
	CHECK(!f.ops->needs_bbm(&f, 2, blk, f.ops->encode_leaf(&f, 2, vml_pa(0x80200000), &ro), 0));
	CHECK(f.ops->needs_bbm(&f, 2, blk, f.ops->encode_table(&f, 2, vml_pa(0x40401000), 0), 0));
	CHECK(f.ops->needs_bbm(&f, 2, blk, f.ops->encode_leaf(&f, 2, vml_pa(0x80400000), &rw), 0));
	rw.perm |= VML_PT_CONT;
	CHECK(f.ops->needs_bbm(&f, 2, blk, f.ops->encode_leaf(&f, 2, vml_pa(0x80200000), &rw), 0));
	CHECK(!f.ops->needs_bbm(&f, 1, f.ops->encode_table(&f, 1, vml_pa(0x40401000), 0),
				f.ops->encode_table(&f, 1, vml_pa(0x40401000), VML_PT_TABLE_NO_EXEC),
				0));
}

int main(void)
{
	RUN_TEST(test_geometry);
	RUN_TEST(test_descriptors_by_hand);
	RUN_TEST(test_decode_and_reserved);
	RUN_TEST(test_check_attrs);
	RUN_TEST(test_raw_round_trip_random);
	RUN_TEST(test_attrs_round_trip_random);
	RUN_TEST(test_registers_and_bbm);
	return CHECK_DONE("test_arm_lpae_format");
}
