/* SPDX-License-Identifier: MIT */
/* arm64: its profiles, its table formats, its configuration defaults. */
#include "arch/arm64/arm64_arch.h"
#include "arch/arm64/layout_arm64.h"
#include "arch/arm64/layout_v3_18.h"
#include "vmlayout/arch.h"
#include "vmlayout/pgtable_format.h"

static const struct vml_layout_policy *const arm64_policies[] = {
    &vml_arm64_policy_3_18,
    &vml_arm64_policy_6_1,
    &vml_arm64_policy_6_12,
    &vml_arm64_policy_6_18,
    NULL,
};

static void arm64_config_defaults(struct vml_kernel_config *cfg)
{
	cfg->va_bits = 48;
	cfg->pa_bits = 48;
	cfg->memmodel = VML_SPARSEMEM; /* as arch/arm64/configs/defconfig builds */
	cfg->sparsemem_vmemmap = true;
	/* arch/arm64/Kconfig: ZONE_DMA and ZONE_DMA32 default y; defconfig has
	 * RANDOMIZE_BASE=y (the image moves only with a seed: kaslr_seed) */
	cfg->zone_dma = true;
	cfg->zone_dma32 = true;
	cfg->randomize_base = true;
	cfg->cma = true; /* arch/arm64/configs/defconfig: CMA_SIZE_MBYTES=32 */
	cfg->cma_size_mbytes = 32;
	cfg->numa = true; /* defconfig: NUMA=y; Kconfig: NODES_SHIFT 4 */
	/* defconfig: ACPI_APEI_GHES=y, no ARM_SDE_INTERFACE; Kconfig:
	 * UNMAP_KERNEL_AT_EL0 and RELOCATABLE default y */
	cfg->acpi_apei_ghes = true;
	cfg->unmap_kernel_at_el0 = true;
	cfg->relocatable = true;
	cfg->kvm = true; /* defconfig: KVM=y */
	cfg->nodes_shift = 4;
}

const struct vml_arch_desc vml_arch_arm64 = {
    .id = VML_ARCH_ARM64,
    .name = "arm64",
    .policies = arm64_policies,
    .pt_family = &vml_pt_family_arm64,
    .config_defaults = arm64_config_defaults,
    .ptdump = &vml_arm64_ptdump,
    .boot_tables = &vml_arm64_boot_tables_ops,
    /* arch/arm64/include/uapi/asm/setup.h (v6.1, v6.12) */
    .command_line_size = 2048,
};
