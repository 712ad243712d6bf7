/* SPDX-License-Identifier: MIT */
/*
 * The possible cpus setup_per_cpu_areas() gets, from the DT's cpu nodes:
 * arm64 smp_init_cpus() (src/arch/arm64/smp_cpus.c), riscv64 setup_smp()
 * (src/arch/riscv/smp_cpus.c), 32-bit arm arm_dt_init_cpu_maps()
 * (src/arch/arm/smp_cpus.c); v6.1 and v6.12. Each case's ids and messages
 * are worked from the kernel's loop in the comment above it.
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm64/layout_arm64.h"
#include "arch/riscv/layout_policy.h"
#include "check.h"
#include "vmlayout/report.h"

static struct vml_board board;
static struct vml_layout lo;
static struct vml_pcpu_cpus cpus;

static void reset(void)
{
	vml_board_init(&board);
	vml_layout_init(&lo);
}

static struct vml_board_cpu *add(uint64_t reg, const char *method)
{
	struct vml_board_cpu *c = &board.cpus[board.n_cpus];

	snprintf(c->path, sizeof(c->path), "/cpus/cpu@%u", board.n_cpus);
	board.n_cpus++;
	c->has_hwid = true;
	c->hwid = reg;
	c->available = true;
	snprintf(c->enable_method, sizeof(c->enable_method), "%s", method);
	c->riscv_compatible = true;
	c->has_isa = true;
	snprintf(c->isa, sizeof(c->isa), "rv64ima");
	return c;
}

static void check_ids(unsigned int nr_cpu_ids, unsigned int n, const unsigned int *ids)
{
	CHECK_EQ_INT(cpus.nr_cpu_ids, nr_cpu_ids);
	CHECK_EQ_INT(cpus.n, n);
	for (unsigned int i = 0; i < n && i < cpus.n; i++)
		CHECK_EQ_INT(cpus.id[i], ids[i]);
}

static void check_msgs(unsigned int n, const char *const *want)
{
	CHECK_EQ_INT(lo.n_kmsgs, n);
	for (unsigned int i = 0; i < n && i < lo.n_kmsgs; i++) {
		char text[256];

		vml_report_kmsg_text(text, sizeof(text), &lo.kmsgs[i]);
		text[strcspn(text, "\n")] = 0;
		CHECK_EQ_STR(text, want[i]);
	}
}

/* QEMU virt's four psci cpus: 0..3; the board cpu of each id. */
static void test_arm64_four_psci_cpus(void)
{
	static const unsigned int ids[] = {0, 1, 2, 3};

	reset();
	for (unsigned int i = 0; i < 4; i++)
		add(i, "psci");
	vml_arm64_possible_cpus(&board, 256, 0, &cpus, &lo);
	check_ids(4, 4, ids);
	CHECK_EQ_INT(cpus.board_cpu[0], 0);
	CHECK_EQ_INT(cpus.board_cpu[3], 3);
	check_msgs(0, NULL);
}

/* NR_CPUS 2: cpu1 gets id 1 (cpu_count 1 < 2), cpu2 and cpu3 only bump
 * cpu_count to 4: "Number of cores (4) exceeds ... 2". nr_cpus=3 with
 * NR_CPUS 256: all mapped, ids below 3 possible. */
static void test_arm64_nr_cpus_and_nr_cpus_arg(void)
{
	static const unsigned int ids[] = {0, 1, 2};
	static const char *const two[] = {
	    "Number of cores (4) exceeds configured maximum of 2 - clipping"};
	static const char *const three[] = {
	    "Number of cores (4) exceeds configured maximum of 3 - clipping"};

	reset();
	for (unsigned int i = 0; i < 4; i++)
		add(i, "psci");
	vml_arm64_possible_cpus(&board, 2, 0, &cpus, &lo);
	check_ids(2, 2, ids);
	check_msgs(1, two);
	vml_layout_init(&lo);
	vml_arm64_possible_cpus(&board, 256, 3, &cpus, &lo);
	check_ids(3, 3, ids);
	check_msgs(1, three);
	/* nr_cpus= at or above NR_CPUS changes nothing */
	vml_layout_init(&lo);
	vml_arm64_possible_cpus(&board, 2, 8, &cpus, &lo);
	check_ids(2, 2, ids);
}

/* cpu1 without enable-method, cpu2 spin-table without cpu-release-addr,
 * cpu3 spin-table with it, cpu4 an unknown method: 0 and 3 possible. A
 * bad hwid (bit 40) still takes an id: cpu5 is id 6. */
static void test_arm64_enable_methods_and_bad_hwid(void)
{
	static const unsigned int ids[] = {0, 3, 6};
	static const char *const msgs[] = {
	    "/cpus/cpu@1: missing enable-method property",
	    "CPU 2: missing or invalid cpu-release-addr property",
	    "Unsupported enable-method: acpi",
	};

	reset();
	add(0, "");
	add(1, "");
	add(2, "spin-table");
	add(3, "spin-table")->has_cpu_release_addr = true;
	add(4, "acpi");
	add(1ULL << 40, "psci");
	add(5, "psci");
	vml_arm64_possible_cpus(&board, 256, 0, &cpus, &lo);
	check_ids(7, 3, ids);
	CHECK_EQ_INT(cpus.board_cpu[2], 6);
	check_msgs(3, msgs);
}

/* regs 0, 1, 1, 0, 7: cpu@1 is id 1; cpu@2 repeats it ("duplicate cpu reg
 * properties") and cpu@3 the boot cpu's ("duplicate boot cpu reg
 * property"), both skipped taking ids 2 and 3; cpu@4 is id 4. No cpu nodes:
 * the boot cpu alone, silently. */
static void test_arm64_duplicates_and_no_cpus(void)
{
	static const unsigned int ids[] = {0, 1, 4};
	static const char *const msgs[] = {
	    "/cpus/cpu@2: duplicate cpu reg properties in the DT",
	    "/cpus/cpu@3: duplicate boot cpu reg property in DT",
	};

	reset();
	add(0, "psci");
	add(1, "psci");
	add(1, "psci");
	add(0, "psci");
	add(7, "psci");
	vml_arm64_possible_cpus(&board, 256, 0, &cpus, &lo);
	check_ids(5, 3, ids);
	check_msgs(2, msgs);
	reset();
	vml_arm64_possible_cpus(&board, 256, 0, &cpus, &lo);
	check_ids(1, 1, ids);
	CHECK_EQ_INT(cpus.board_cpu[0], -1);
	check_msgs(0, NULL);
}

/* riscv: a disabled hart takes no id; an incompatible node, one without
 * "reg", an rv32 ISA and an isa-base without "a" are refused with their
 * messages; isa-base rv64i with i, m, a counts. */
static void test_riscv_which_harts_count(void)
{
	static const unsigned int ids[] = {0, 1, 2};
	static const char *const msgs[] = {
	    "Found incompatible CPU",
	    "Found CPU without hart ID",
	    "CPU with hartid=4 does not support rv64ima",
	    "CPU with hartid=5 does not support ima",
	};
	struct vml_board_cpu *c;

	reset();
	add(0, "");
	add(1, "")->available = false;
	add(2, "")->riscv_compatible = false;
	add(3, "")->has_hwid = false;
	snprintf(add(4, "")->isa, 8, "rv32ima");
	c = add(5, "");
	c->has_isa_base = c->has_isa_extensions = true;
	snprintf(c->isa_base, 8, "rv64i");
	c = add(6, "");
	c->has_isa_base = c->has_isa_extensions = c->isa_extensions_ima = true;
	snprintf(c->isa_base, 8, "RV64I");
	add(7, "");
	vml_riscv_possible_cpus(&board, 64, 0, &cpus, &lo);
	check_ids(3, 3, ids);
	CHECK_EQ_INT(cpus.board_cpu[1], 6);
	CHECK_EQ_INT(cpus.board_cpu[2], 7);
	check_msgs(4, msgs);
}

/* NR_CPUS 2 with three harts: "Invalid cpuid [2] for hartid [2]"; nr_cpus=2
 * with NR_CPUS 64: cpuid reaches 3, "Total number of cpus [3] is greater
 * than nr_cpus option value [2]". */
static void test_riscv_limits(void)
{
	static const unsigned int ids[] = {0, 1};
	static const char *const nr[] = {"Invalid cpuid [2] for hartid [2]"};
	static const char *const arg[] = {
	    "Total number of cpus [3] is greater than nr_cpus option value [2]"};

	reset();
	for (unsigned int i = 0; i < 3; i++)
		add(i, "");
	vml_riscv_possible_cpus(&board, 2, 0, &cpus, &lo);
	check_ids(2, 2, ids);
	check_msgs(1, nr);
	vml_layout_init(&lo);
	vml_riscv_possible_cpus(&board, 64, 2, &cpus, &lo);
	check_ids(2, 2, ids);
	check_msgs(1, arg);
}

/* arm: two cpus; six with NR_CPUS 4: the fifth makes cpuidx 5 > 4, "DT
 * /cpu 5 nodes greater than max cores 4, capping them", ids 0..3. */
static void test_arm_cpu_maps(void)
{
	static const unsigned int ids[] = {0, 1, 2, 3};
	static const char *const cap[] = {"DT /cpu 5 nodes greater than max cores 4, capping them"};

	reset();
	add(0x100, "");
	add(0x101, "");
	vml_arm_possible_cpus(&board, 4, 0, &cpus, &lo);
	check_ids(2, 2, ids);
	for (unsigned int i = 2; i < 6; i++)
		add(0x100 + i, "");
	vml_arm_possible_cpus(&board, 4, 0, &cpus, &lo);
	check_ids(4, 4, ids);
	check_msgs(1, cap);
}

/* A repeated reg, or a cpu without reg, ends the walk without a map: the
 * boot cpu alone. */
static void test_arm_no_map(void)
{
	static const unsigned int ids[] = {0};
	static const char *const dup[] = {"Duplicate /cpu reg properties in the DT"};

	reset();
	add(0, "");
	add(1, "");
	add(1, "");
	vml_arm_possible_cpus(&board, 8, 0, &cpus, &lo);
	check_ids(1, 1, ids);
	check_msgs(1, dup);
	reset();
	add(0, "");
	add(1, "")->has_hwid = false;
	vml_arm_possible_cpus(&board, 8, 0, &cpus, &lo);
	check_ids(1, 1, ids);
	check_msgs(0, NULL);
}

int main(void)
{
	RUN_TEST(test_arm64_four_psci_cpus);
	RUN_TEST(test_arm64_nr_cpus_and_nr_cpus_arg);
	RUN_TEST(test_arm64_enable_methods_and_bad_hwid);
	RUN_TEST(test_arm64_duplicates_and_no_cpus);
	RUN_TEST(test_riscv_which_harts_count);
	RUN_TEST(test_riscv_limits);
	RUN_TEST(test_arm_cpu_maps);
	RUN_TEST(test_arm_no_map);
	return CHECK_DONE("test_possible_cpus");
}
