/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit arm's possible cpus from the device tree
 *
 * arch/arm/kernel/devtree.c arm_dt_init_cpu_maps() (v6.1), over
 * for_each_of_cpu_node(): each cpu's hwid is "reg" (u32; none: ~0). One
 * with bits outside MPIDR_HWID_BITMASK (0xffffff), or one that repeats an
 * earlier hwid (WARN "Duplicate /cpu reg properties in the DT"), ends the
 * walk with no map: cpu 0 alone. The boot cpu's MPIDR gets id 0, the
 * others 1, 2, ... in DT order; past nr_cpu_ids (NR_CPUS or nr_cpus=) the
 * walk stops (WARN "DT /cpu N nodes greater than max cores M, capping
 * them"). Without the boot cpu: "DT missing boot CPU MPIDR[23:0], fall back
 * to default cpu_logical_map" and cpu 0 alone. Else ids 0 .. N-1 are
 * possible (the psci and machine smp_operations of a DT board set no
 * other). vmlayout cannot read the boot cpu's MPIDR: it takes the first
 * cpu node's hwid.
 */
#include "arch/arm/arm_policy.h"

#define ARM_MPIDR_HWID_BITMASK 0xffffffULL

void vml_arm_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			   unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			   struct vml_layout *lo)
{
	unsigned int nr_cpu_ids = nr_cpus_arg && nr_cpus_arg < nr_cpus ? nr_cpus_arg : nr_cpus;
	uint32_t hwid[VML_BOARD_MAX_CPUS], mpidr = 0;
	int board_cpu[VML_BOARD_MAX_CPUS];
	unsigned int cpuidx = 1;
	bool boot_valid = false;

	out->n = 1;
	out->id[0] = 0;
	out->board_cpu[0] = -1;
	out->nr_cpu_ids = 1;
	for (unsigned int i = 0; i < board->n_cpus && cpuidx <= VML_BOARD_MAX_CPUS; i++) {
		const struct vml_board_cpu *cpu = &board->cpus[i];
		uint32_t h = cpu->has_hwid ? (uint32_t)cpu->hwid : 0xffffffffu;
		unsigned int at;

		if (h & ~ARM_MPIDR_HWID_BITMASK)
			return;
		if (!i)
			mpidr = h;
		for (unsigned int j = 0; j < cpuidx; j++)
			if ((j || boot_valid) && hwid[j] == h) {
				vml_layout_kmsg(lo, "Duplicate /cpu reg properties in the DT\n", 0,
						0, 0, 0);
				return;
			}
		at = h == mpidr ? 0 : cpuidx++;
		if (cpuidx > nr_cpu_ids) {
			vml_layout_kmsg(lo,
					"DT /cpu %llu nodes greater than max cores %llu, capping "
					"them\n",
					cpuidx, nr_cpu_ids, 0, 0);
			cpuidx = nr_cpu_ids;
			break;
		}
		boot_valid = boot_valid || !at;
		hwid[at] = h;
		board_cpu[at] = (int)i;
	}
	if (!board->n_cpus)
		return;
	if (!boot_valid) {
		vml_layout_kmsg(lo,
				"DT missing boot CPU MPIDR[23:0], fall back to default "
				"cpu_logical_map\n",
				0, 0, 0, 0);
		return;
	}
	out->board_cpu[0] = board_cpu[0];
	for (unsigned int id = 1; id < cpuidx && out->n < VML_PCPU_MAX_CPUS; id++) {
		out->id[out->n] = (uint16_t)id;
		out->board_cpu[out->n++] = board_cpu[id];
	}
	out->nr_cpu_ids = out->n;
}
