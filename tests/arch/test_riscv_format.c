// SPDX-License-Identifier: MIT
/*
 * riscv64 Sv39/Sv48/Sv57 entry format (src/arch/riscv/pte_format.c):
 * geometry, descriptor values worked by hand from the privileged spec
 * (4.3-4.6, Svnapot, Svpbmt) and Linux's prots, every fault case, and
 * encode/decode round trips over random entries and attributes.
 */
#include "check.h"

#include <stdlib.h>

#include "arch/riscv/pte_riscv.h"

static struct vml_pt_format fmt(const char *mode, uint32_t options)
{
	struct vml_pt_format f;
	struct vml_pt_spec s = {.arch = "riscv64", .mode = mode, .options = options};
	struct vml_diag d;
	int err = vml_pt_family_riscv64.build(&f, &s, &d);

	CHECK_EQ_INT(err, 0);
	return f;
}

static struct vml_pt_attrs kernel_attrs(uint32_t perm)
{
	struct vml_pt_attrs a = {0};

	a.perm = perm | VML_PT_GLOBAL | VML_PT_ACCESSED | VML_PT_DIRTY;
	return a;
}

static void test_geometry_of_each_mode(void)
{
	struct vml_pt_format f = fmt("sv39", 0);

	CHECK_EQ_INT(f.levels, 3);
	CHECK_EQ_INT(f.va_bits, 39); /* 12 + 3 x 9 */
	CHECK_EQ_INT(f.level[0].shift, 30);
	CHECK_EQ_INT(f.level[1].shift, 21);
	CHECK_EQ_INT(f.level[2].shift, 12);
	CHECK_EQ_INT(f.level[2].cont_entries, 16); /* Svnapot 64K = 16 x 4K */
	CHECK_EQ_INT(f.level[1].cont_entries, 0);
	CHECK(f.level[0].leaf_ok && f.level[1].leaf_ok && f.level[2].leaf_ok);
	CHECK_EQ_INT(f.entry_size, 8);
	CHECK_EQ_INT(f.va_split, VML_PT_VA_SIGN_EXTEND);
	CHECK_EQ_STR(f.name, "sv39");
	f = fmt("sv48", 0);
	CHECK_EQ_INT(f.va_bits, 48);
	CHECK_EQ_INT(f.level[0].shift, 39);
	f = fmt("sv57", 0);
	CHECK_EQ_INT(f.levels, 5);
	CHECK_EQ_INT(f.va_bits, 57);
	CHECK_EQ_INT(f.level[0].shift, 48); /* 12 + 4 x 9 */
	CHECK_EQ_INT(f.pa_bits, 56);
	f = fmt("sv39", VML_RISCV_OPT_NO_SVNAPOT);
	CHECK_EQ_INT(f.level[2].cont_entries, 0);
}

static void test_bad_specs_are_refused(void)
{
	struct vml_pt_format f;
	struct vml_diag d;
	struct vml_pt_spec s = {.arch = "riscv64", .mode = "sv32"};

	CHECK_EQ_INT(vml_pt_family_riscv64.build(&f, &s, &d), VML_EINVAL);
	s.mode = NULL;
	CHECK_EQ_INT(vml_pt_family_riscv64.build(&f, &s, &d), VML_EINVAL);
	s.mode = "sv48";
	s.va_bits = 39;
	CHECK_EQ_INT(vml_pt_family_riscv64.build(&f, &s, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, 39);
	s.va_bits = 48;
	s.pa_bits = 57;
	CHECK_EQ_INT(vml_pt_family_riscv64.build(&f, &s, &d), VML_ERANGE);
	s.pa_bits = 0;
	s.granule = VML_SZ_64K;
	CHECK_EQ_INT(vml_pt_family_riscv64.build(&f, &s, &d), VML_EINVAL);
}

static void test_linux_kernel_prots_by_hand(void)
{
	struct vml_pt_format f = fmt("sv39", 0);
	struct vml_pt_attrs rw = kernel_attrs(VML_PT_READ | VML_PT_WRITE);
	struct vml_pt_attrs rwx = kernel_attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_EXEC);
	struct vml_pt_attrs ro = kernel_attrs(VML_PT_READ);

	/* PAGE_KERNEL = V R W G A D = 0x1 + 0x2 + 0x4 + 0x20 + 0x40 + 0x80 = 0xe7;
	 * PA 0x80200000 -> PPN 0x80200, << 10 = 0x20080000. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x80200000), &rw), 0x200800e7);
	/* PAGE_KERNEL_EXEC = 0xe7 + X (0x8) = 0xef; 2 MiB superpage at level
	 * index 1, PA 0x80000000 -> PPN 0x80000 << 10 = 0x20000000. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 1, vml_pa(0x80000000), &rwx), 0x200000ef);
	/* PAGE_KERNEL_READ = 0xe3; 1 GiB at PA 0x1_4000_0000: PPN 0x140000 << 10 = 0x5000_0000. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 0, vml_pa(0x140000000), &ro), 0x500000e3);
	/* PAGE_KERNEL_IO: 0xe7 | PBMT IO (2 << 61 = 0x4000_0000_0000_0000);
	 * PA 0x10000000 -> PPN 0x10000 << 10 = 0x400_0000. */
	rw.memtype = VML_PT_MT_DEVICE_nGnRE;
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x10000000), &rw), 0x40000000040000e7);
	/* PBMT NC = 1 << 61 = 0x2000_0000_0000_0000. */
	rw.memtype = VML_PT_MT_NORMAL_NC;
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 2, vml_pa(0x10000000), &rw), 0x20000000040000e7);
	/* PAGE_TABLE = V: table at 0x80203000 -> PPN 0x80203 << 10 = 0x20080c00, | 1. */
	CHECK_EQ_U64(f.ops->encode_table(&f, 0, vml_pa(0x80203000), 0), 0x20080c01);
	CHECK_EQ_U64(f.ops->encode_invalid(&f, 1), 0);
}

static void test_napot_64k_by_hand(void)
{
	struct vml_pt_format f = fmt("sv48", 0);
	struct vml_pt_attrs a = kernel_attrs(VML_PT_READ | VML_PT_WRITE | VML_PT_CONT);
	struct vml_pt_entry e;
	/* Group base PA 0x30010000: PPN 0x30010; PPN[3:0] = 1000b -> 0x30018;
	 * << 10 = 0xc006000; N = bit 63; + 0xe7. */
	uint64_t want = 0x800000000c0060e7ULL;

	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, vml_pa(0x30010000), &a), want);
	/* Every member holds the same value: the 16th page, PA 0x3001f000. */
	CHECK_EQ_U64(f.ops->encode_leaf(&f, 3, vml_pa(0x3001f000), &a), want);
	CHECK_EQ_INT(f.ops->decode(&f, 3, want, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x30010000);
	CHECK(e.attrs.perm & VML_PT_CONT);
}

static void test_decode_fields(void)
{
	struct vml_pt_format f = fmt("sv39", 0);
	struct vml_pt_entry e;

	/* User page R W X U V A D = 0x2 + 0x4 + 0x8 + 0x10 + 0x1 + 0x40 + 0x80 = 0xdf,
	 * RSW = 2 (bit 9), PPN 0x12345 << 10 = 0x48d1400. */
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x48d1400 | 0x200 | 0xdf, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x12345000);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC |
					   VML_PT_READ | VML_PT_WRITE | VML_PT_ACCESSED |
					   VML_PT_DIRTY);
	CHECK_EQ_U64(e.attrs.arch_bits, 0x200);
	CHECK_EQ_INT(e.attrs.memtype, VML_PT_MT_NORMAL);
	/* Execute-only kernel page: V X = 0x9. */
	CHECK_EQ_INT(f.ops->decode(&f, 2, 0x48d1400 | 0x9, &e), VML_PTE_LEAF);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_EXEC);
	/* A pointer. */
	CHECK_EQ_INT(f.ops->decode(&f, 1, 0x20080c01, &e), VML_PTE_TABLE);
	CHECK_EQ_U64(vml_pa_addr(e.addr), 0x80203000);
	CHECK_EQ_U64(e.attrs.perm, VML_PT_PERM_MASK);
}

static void test_faulting_encodings_decode_invalid(void)
{
	struct vml_pt_format f = fmt("sv39", 0);
	struct vml_pt_format plain = fmt("sv39", VML_RISCV_OPT_NO_SVNAPOT | VML_RISCV_OPT_NO_SVPBMT);
	struct vml_pt_entry e;
	uint64_t page = 0x48d1400;

	CHECK_EQ_INT(f.ops->decode(&f, 2, page | 0xe6, &e), VML_PTE_INVALID);	 /* V = 0 */
	CHECK_EQ_INT(f.ops->decode(&f, 2, page | 0x5, &e), VML_PTE_INVALID);	 /* W, no R */
	CHECK_EQ_INT(f.ops->decode(&f, 2, page | 0xd, &e), VML_PTE_INVALID);	 /* W X, no R */
	CHECK_EQ_INT(f.ops->decode(&f, 2, (1ULL << 54) | page | 0xe7, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 2, (3ULL << 61) | page | 0xe7, &e), VML_PTE_INVALID);
	/* 2 MiB superpage with PPN bit 0 set: 0x80001 is not 512-aligned. */
	CHECK_EQ_INT(f.ops->decode(&f, 1, (0x80001ULL << 10) | 0xe7, &e), VML_PTE_INVALID);
	/* 1 GiB superpage with PPN bit 9 set (0x200 < 0x40000). */
	CHECK_EQ_INT(f.ops->decode(&f, 0, (0x40200ULL << 10) | 0xe7, &e), VML_PTE_INVALID);
	/* NAPOT above the last level, and with PPN[3:0] = 0100b (32 KiB, undefined). */
	CHECK_EQ_INT(f.ops->decode(&f, 1, (1ULL << 63) | (0x80008ULL << 10) | 0xe7, &e),
		     VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 2, (1ULL << 63) | (0x80004ULL << 10) | 0xe7, &e),
		     VML_PTE_INVALID);
	/* A pointer at the last level; pointers with A, U, N or PBMT set. */
	CHECK_EQ_INT(f.ops->decode(&f, 2, page | 0x1, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, page | 0x41, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, page | 0x11, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, (1ULL << 63) | page | 0x1, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 1, (1ULL << 62) | page | 0x1, &e), VML_PTE_INVALID);
	/* Without the extensions N and PBMT are reserved. */
	CHECK_EQ_INT(plain.ops->decode(&plain, 2, (1ULL << 63) | (0x80008ULL << 10) | 0xe7, &e),
		     VML_PTE_INVALID);
	CHECK_EQ_INT(plain.ops->decode(&plain, 2, (1ULL << 62) | page | 0xe7, &e), VML_PTE_INVALID);
	CHECK_EQ_INT(f.ops->decode(&f, 2, (1ULL << 62) | page | 0xe7, &e), VML_PTE_LEAF);
}

static void test_check_attrs(void)
{
	struct vml_pt_format f = fmt("sv39", 0);
	struct vml_pt_format plain = fmt("sv39", VML_RISCV_OPT_NO_SVPBMT);
	struct vml_pt_attrs a = kernel_attrs(VML_PT_WRITE);

	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* W without R */
	a.perm = VML_PT_READ | VML_PT_EXEC | VML_PT_USER_READ;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* S-mode never executes U pages */
	a.perm = VML_PT_READ | VML_PT_USER_READ | VML_PT_USER_EXEC;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), 0);
	a.perm = VML_PT_USER_READ;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* SUM gives kernel read too */
	a.perm = VML_PT_ACCESSED;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP); /* no R, no X: not a leaf */
	a = kernel_attrs(VML_PT_READ);
	a.memtype = VML_PT_MT_NORMAL_TAGGED;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.memtype = VML_PT_MT_NORMAL_NC;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), 0);
	CHECK_EQ_INT(plain.ops->check_attrs(&plain, &a), VML_ENOTSUP);
	a.memtype = VML_PT_MT_NORMAL;
	a.domain = 1;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
	a.domain = 0;
	a.arch_bits = 1ULL << 62;
	CHECK_EQ_INT(f.ops->check_attrs(&f, &a), VML_ENOTSUP);
}

static uint64_t rnd64(void)
{
	return ((uint64_t)rand() << 40) ^ ((uint64_t)rand() << 20) ^ (uint64_t)rand();
}

/* Random raw entries: every one that decodes valid re-encodes to itself. */
static void test_raw_round_trip_random(void)
{
	const char *modes[] = {"sv39", "sv48", "sv57"};
	unsigned int seed = 20240603, valid = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 200000; i++) {
		struct vml_pt_format f = fmt(modes[i % 3], 0);
		int level = rand() % (int)f.levels;
		unsigned int low = f.level[level].shift - 12;
		uint64_t ppn = rnd64() & ((1ULL << 44) - 1) & ~((1ULL << low) - 1);
		uint64_t raw = (ppn << 10) | (rnd64() & 0x3ff) | ((uint64_t)(rand() % 3) << 61) | 1;
		struct vml_pt_entry e;
		uint64_t again;

		if (rand() % 4 == 0 && level == (int)f.levels - 1)
			raw = (raw & ~(0xfULL << 10)) | (0x8ULL << 10) | (1ULL << 63);
		switch (f.ops->decode(&f, level, raw, &e)) {
		case VML_PTE_LEAF:
			again = f.ops->encode_leaf(&f, level, e.addr, &e.attrs);
			CHECK(f.ops->check_attrs(&f, &e.attrs) == 0 || (e.attrs.perm & VML_PT_USER_EXEC &&
									 !(e.attrs.perm & VML_PT_USER_READ)));
			break;
		case VML_PTE_TABLE:
			again = f.ops->encode_table(&f, level, e.addr, 0) |
				(e.attrs.arch_bits & (RV_PTE_G | RV_PTE_RSW_MASK));
			break;
		default:
			continue;
		}
		valid++;
		if (again != raw) {
			CHECK_EQ_U64(again, raw);
			break;
		}
	}
	CHECK(valid > 50000);
}

/* Random accepted attributes: decode(encode(attrs)) gives them back. */
static void test_attrs_round_trip_random(void)
{
	struct vml_pt_format f = fmt("sv57", 0);
	unsigned int seed = 77, accepted = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (int i = 0; i < 100000; i++) {
		struct vml_pt_attrs a = {0};
		struct vml_pt_entry e;
		int level = rand() % 5;
		uint64_t pa = (rnd64() & ((1ULL << 56) - 1)) & ~((1ULL << f.level[level].shift) - 1);

		a.perm = (uint32_t)rand() & 0x1ff;
		a.memtype = (uint8_t)(rand() % VML_PT_MT_COUNT);
		a.arch_bits = (uint64_t)(rand() % 4) << 8;
		if (level == 4 && rand() % 2) {
			a.perm |= VML_PT_CONT;
			pa &= ~0xffffULL;
		}
		if (f.ops->check_attrs(&f, &a))
			continue;
		accepted++;
		CHECK_EQ_INT(f.ops->decode(&f, level, f.ops->encode_leaf(&f, level, vml_pa(pa), &a), &e),
			     VML_PTE_LEAF);
		CHECK_EQ_U64(vml_pa_addr(e.addr), pa);
		if (a.memtype == VML_PT_MT_DEVICE_nGnRnE)
			a.memtype = VML_PT_MT_DEVICE_nGnRE; /* both are PBMT IO */
		if (!vml_pt_attrs_equal(&e.attrs, &a)) {
			CHECK_EQ_U64(e.attrs.perm, a.perm);
			CHECK_EQ_INT(e.attrs.memtype, a.memtype);
			break;
		}
	}
	CHECK(accepted > 10000);
}

static void test_registers_and_bbm(void)
{
	struct vml_pt_format f = fmt("sv48", 0);
	struct vml_pt_roots roots = {{true, false}, {vml_pa(0x80400000), vml_pa(0)}};
	struct vml_pt_regs r;
	struct vml_pt_attrs a = kernel_attrs(VML_PT_READ | VML_PT_WRITE);
	uint64_t leaf, napot;

	f.ops->registers(&f, &roots, &r);
	CHECK_EQ_INT(r.count, 1);
	CHECK_EQ_STR(r.reg[0].name, "satp");
	/* MODE 9 (Sv48) << 60 | PPN 0x80400 */
	CHECK_EQ_U64(r.reg[0].value, 0x9000000000080400ULL);
	f = fmt("sv57", 0);
	f.ops->registers(&f, &roots, &r);
	CHECK_EQ_U64(r.reg[0].value, 0xa000000000080400ULL);

	leaf = f.ops->encode_leaf(&f, 4, vml_pa(0x80000000), &a);
	CHECK(!f.ops->needs_bbm(&f, 3, f.ops->encode_leaf(&f, 3, vml_pa(0x80000000), &a),
				f.ops->encode_table(&f, 3, vml_pa(0x81000000), 0), 0));
	a.perm |= VML_PT_CONT;
	napot = f.ops->encode_leaf(&f, 4, vml_pa(0x80000000), &a);
	CHECK(f.ops->needs_bbm(&f, 4, leaf, napot, 0));
	CHECK(f.ops->needs_bbm(&f, 4, napot, leaf, 0));
	CHECK(!f.ops->needs_bbm(&f, 4, napot, napot, 0));
	a.perm &= ~(VML_PT_CONT | VML_PT_WRITE);
	CHECK(!f.ops->needs_bbm(&f, 4, leaf, f.ops->encode_leaf(&f, 4, vml_pa(0x80000000), &a), 0));
}

int main(void)
{
	RUN_TEST(test_geometry_of_each_mode);
	RUN_TEST(test_bad_specs_are_refused);
	RUN_TEST(test_linux_kernel_prots_by_hand);
	RUN_TEST(test_napot_64k_by_hand);
	RUN_TEST(test_decode_fields);
	RUN_TEST(test_faulting_encodings_decode_invalid);
	RUN_TEST(test_check_attrs);
	RUN_TEST(test_raw_round_trip_random);
	RUN_TEST(test_attrs_round_trip_random);
	RUN_TEST(test_registers_and_bbm);
	return CHECK_DONE("test_riscv_format");
}
