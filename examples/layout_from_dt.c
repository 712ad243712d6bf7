/* SPDX-License-Identifier: MIT */
/*
 * The kernel's virtual memory layout of a board, from its device tree, as a
 * program linked with libvmlayout (pkg-config --cflags --libs vmlayout):
 *
 *   layout_from_dt BOARD.dts|BOARD.dtb [ARCH [KERNEL]]
 *
 * prints the boot-log layout and MemTotal for ARCH (arm, arm64, riscv64;
 * default arm) and KERNEL (a version; default the arch's newest profile).
 */
#include <stdio.h>
#include <stdlib.h>

#include <vmlayout/arch.h>
#include <vmlayout/host_input.h>
#include <vmlayout/layout.h>
#include <vmlayout/layout_policy.h>
#include <vmlayout/report.h>

static struct vml_memblock_region memory[VML_MEMBLOCK_REGIONS_MIN];
static struct vml_memblock_region reserved[VML_MEMBLOCK_REGIONS_MIN];

int main(int argc, char **argv)
{
	static struct vml_board board;
	static struct vml_layout layout;
	struct vml_kernel_config cfg;
	struct vml_host_error err = {{0}};
	struct vml_diag diag = {0};
	struct vml_memblock mb;
	const struct vml_arch_desc *arch = vml_arch_find_name(argc > 2 ? argv[2] : "arm");
	const char *kernel = argc > 3 ? argv[3] : NULL;

	if (argc < 2 || !arch) {
		fprintf(stderr, "usage: %s BOARD.dts|BOARD.dtb [arm|arm64|riscv64 [KERNEL]]\n",
			argv[0]);
		return 2;
	}
	if (!kernel) { /* the newest profile of the arch */
		for (const struct vml_layout_policy *const *p = arch->policies; *p; p++)
			kernel = (*p)->profile;
	}
	if (vml_dt_load_file(argv[1], &board, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	if (vml_kernel_config_init_profile(&cfg, arch->id, kernel)) {
		fprintf(stderr, "no %s profile answers to kernel %s\n", arch->name, kernel);
		return 2;
	}
	/* the kernel command line the DT carries (/chosen/bootargs: vmalloc=, mem=) */
	if (vml_cmdline_parse(board.bootargs, &cfg, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	vml_memblock_init(&mb, memory, VML_MEMBLOCK_REGIONS_MIN, reserved, VML_MEMBLOCK_REGIONS_MIN,
			  ~0ULL, cfg.page_size);
	if (vml_layout_compute(&board, &cfg, &mb, &layout, &diag)) {
		fprintf(stderr, "%s: %s\n", argv[1], diag.rule ? diag.rule : "no layout");
		return 2;
	}
	vml_report_boot_log(stdout, &layout);
	printf("MemTotal: %llu kB\n", (unsigned long long)layout.mem_total_kb);
	return 0;
}
