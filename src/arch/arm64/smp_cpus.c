/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's possible cpus from the device tree
 *
 * arch/arm64/kernel/smp.c smp_init_cpus() and of_parse_and_init_cpus(),
 * cpu_ops.c init_cpu_ops(), psci.c and smp_spin_table.c cpu_init (v6.1,
 * v6.12), in DT order over for_each_of_cpu_node():
 *   - a cpu whose hwid ("reg") has bits outside MPIDR_HWID_BITMASK
 *     (0xff00ffffff), or none, is skipped but takes a logical id;
 *   - a hwid a lower logical id already has: "duplicate cpu reg properties
 *     in the DT", skipped, takes an id;
 *   - the boot cpu's hwid: logical id 0, no id taken. vmlayout cannot read
 *     the boot cpu's MPIDR: it takes the first cpu with a valid hwid (QEMU's
 *     virt and most boards boot on their first cpu);
 *   - any other: the next id, unless that is NR_CPUS or more;
 *   - then smp_init_cpus(): "Number of cores (N) exceeds configured maximum
 *     of M - clipping" when more ids were taken than nr_cpu_ids (NR_CPUS,
 *     or a lower nr_cpus=); no boot cpu: "missing boot CPU MPIDR, not
 *     enabling secondaries" and cpu 0 alone; else each id below nr_cpu_ids
 *     is possible when its "enable-method" is "psci" (cpu_psci_cpu_init()
 *     always succeeds) or "spin-table" with a 64-bit "cpu-release-addr".
 */
#include "arch/arm64/layout_arm64.h"

#define MPIDR_HWID_BITMASK 0xff00ffffffULL

struct logical_map {
	unsigned int count; /* cpu_count: the next logical id */
	int board_cpu[VML_BOARD_MAX_CPUS + 1];
	uint64_t hwid[VML_BOARD_MAX_CPUS + 1];
};

static bool duplicate(const struct logical_map *m, uint64_t hwid)
{
	for (unsigned int i = 1; i < m->count && i < VML_BOARD_MAX_CPUS + 1; i++)
		if (m->board_cpu[i] >= 0 && m->hwid[i] == hwid)
			return true;
	return false;
}

/* of_parse_and_init_cpus(); returns whether the boot cpu was found */
static bool parse_cpus(const struct vml_board *b, unsigned int nr_cpus, struct logical_map *m,
		       struct vml_layout *lo)
{
	bool boot_known = false, boot_valid = false;
	uint64_t boot = 0;

	m->count = 1;
	for (unsigned int i = 0; i < VML_BOARD_MAX_CPUS + 1; i++)
		m->board_cpu[i] = -1;
	for (unsigned int i = 0; i < b->n_cpus; i++) {
		const struct vml_board_cpu *cpu = &b->cpus[i];
		uint64_t hwid = cpu->has_hwid ? cpu->hwid : ~0ULL;

		if (hwid & ~MPIDR_HWID_BITMASK) {
			m->count++;
			continue;
		}
		if (!boot_known) {
			boot = hwid;
			boot_known = true;
		}
		if (duplicate(m, hwid)) {
			vml_layout_kmsg_name(lo, "%s: duplicate cpu reg properties in the DT\n",
					     cpu->path, 0, 0);
		} else if (hwid == boot) {
			if (!boot_valid) {
				boot_valid = true;
				m->board_cpu[0] = (int)i;
				continue;
			}
			vml_layout_kmsg_name(lo, "%s: duplicate boot cpu reg property in DT\n",
					     cpu->path, 0, 0);
		} else if (m->count < nr_cpus && m->count <= VML_BOARD_MAX_CPUS) {
			m->board_cpu[m->count] = (int)i;
			m->hwid[m->count] = hwid;
		}
		m->count++;
	}
	return boot_valid;
}

/* smp_cpu_setup(): init_cpu_ops() and the ops' cpu_init() */
static bool cpu_setup(const struct vml_board_cpu *cpu, unsigned int id, struct vml_layout *lo)
{
	if (!cpu->enable_method[0]) {
		vml_layout_kmsg_name(lo, "%s: missing enable-method property\n", cpu->path, 0, 0);
		return false;
	}
	if (vml_str_eq(cpu->enable_method, "psci"))
		return true;
	if (!vml_str_eq(cpu->enable_method, "spin-table")) {
		vml_layout_kmsg_name(lo, "Unsupported enable-method: %s\n", cpu->enable_method, 0,
				     0);
		return false;
	}
	if (!cpu->has_cpu_release_addr)
		vml_layout_kmsg(lo, "CPU %llu: missing or invalid cpu-release-addr property\n", id,
				0, 0, 0);
	return cpu->has_cpu_release_addr;
}

void vml_arm64_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			     unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			     struct vml_layout *lo)
{
	struct logical_map m;
	unsigned int nr_cpu_ids = nr_cpus_arg && nr_cpus_arg < nr_cpus ? nr_cpus_arg : nr_cpus;
	bool boot_valid = parse_cpus(board, nr_cpus, &m, lo);

	out->n = 1;
	out->id[0] = 0;
	out->board_cpu[0] = m.board_cpu[0];
	out->nr_cpu_ids = 1;
	if (!board->n_cpus)
		return; /* no DT cpus (a board from --mem): the boot cpu alone, silently */
	if (m.count > nr_cpu_ids)
		vml_layout_kmsg(
		    lo, "Number of cores (%llu) exceeds configured maximum of %llu - clipping\n",
		    m.count, nr_cpu_ids, 0, 0);
	if (!boot_valid) {
		vml_layout_kmsg(lo, "missing boot CPU MPIDR, not enabling secondaries\n", 0, 0, 0,
				0);
		return;
	}
	for (unsigned int id = 1; id < nr_cpu_ids && id < m.count && id <= VML_BOARD_MAX_CPUS;
	     id++) {
		int b = m.board_cpu[id];

		if (b < 0 || !cpu_setup(&board->cpus[b], id, lo) || out->n == VML_PCPU_MAX_CPUS)
			continue;
		out->id[out->n] = (uint16_t)id;
		out->board_cpu[out->n++] = b;
		out->nr_cpu_ids = id + 1;
	}
}
