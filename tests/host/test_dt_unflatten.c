/* SPDX-License-Identifier: MIT */
/* The unflattened device tree's size (include/vmlayout/of_unflatten.h):
 * against what real kernels allocated for the DTs recorded in
 * tests/conformance/observed/ (memblock=debug, under QEMU), and against
 * the arithmetic of a fixture. Run from the repository root. */
#include <string.h>

#include "check.h"
#include "vmlayout/host_input.h"
#include "vmlayout/of_unflatten.h"

#define OBS "tests/conformance/observed/"

static struct vml_board board;
static struct vml_kernel_config cfg;

static void load(const char *dts, const char *config, enum vml_arch arch, const char *version)
{
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_kernel_config_init_profile(&cfg, arch, version), 0);
	if (config)
		CHECK_EQ_INT(vml_kconfig_load_file(config, &cfg, &err), 0);
	CHECK_EQ_INT(vml_dt_load_file(dts, &board, &err), 0);
	CHECK_EQ_STR(err.msg, "");
}

/* The memblock_alloc() each booted kernel made for the tree (the size in
 * its memblock=debug line; QEMU's rng-seed in /chosen, where present, was
 * cut out by the kernel before it unflattened). */
static void test_unflatten_matches_real_boots(void)
{
	static const struct {
		const char *board, *flavour;
		enum vml_arch arch;
		const char *version;
		uint64_t ptr_bytes, bytes;
	} boots[] = {
	    {"armmp-1g", "armmp", VML_ARCH_ARM, "6.1", 4, 0x5110},
	    {"armmp-1g-static-reserved", "armmp", VML_ARCH_ARM, "6.1", 4, 0x545c},
	    {"armmp-1g-dynamic-reserved", "armmp", VML_ARCH_ARM, "6.1", 4, 0x5368},
	    {"armmp-6.12-1g", "armmp-6.12", VML_ARCH_ARM, "6.12", 4, 0x59a8},
	    {"armmp-6.12-2g-nomap-boundary", "armmp-6.12", VML_ARCH_ARM, "6.12", 4, 0x5c48},
	    {"arm64-1g", "arm64", VML_ARCH_ARM64, "6.1", 8, 0x9c1c},
	    {"arm64-2g-nomap", "arm64", VML_ARCH_ARM64, "6.1", 8, 0xa23c},
	    {"arm64-6.12-2g-kaslr-a", "arm64-6.12", VML_ARCH_ARM64, "6.12", 8, 0xa524},
	    {"riscv64-1g", "riscv64", VML_ARCH_RISCV64, "6.12", 8, 0x5b4c},
	    {"riscv64-2g-nomap-mem1g", "riscv64", VML_ARCH_RISCV64, "6.12", 8, 0x5f24},
	};

	for (unsigned int i = 0; i < sizeof(boots) / sizeof(boots[0]); i++) {
		char dts[128], config[128];

		snprintf(dts, sizeof(dts), OBS "%s.dts", boots[i].board);
		snprintf(config, sizeof(config), OBS "%s.config", boots[i].flavour);
		load(dts, config, boots[i].arch, boots[i].version);
		CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, boots[i].ptr_bytes),
			     boots[i].bytes);
	}
}

/*
 * tests/host/dts/unflatten.dts: six nodes ("", aliases, chosen, uart@1000,
 * mmc@2000, memory@80000000), 16 properties of which /chosen's rng-seed is
 * dropped, every node without a "name" (six made up: "", aliases, chosen,
 * uart, mmc, memory). Names with their NUL: 1, 8, 7, 10, 9, 16 bytes, made
 * up 1, 8, 7, 5, 4, 7.
 * 32-bit 6.1 (device_node 108, property 48, A = 4): 6 * 108 + (15 + 6) * 48
 * + (4 + 8 + 8 + 12 + 12 + 16) + (4 + 8 + 8 + 8 + 4 + 8) - 1 (the last
 * name's padding) = 1755; ALIGN(1755, 4) + 4 = 1760.
 * 64-bit 6.1 (208, 96, A = 8): 6 * 208 + 21 * 96 + (8 + 8 + 8 + 16 + 16 +
 * 16) + 6 * 8 - 1 = 3383; 3384 + 4 = 3388.
 * Without CONFIG_OF_KOBJ (no kobject, no bin_attribute: device_node 72,
 * property 16) the disabled uart@1000 is not made: 5 * 72 + (13 + 5) * 16 +
 * (4 + 8 + 8 + 12 + 16) + (4 + 8 + 8 + 4 + 8) - 1 = 727; 728 + 4 = 732.
 */
static void test_unflatten_fixture_arithmetic(void)
{
	load("tests/host/dts/unflatten.dts", NULL, VML_ARCH_ARM, "6.1");
	CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, 4), 1760);
	CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, 8), 3388);
	cfg.of_kobj = false;
	CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, 4), 732);
	cfg.of_kobj = true;
	cfg.of = false;
	CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, 4), 0);
}

/*
 * The fixture's /aliases: serial0 -> /uart@1000 (stem "serial"), mmc12 ->
 * &mmc (stem "mmc"), alias2 -> "serial0", an alias of an alias (stem
 * "alias"). Not kept: ethernet (no id), bogus0 (no such node), partial3
 * ("/mmc": the kernel's lookup wants the whole unit name "mmc@2000").
 * sizeof(struct alias_prop): 20 on 32-bit, 40 on 64-bit.
 */
static void test_alias_allocations(void)
{
	uint64_t sizes[8];

	load("tests/host/dts/unflatten.dts", NULL, VML_ARCH_ARM64, "6.1");
	CHECK_EQ_INT((int)vml_of_alias_alloc_sizes(&board, &cfg, 8, sizes, 8), 3);
	CHECK_EQ_U64(sizes[0], 40 + 6 + 1);
	CHECK_EQ_U64(sizes[1], 40 + 3 + 1);
	CHECK_EQ_U64(sizes[2], 40 + 5 + 1);
	CHECK_EQ_INT((int)vml_of_alias_alloc_sizes(&board, &cfg, 4, sizes, 8), 3);
	CHECK_EQ_U64(sizes[0], 20 + 6 + 1);
	/* without OF_KOBJ the disabled uart is not in the tree: two aliases lost */
	cfg.of_kobj = false;
	CHECK_EQ_INT((int)vml_of_alias_alloc_sizes(&board, &cfg, 8, sizes, 8), 1);
	CHECK_EQ_U64(sizes[0], 40 + 3 + 1);
	/* a board without a DT has neither */
	vml_board_init(&board);
	CHECK_EQ_INT((int)vml_of_alias_alloc_sizes(&board, &cfg, 8, sizes, 8), 0);
	CHECK_EQ_U64(vml_of_unflatten_bytes(&board, &cfg, 8), 0);
}

static void test_setup_command_line_bytes(void)
{
	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	strcpy(cfg.boot_command_line, "console=ttyAMA0 memblock=debug");
	CHECK_EQ_U64(vml_setup_command_line_bytes(&cfg), 31); /* the booted 0x1f */
	cfg.boot_command_line[0] = '\0';
	CHECK_EQ_U64(vml_setup_command_line_bytes(&cfg), 1);
}

int main(void)
{
	RUN_TEST(test_unflatten_matches_real_boots);
	RUN_TEST(test_unflatten_fixture_arithmetic);
	RUN_TEST(test_alias_allocations);
	RUN_TEST(test_setup_command_line_bytes);
	return CHECK_DONE("test_dt_unflatten");
}
