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
	struct vml_pcpu_cpus cpus;
	struct vml_board none;

	if (!st->prof->first_chunk || !cfg->image.known || !cfg->image.per_cpu_known) {
		vml_pcpu_note_not_modelled(st->lo, st->prof->first_chunk ? NULL : st->prof->name);
		return VML_OK;
	}
	if (!st->board)
		vml_board_init(&none);
	vml_pcpu_rules_init(&r, st->prof->pcpu_version, cfg, 8, 64, st->phys_ram_base, cfg->numa);
	r.static_size = cfg->image.per_cpu_size;
	vml_riscv_possible_cpus(st->board ? st->board : &none, nr_cpus, cfg->nr_cpus_arg, &cpus,
				st->lo);
	vml_pcpu_cpus_nodes(&cpus, st->lo);
	return vml_pcpu_embed_first_chunk(st->mb, &r, &cpus, st->lo, st->diag);
}
