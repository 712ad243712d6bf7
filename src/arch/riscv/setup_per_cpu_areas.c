/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64's per-CPU first chunk
 *
 * start_kernel() -> setup_per_cpu_areas() after setup_arch() (init/main.c
 * v6.12): drivers/base/arch_numa.c's with CONFIG_NUMA, mm/percpu.c's
 * generic one without (include/vmlayout/percpu.h). __pa(MAX_DMA_ADDRESS)
 * is __pa(PAGE_OFFSET) (asm-generic/dma.h) = phys_ram_base, where the
 * Debian boots ask from ("from=0x0000000080000000"). SMP_CACHE_BYTES is
 * L1_CACHE_BYTES, 64 (asm/cache.h). Modelled when the System.map gives
 * __per_cpu_start and __per_cpu_end; not on the 5.10 profile.
 */
#include "arch/riscv/layout_policy.h"

int vml_riscv_setup_per_cpu_areas(struct riscv_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	unsigned int nr_cpus = cfg->nr_cpus ? cfg->nr_cpus : st->prof->nr_cpus_default;
	struct vml_pcpu_rules r;

	vml_pcpu_rules_init(&r, st->prof->pcpu_version, cfg, 8, 64, st->phys_ram_base, cfg->numa);
	return vml_pcpu_setup_per_cpu_areas(st->mb, cfg, st->board, &r,
					    st->prof->first_chunk ? NULL : st->prof->name, nr_cpus,
					    vml_riscv_possible_cpus, st->lo, st->diag);
}
