/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64's possible cpus from the device tree
 *
 * arch/riscv/kernel/smpboot.c setup_smp() and of_parse_and_init_cpus(),
 * cpu.c riscv_early_of_processor_hartid() (v6.12), over
 * for_each_of_cpu_node(). A cpu node counts when it is compatible with
 * "riscv", has a hart id ("reg"), is available (status absent, "okay" or
 * "ok") and either has "riscv,isa-base" starting "rv64i" and
 * "riscv,isa-extensions" listing i, m and a, or, without isa-base, a
 * "riscv,isa" starting "rv64ima" (the fallback CONFIG_RISCV_ISA_FALLBACK
 * allows, y by default and in Debian). The boot hart is cpu 0; the others
 * take ids 1, 2, ... in DT order below NR_CPUS ("Invalid cpuid [N] for
 * hartid [H]" past it); the ids below nr_cpu_ids (NR_CPUS or nr_cpus=;
 * "Total number of cpus [N] is greater than nr_cpus option value [M]") are
 * possible. vmlayout cannot know which hart SBI booted: it takes the first
 * cpu that counts (any choice gives the same count; the nodes' order may
 * differ). A DT with cpus but none that counts stops the kernel at
 * BUG_ON(!found_boot_cpu): vmlayout says so and keeps cpu 0.
 */
#include "arch/riscv/layout_policy.h"

static bool isa_prefix(const char *isa, const char *want)
{
	for (; *want; isa++, want++)
		if (!*isa || (*isa | 0x20) != *want)
			return false;
	return true;
}

/* riscv_early_of_processor_hartid() v6.12 (64-bit), with its messages */
static bool hart_counts(const struct vml_board_cpu *cpu, struct vml_layout *lo)
{
	if (!cpu->riscv_compatible) {
		vml_layout_kmsg(lo, "Found incompatible CPU\n", 0, 0, 0, 0);
		return false;
	}
	if (!cpu->has_hwid || cpu->hwid == ~0ULL) {
		vml_layout_kmsg(lo, "Found CPU without hart ID\n", 0, 0, 0, 0);
		return false;
	}
	if (!cpu->available)
		return false;
	if (cpu->has_isa_base) {
		if (!isa_prefix(cpu->isa_base, "rv64i")) {
			vml_layout_kmsg(lo, "CPU with hartid=%llu does not support rv64i\n",
					cpu->hwid, 0, 0, 0);
			return false;
		}
		if (cpu->has_isa_extensions && !cpu->isa_extensions_ima)
			vml_layout_kmsg(lo, "CPU with hartid=%llu does not support ima\n",
					cpu->hwid, 0, 0, 0);
		return cpu->isa_extensions_ima;
	}
	if (!cpu->has_isa) {
		vml_layout_kmsg(lo,
				"CPU with hartid=%llu has no \"riscv,isa-base\" or \"riscv,isa\" "
				"property\n",
				cpu->hwid, 0, 0, 0);
		return false;
	}
	if (!isa_prefix(cpu->isa, "rv64ima")) {
		vml_layout_kmsg(lo, "CPU with hartid=%llu does not support rv64ima\n", cpu->hwid, 0,
				0, 0);
		return false;
	}
	return true;
}

void vml_riscv_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			     unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			     struct vml_layout *lo)
{
	unsigned int nr_cpu_ids = nr_cpus_arg && nr_cpus_arg < nr_cpus ? nr_cpus_arg : nr_cpus;
	unsigned int cpuid = 1;
	bool boot_found = false;

	out->n = 1;
	out->id[0] = 0;
	out->board_cpu[0] = -1;
	out->nr_cpu_ids = 1;
	for (unsigned int i = 0; i < board->n_cpus; i++) {
		const struct vml_board_cpu *cpu = &board->cpus[i];

		if (!hart_counts(cpu, lo))
			continue;
		if (!boot_found) {
			boot_found = true;
			out->board_cpu[0] = (int)i;
			continue;
		}
		if (cpuid >= nr_cpus) {
			vml_layout_kmsg(lo, "Invalid cpuid [%llu] for hartid [%llu]\n", cpuid,
					cpu->hwid, 0, 0);
			continue;
		}
		if (cpuid < nr_cpu_ids && out->n < VML_PCPU_MAX_CPUS) {
			out->id[out->n] = (uint16_t)cpuid;
			out->board_cpu[out->n++] = (int)i;
			out->nr_cpu_ids = cpuid + 1;
		}
		cpuid++;
	}
	if (board->n_cpus && !boot_found)
		vml_layout_kmsg(lo,
				"vmlayout: no cpu node the kernel accepts: it stops at "
				"BUG_ON(!found_boot_cpu) in of_parse_and_init_cpus()\n",
				0, 0, 0, 0);
	if (cpuid > nr_cpu_ids)
		vml_layout_kmsg(
		    lo, "Total number of cpus [%llu] is greater than nr_cpus option value [%llu]\n",
		    cpuid, nr_cpu_ids, 0, 0);
}
