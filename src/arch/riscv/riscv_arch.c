/* SPDX-License-Identifier: MIT */
/* riscv64: its profiles, its table formats, its configuration defaults. */
#include "arch/riscv/riscv_arch.h"
#include "arch/riscv/layout_policy.h"
#include "vmlayout/arch.h"
#include "vmlayout/pgtable_format.h"

static const struct vml_layout_policy *const riscv64_policies[] = {
    &vml_riscv_policy_5_10,
    &vml_riscv_policy_6_12,
    &vml_riscv_policy_6_18,
    NULL,
};

static void riscv64_config_defaults(struct vml_kernel_config *cfg)
{
	/* sv39: the mode a CPU is taken to reach when neither cpu_va_bits nor
	 * the DT mmu-type says (docs/riscv64.md) */
	cfg->va_bits = 39;
	cfg->zone_dma32 = true;	       /* arch/riscv/Kconfig: ZONE_DMA32 on 64-bit */
	cfg->memmodel = VML_SPARSEMEM; /* as arch/riscv/configs/defconfig builds */
	cfg->sparsemem_vmemmap = true;
	cfg->nodes_shift = 2; /* arch/riscv/Kconfig NODES_SHIFT default (defconfig: no NUMA) */
}

const struct vml_arch_desc vml_arch_riscv64 = {
    .id = VML_ARCH_RISCV64,
    .name = "riscv64",
    .policies = riscv64_policies,
    .pt_family = &vml_pt_family_riscv64,
    .config_defaults = riscv64_config_defaults,
    .ptdump = &vml_riscv64_ptdump,
    .boot_tables = &vml_riscv64_boot_tables_ops,
    /* arch/riscv/include/uapi/asm/setup.h (v5.10, v6.1, v6.12) */
    .command_line_size = 1024,
};
