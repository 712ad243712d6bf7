/* SPDX-License-Identifier: MIT */
/*
 * DOC: vmlayout's default kernel configuration per arch
 *
 * What vmlayout assumes when the user gives no .config: the common
 * distribution/defconfig choices, documented in config.h. A .config or
 * --set replaces them (src/host/kconfig.c).
 */
#include "vmlayout/config.h"

static void config_init_arm(struct vml_kernel_config *cfg)
{
	cfg->highmem = true;
	cfg->arm_patch_phys_virt = true;
	cfg->vmsplit = 3; /* VMSPLIT_3G, the Kconfig default of the "Memory split" choice */
	cfg->page_offset_set = false;
	cfg->text_offset = 0x8000; /* textofs-y, arch/arm/Makefile */
}

static void config_init_arm64(struct vml_kernel_config *cfg)
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
}

static void config_init_riscv64(struct vml_kernel_config *cfg)
{
	/* sv39: the mode a CPU is taken to reach when neither cpu_va_bits nor
	 * the DT mmu-type says (docs/riscv64.md) */
	cfg->va_bits = 39;
	cfg->zone_dma32 = true;	       /* arch/riscv/Kconfig: ZONE_DMA32 on 64-bit */
	cfg->memmodel = VML_SPARSEMEM; /* as arch/riscv/configs/defconfig builds */
	cfg->sparsemem_vmemmap = true;
}

void vml_kernel_config_init(struct vml_kernel_config *cfg, enum vml_arch arch)
{
	vml_zero(cfg, sizeof(*cfg));
	cfg->arch = arch;
	if (arch == VML_ARCH_NONE)
		return;
	cfg->modules = true;
	cfg->page_size = VML_SZ_4K;
	cfg->memmodel = VML_FLATMEM;
	cfg->cma = false;
	switch (arch) {
	case VML_ARCH_ARM:
		config_init_arm(cfg);
		break;
	case VML_ARCH_ARM64:
		config_init_arm64(cfg);
		break;
	case VML_ARCH_RISCV64:
		config_init_riscv64(cfg);
		break;
	case VML_ARCH_NONE:
		break;
	}
}
