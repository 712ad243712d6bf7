/* SPDX-License-Identifier: MIT */
/*
 * DOC: vmlayout's default kernel configuration per arch
 *
 * What vmlayout assumes when the user gives no .config: the common
 * distribution/defconfig choices, documented in config.h; each arch's own
 * defaults come from its descriptor (include/vmlayout/arch.h). A .config
 * or --set replaces them (src/host/kconfig.c).
 */
#include "vmlayout/arch.h"
#include "vmlayout/layout_policy.h"

void vml_kernel_config_init(struct vml_kernel_config *cfg, enum vml_arch arch)
{
	const struct vml_arch_desc *desc = vml_arch_find(arch);

	vml_zero(cfg, sizeof(*cfg));
	cfg->arch = arch;
	if (!desc)
		return;
	cfg->modules = true;
	cfg->page_size = VML_SZ_4K;
	cfg->memmodel = VML_FLATMEM;
	cfg->cma = false;
	cfg->kexec_core = cfg->crash_reserve = cfg->kexec = true;
	cfg->of = cfg->of_kobj = true;
	desc->config_defaults(cfg); /* src/arch/<arch>/<arch>_arch.c */
}

int vml_kernel_config_init_profile(struct vml_kernel_config *cfg, enum vml_arch arch,
				   const char *version)
{
	size_t n = 0;

	vml_kernel_config_init(cfg, arch);
	if (!version || !vml_layout_policy_find(arch, version))
		return VML_ENOTSUP;
	while (version[n] && n + 1 < sizeof(cfg->profile))
		n++;
	if (version[n])
		return VML_ENOTSUP;
	vml_copy(cfg->profile, version, n + 1);
	return VML_OK;
}
