/* SPDX-License-Identifier: MIT */
/*
 * arm64 VMSAv8-64 format: geometry per granule and VA size, descriptor
 * values worked by hand from the Arm ARM bit positions (DDI 0487, VMSAv8-64 descriptors), decode
 * round trips of every field, the break-before-make rule, and TCR/TTBR/MAIR.
 */
#include <stdlib.h>

#include "check.h"
#include "../core/pt_harness.h"
#include "arch/arm64/pte_bits.h"

static const struct vml_pt_format *fmt(uint64_t granule, unsigned int va_bits)
{
	static struct vml_pt_format f;

	CHECK_EQ_INT(arm64_format(&f, granule, va_bits), 0);
	return &f;
}

static void test_geometry_levels_and_roots(void)
{
	const struct vml_pt_format *f;

	/* 4K/39: 39-12 = 27 bits = 3 x 9: levels 1..3, root 512 entries. */
	f = fmt(VML_SZ_4K, 39);
	CHECK_EQ_INT(f->first_level, 1);
	CHECK_EQ_INT(f->levels, 3);
	CHECK_EQ_INT(f->level[0].table_size, 4096);
	/* 4K/48: levels 0..3; L1 1G and L2 2M blocks, no L0 block without LPA2. */
	f = fmt(VML_SZ_4K, 48);
	CHECK_EQ_INT(f->first_level, 0);
	CHECK(!vml_pt_level(f, 0)->leaf_ok && vml_pt_level(f, 1)->leaf_ok);
	CHECK_EQ_INT(vml_pt_level(f, 1)->shift, 30);
	CHECK_EQ_INT(vml_pt_level(f, 2)->cont_entries, 16);
	CHECK_EQ_INT(vml_pt_level(f, 3)->cont_entries, 16);
	/* 4K/52 (LPA2): 52-48 = 4 bits at level -1: 16 entries, 128 bytes. */
	f = fmt(VML_SZ_4K, 52);
	CHECK_EQ_INT(f->first_level, -1);
	CHECK_EQ_INT(f->level[0].index_bits, 4);
	CHECK_EQ_INT(f->level[0].table_size, 128);
	CHECK(vml_pt_level(f, 0)->leaf_ok); /* 512G blocks with DS = 1 */
	CHECK_EQ_STR(f->name, "4K/52-lpa2");
	CHECK_EQ_INT(f->pa_bits, 52);
	/* 16K/47: 14 + 3 x 11 = 47: levels 1..3, root 2048 entries; no L1 block. */
	f = fmt(0x4000, 47);
	CHECK_EQ_INT(f->first_level, 1);
	CHECK_EQ_INT(f->level[0].index_bits, 11);
	CHECK(!vml_pt_level(f, 1)->leaf_ok);
	CHECK_EQ_INT(vml_pt_level(f, 3)->cont_entries, 128);
	CHECK_EQ_INT(vml_pt_level(f, 2)->cont_entries, 32);
	/* 16K/48: one bit at level 0: 2 entries; 16K/52: 5 bits at level 0. */
	CHECK_EQ_INT(fmt(0x4000, 48)->level[0].index_bits, 1);
	f = fmt(0x4000, 52);
	CHECK_EQ_INT(f->first_level, 0);
	CHECK_EQ_INT(f->level[0].index_bits, 5);
	CHECK(vml_pt_level(f, 1)->leaf_ok); /* 64G blocks with LPA2 */
	/* 64K/42: 16 + 2 x 13: levels 2..3; 64K/52: L1 root 10 bits, 4T blocks. */
	f = fmt(VML_SZ_64K, 42);
	CHECK_EQ_INT(f->first_level, 2);
	CHECK_EQ_INT(f->level[0].table_size, 65536);
	f = fmt(VML_SZ_64K, 52);
	CHECK_EQ_INT(f->first_level, 1);
	CHECK_EQ_INT(f->level[0].index_bits, 10);
	CHECK(vml_pt_level(f, 1)->leaf_ok);
	CHECK_EQ_INT(vml_pt_level(f, 3)->cont_entries, 32);
	CHECK(!fmt(VML_SZ_64K, 48)->level[0].leaf_ok);
}

static void test_bad_specs(void)
{
	struct vml_pt_format f;
	struct vml_pt_spec s = {.arch = "arm64", .granule = 8192, .va_bits = 48};
	struct vml_diag d;

	CHECK_EQ_INT(vml_pt_format_lookup(&f, &s, &d), VML_EINVAL);
	s.granule = VML_SZ_4K;
	s.va_bits = 35;
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &s, &d), VML_ERANGE);
	s.va_bits = 53;
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &s, &d), VML_ERANGE);
	s.va_bits = 48;
	s.pa_bits = 52; /* 4K/48 without LPA2 has 48-bit output addresses */
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &s, &d), VML_ERANGE);
	s.arch = "sparc";
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &s, &d), VML_ENOENT);
}

static uint64_t leaf(const struct vml_pt_format *f, int level, uint64_t pa,
		     struct vml_pt_attrs a)
{
	return f->ops->encode_leaf(f, level, vml_pa(pa), &a);
}

static void test_descriptor_values_by_hand(void)
{
	const struct vml_pt_format *f = fmt(VML_SZ_4K, 48);
	struct vml_pt_attrs a = attrs_kernel_rw();

	/* PROT_NORMAL page: type 0b11 (0x3) | SH inner 3<<8 (0x300) | AF 1<<10
	 * (0x400) = 0x703; DBM 1<<51 | PXN 1<<53 | UXN 1<<54 = 0x0068<<48. */
	CHECK_EQ_U64(leaf(f, 3, 0x40000000, a), 0x0068000040000703ULL);
	/* Kernel text 2M block: type 0b01 | AP[2] RDONLY 0x80 | SH 0x300 | AF
	 * 0x400 = 0x781; UXN only (1<<54 = 0x0040<<48). */
	CHECK_EQ_U64(leaf(f, 2, 0x80200000, attrs_kernel_rx()), 0x0040000080200781ULL);
	/* 1G block, read-only: 0x781 | PXN|UXN (0x0060<<48), no DBM. */
	CHECK_EQ_U64(leaf(f, 1, 0x40000000, attrs_kernel_ro()), 0x0060000040000781ULL);
	/* PROT_DEVICE_nGnRE page: 0x703 | AttrIndx 4<<2 (0x10) = 0x713. */
	a.memtype = VML_PT_MT_DEVICE_nGnRE;
	CHECK_EQ_U64(leaf(f, 3, 0x09000000, a), 0x0068000009000713ULL);
	/* Tagged linear map (MT_NORMAL_TAGGED = 1): 0x703 | 1<<2 = 0x707. */
	a.memtype = VML_PT_MT_NORMAL_TAGGED;
	CHECK_EQ_U64(leaf(f, 3, 0, a), 0x0068000000000707ULL);
	/* User RW, non-global: AP[1] 0x40 | nG 0x800 | 0x703 = 0xf43. */
	a = attrs_kernel_rw();
	a.perm = (a.perm | VML_PT_USER_READ | VML_PT_USER_WRITE) & ~VML_PT_GLOBAL;
	CHECK_EQ_U64(leaf(f, 3, 0x1000, a), 0x0068000000001f43ULL);
	/* Contiguous page: + 1<<52. */
	a = attrs_kernel_rw();
	a.perm |= VML_PT_CONT;
	CHECK_EQ_U64(leaf(f, 3, 0x10000, a), 0x0078000000010703ULL);
	/* Table: address | 0b11; NO_EXEC tables add PXNTable 1<<59. */
	CHECK_EQ_U64(f->ops->encode_table(f, 0, vml_pa(0x41234000), 0), 0x41234003ULL);
	CHECK_EQ_U64(f->ops->encode_table(f, 0, vml_pa(0x41234000), VML_PT_TABLE_NO_EXEC),
		     0x0800000041234003ULL);
}

static void test_52bit_address_encodings(void)
{
	const struct vml_pt_format *f = fmt(VML_SZ_64K, 52);
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_pt_entry e;

	/* 64K, FEAT_LPA: PA 0x000f_0000_1234_0000: OA[47:16] in place
	 * (0x12340000), OA[51:48] = 0xf in bits [15:12] (0xf000). */
	CHECK_EQ_U64(leaf(f, 3, 0x000f000012340000ULL, a), 0x006800001234f703ULL);
	CHECK_EQ_INT(f->ops->decode(f, 3, 0x006800001234f703ULL, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x000f000012340000ULL);
	CHECK_EQ_U64(f->ops->encode_table(f, 2, vml_pa(0x0003000000010000ULL), 0),
		     0x0000000000013003ULL);
	/* 4K, LPA2: PA 0x000f_0000_0000_1000: OA[49:12] in place
	 * (0x0003_0000_0000_1000), OA[51:50] = 0b11 in bits [9:8] (0x300); no SH
	 * in the descriptor: 0x403 (page | AF) + DBM|PXN|UXN. */
	f = fmt(VML_SZ_4K, 52);
	CHECK_EQ_U64(leaf(f, 3, 0x000f000000001000ULL, a), 0x006b000000001703ULL);
	CHECK_EQ_INT(f->ops->decode(f, 3, 0x006b000000001703ULL, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x000f000000001000ULL);
	CHECK_EQ_INT(e.attrs.share, VML_PT_SH_INNER);
}

static void test_decode_kinds(void)
{
	const struct vml_pt_format *f = fmt(VML_SZ_4K, 48);
	struct vml_pt_entry e;

	CHECK_EQ_INT(f->ops->decode(f, 2, 0, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f->ops->decode(f, 2, 0x40000002, &e), VML_PTE_INVALID); /* bit 0 clear */
	CHECK_EQ_INT(f->ops->decode(f, 2, 0x40000003, &e), VML_PTE_TABLE);
	CHECK_EQ_INT(f->ops->decode(f, 2, 0x40000001, &e), VML_PTE_LEAF);
	CHECK_EQ_INT(f->ops->decode(f, 3, 0x40000003, &e), VML_PTE_LEAF);
	/* bits[1:0] = 01 at level 3 is reserved: a fault. */
	CHECK_EQ_INT(f->ops->decode(f, 3, 0x40000001, &e), VML_PTE_INVALID);
	/* A block at level 0 without LPA2 is a fault too. */
	CHECK_EQ_INT(f->ops->decode(f, 0, 0x8000000001ULL, &e), VML_PTE_INVALID);
	/* Table restrictions: PXNTable | APTable[1] (read-only below). */
	CHECK_EQ_INT(f->ops->decode(f, 1, 0x4800000040000003ULL, &e), VML_PTE_TABLE);
	CHECK(!(e.attrs.perm & VML_PT_EXEC) && !(e.attrs.perm & VML_PT_WRITE));
	CHECK(e.attrs.perm & VML_PT_USER_EXEC);
}

/* Every field: random raw descriptors of every kind at every level decode
 * and encode back to the same bits (seeded). */
static void test_round_trip_every_field(void)
{
	static const uint64_t granules[] = {VML_SZ_4K, 0x4000, VML_SZ_64K};
	static const unsigned int vas[] = {39, 48, 52};
	unsigned int seed = 20240603;
	int bad = 0, leaves = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (unsigned int g = 0; g < 3; g++)
		for (unsigned int v = 0; v < 3; v++) {
			const struct vml_pt_format *f = fmt(granules[g], vas[v]);

			for (int level = f->first_level; level <= vml_pt_last_level(f); level++)
				for (int i = 0; i < 2000; i++) {
					uint64_t raw = ((uint64_t)rand() << 62) ^
						       ((uint64_t)rand() << 31) ^ (uint64_t)rand();
					struct vml_pt_entry e;
					uint64_t back = 0;

					switch (f->ops->decode(f, level, raw, &e)) {
					case VML_PTE_INVALID:
						continue;
					case VML_PTE_TABLE:
						back = f->ops->encode_table(f, level, e.addr, 0) |
						       e.attrs.arch_bits |
						       (raw & (A64_PXNTABLE | A64_UXNTABLE |
							       A64_APTABLE_NO_EL0 | A64_APTABLE_RO));
						break;
					case VML_PTE_LEAF:
						leaves++;
						/* the block's OA must be aligned: drop low OA bits
						 * into arch_bits as decode did */
						back = f->ops->encode_leaf(f, level, e.addr, &e.attrs);
						break;
					}
					if (back != raw && bad++ < 5)
						fprintf(stderr, "  %s L%d raw %016llx back %016llx\n",
							f->name, level, (unsigned long long)raw,
							(unsigned long long)back);
				}
		}
	CHECK_EQ_INT(bad, 0);
	CHECK(leaves > 10000);
}

static void test_bbm_rule(void)
{
	const struct vml_pt_format *f = fmt(VML_SZ_4K, 48);
	uint64_t rw = 0x0068000040000703ULL;

	/* Only PXN, RDONLY, DBM, nG (not nG -> G) and SW bits may change live. */
	CHECK(!f->ops->needs_bbm(f, 3, rw, rw | A64_AP_RDONLY, 0));
	CHECK(!f->ops->needs_bbm(f, 3, rw, rw & ~A64_PXN, 0));
	CHECK(!f->ops->needs_bbm(f, 3, rw, rw | A64_NG, 0));
	CHECK(f->ops->needs_bbm(f, 3, rw | A64_NG, rw, 0));
	CHECK(f->ops->needs_bbm(f, 3, rw, rw + 0x1000, 0));	     /* output address */
	CHECK(f->ops->needs_bbm(f, 3, rw, rw | A64_CONT, 0));	     /* contiguous bit */
	CHECK(!f->ops->needs_bbm(f, 3, rw, rw | A64_CONT, VML_PT_CPU_BBML2));
	CHECK(!f->ops->needs_bbm(f, 3, rw, rw | (1 << 2), 0));	     /* NORMAL -> TAGGED */
	CHECK(f->ops->needs_bbm(f, 3, rw, rw | (4 << 2), 0));	     /* NORMAL -> device */
	CHECK(f->ops->needs_bbm(f, 2, 0x40000701ULL, 0x41000003ULL, 0)); /* block -> table */
	CHECK(!f->ops->needs_bbm(f, 2, 0x40000701ULL, 0x41000003ULL, VML_PT_CPU_BBML2));
}

static void test_registers(void)
{
	const struct vml_pt_format *f = fmt(VML_SZ_4K, 48);
	struct vml_pt_roots r = {{true, true}, {vml_pa(0x41000000), vml_pa(0x41001000)}};
	struct vml_pt_regs regs;

	f->ops->registers(f, &r, &regs);
	CHECK_EQ_INT(regs.count, 4);
	CHECK_EQ_U64(regs.reg[0].value, 0x41000000);
	CHECK_EQ_U64(regs.reg[1].value, 0x41001000);
	/* T0SZ 16 (0x10) | IRGN0 0x100 | ORGN0 0x400 | SH0 0x3000 | TG0 4K 0 |
	 * T1SZ 16<<16 | IRGN1 1<<24 | ORGN1 1<<26 | SH1 3<<28 | TG1 4K 2<<30 |
	 * IPS 48-bit 5<<32 = 0x5_b510_3510. */
	CHECK_EQ_U64(regs.reg[2].value, 0x00000005b5103510ULL);
	/* MAIR: idx0 0xff, idx1 0xff (tagged, before MTE), idx2 0x44, idx3 0x00,
	 * idx4 0x04. */
	CHECK_EQ_U64(regs.reg[3].value, 0x000000040044ffffULL);
	/* 64K/52, TTBR1 only: T0SZ=T1SZ=12, TG0 64K 1<<14, TG1 64K 3<<30, IPS
	 * 52-bit 6<<32, EPD0 1<<7; TTBR1 BADDR[51:48] = 0x3 in bits [5:2]. */
	f = fmt(VML_SZ_64K, 52);
	r.present[0] = false;
	r.root[1] = vml_pa(0x0003000000010000ULL);
	f->ops->registers(f, &r, &regs);
	CHECK_EQ_U64(regs.reg[1].value, 0x000000000001000cULL);
	CHECK_EQ_U64(regs.reg[2].value, 0x6ULL << 32 | 3ULL << 30 | 0x35000000 | 12ULL << 16 |
					    1 << 14 | 0x3500 | 0x80 | 12);
}

int main(void)
{
	RUN_TEST(test_geometry_levels_and_roots);
	RUN_TEST(test_bad_specs);
	RUN_TEST(test_descriptor_values_by_hand);
	RUN_TEST(test_52bit_address_encodings);
	RUN_TEST(test_decode_kinds);
	RUN_TEST(test_round_trip_every_field);
	RUN_TEST(test_bbm_rule);
	RUN_TEST(test_registers);
	return CHECK_DONE("test_arm64_format");
}
