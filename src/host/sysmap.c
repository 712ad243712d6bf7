/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel image's section boundaries from System.map or kallsyms
 *
 * Both files are "ADDRESS TYPE NAME" lines (scripts/mksysmap writes
 * System.map from `nm -n`; /proc/kallsyms adds "\t[module]" for module
 * symbols). The symbols are the linker-script markers that the kernel's
 * own accounting uses (include/asm-generic/sections.h, the arch's
 * vmlinux.lds.S). Their order differs between arches (riscv places
 * __init_begin before _stext), so only what holds everywhere is checked:
 * each pair is ordered and every symbol lies in [_text, _end].
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host_file.h"
#include "vmlayout/host_input.h"

#define SYSMAP_N 20

/* The last eight are optional: riscv64's _data (after .srodata, so not
 * always ALIGN(__end_rodata, 2M)) and __init_data_begin, from
 * arch/riscv/kernel/vmlinux.lds.S (v6.12); contig_page_data, the FLATMEM
 * pg_data_t whose address v3.4's free_area_init_node() prints; arm64's
 * KPTI trampoline text (arch/arm64/kernel/vmlinux.lds.S TRAMP_TEXT);
 * __per_cpu_start and __per_cpu_end, whose difference is the per-CPU
 * first chunk's static size (mm/percpu.c pcpu_build_alloc_info());
 * arm64's __inittext_end, where v6.1's map_kernel() splits init text from
 * init data (a data symbol: in the -dbg package's System.map, not in
 * /proc/kallsyms without CONFIG_KALLSYMS_ALL). */
static const char *const sysmap_names[SYSMAP_N] = {
    "_text",
    "_stext",
    "_etext",
    "__start_rodata",
    "__end_rodata",
    "__init_begin",
    "__init_end",
    "_sdata",
    "_edata",
    "__bss_start",
    "__bss_stop",
    "_end",
    "_data",
    "__init_data_begin",
    "contig_page_data",
    "__entry_tramp_text_start",
    "__entry_tramp_text_end",
    "__per_cpu_start",
    "__per_cpu_end",
    "__inittext_end",
};

enum {
	S_TEXT,
	S_STEXT,
	S_ETEXT,
	S_SRO,
	S_ERO,
	S_SINIT,
	S_EINIT,
	S_SDATA,
	S_EDATA,
	S_SBSS,
	S_EBSS,
	S_END,
	S_DATA,
	S_INIT_DATA,
	S_CONTIG_PAGE_DATA,
	S_TRAMP_START,
	S_TRAMP_END,
	S_PCPU_START,
	S_PCPU_END,
	S_INITTEXT_END
};

struct sysmap_found {
	uint64_t addr[SYSMAP_N];
	bool seen[SYSMAP_N];
};

/*
 * Debian's linux-image packages ship a one-line stand-in for System.map:
 * "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg
 * package". Recognised so the user is told where the real symbols are.
 */
static bool sysmap_is_debian_placeholder(const char *line)
{
	return strstr(line, "The real System.map is in the") != NULL;
}

/* One line; returns 0 or VML_EINVAL (@msg says why). */
static int sysmap_line(char *line, struct sysmap_found *f, const char **msg)
{
	char *save = NULL, *end;
	char *addr = strtok_r(line, " \t\r\n", &save);
	char *type = strtok_r(NULL, " \t\r\n", &save);
	char *name = strtok_r(NULL, " \t\r\n", &save);
	char *module = strtok_r(NULL, " \t\r\n", &save);
	uint64_t a;

	if (!addr)
		return VML_OK; /* blank line */
	if (!type || !name || strlen(type) != 1 || strtok_r(NULL, " \t\r\n", &save)) {
		*msg = "not an \"ADDRESS TYPE NAME\" line";
		return VML_EINVAL;
	}
	errno = 0;
	a = strtoull(addr, &end, 16);
	if (*end || errno || strlen(addr) > 16) {
		*msg = "the address is not a hex number of at most 64 bits";
		return VML_EINVAL;
	}
	if (module)
		return module[0] == '[' ? VML_OK
					: (*msg = "the 4th column is not a [module]", VML_EINVAL);
	for (int i = 0; i < SYSMAP_N; i++)
		if (!f->seen[i] && !strcmp(name, sysmap_names[i])) {
			f->seen[i] = true;
			f->addr[i] = a;
		}
	return VML_OK;
}

/* Pairs that must be ordered (start <= end) when both are present. */
static const int sysmap_pairs[][2] = {
    {S_STEXT, S_ETEXT},
    {S_SRO, S_ERO},
    {S_SINIT, S_EINIT},
    {S_SDATA, S_EDATA},
    {S_SBSS, S_EBSS},
    {S_EBSS, S_END},
    {S_TRAMP_START, S_TRAMP_END},
    {S_PCPU_START, S_PCPU_END},
    {S_SINIT, S_INITTEXT_END},
    {S_INITTEXT_END, S_EINIT},
};

static int sysmap_check(const char *path, const struct sysmap_found *f, struct vml_host_error *err)
{
	static const int mandatory[] = {S_TEXT, S_END};

	for (size_t m = 0; m < VML_ARRAY_SIZE(mandatory); m++) {
		int i = mandatory[m];

		if (!f->seen[i])
			return vml_host_error_set(err, VML_EINVAL,
						  "%s: no %s symbol (vmlayout needs "
						  "_text and _end)",
						  path, sysmap_names[i]);
	}
	const uint64_t *a = f->addr;
	if (a[S_TEXT] == 0 && a[S_END] == 0)
		return vml_host_error_set(err, VML_EINVAL,
					  "%s: every address is 0 (a /proc/kallsyms read without "
					  "privilege: read it as root or with kptr_restrict=0)",
					  path);
	if (a[S_END] <= a[S_TEXT])
		return vml_host_error_set(err, VML_EINVAL,
					  "%s: _end 0x%" PRIx64 " is not above "
					  "_text 0x%" PRIx64,
					  path, a[S_END], a[S_TEXT]);
	for (int i = 0; i < SYSMAP_N; i++)
		if (f->seen[i] && (a[i] < a[S_TEXT] || a[i] > a[S_END]))
			return vml_host_error_set(err, VML_EINVAL,
						  "%s: %s 0x%" PRIx64 " lies "
						  "outside [_text, _end]",
						  path, sysmap_names[i], a[i]);
	for (size_t i = 0; i < VML_ARRAY_SIZE(sysmap_pairs); i++) {
		int s = sysmap_pairs[i][0], e = sysmap_pairs[i][1];

		if (f->seen[s] && f->seen[e] && a[s] > a[e])
			return vml_host_error_set(err, VML_EINVAL,
						  "%s: %s 0x%" PRIx64 " is above "
						  "%s 0x%" PRIx64,
						  path, sysmap_names[s], a[s], sysmap_names[e],
						  a[e]);
	}
	return VML_OK;
}

static void sysmap_fill(const struct sysmap_found *f, struct vml_kernel_image *im)
{
	const uint64_t *a = f->addr;

	memset(im, 0, sizeof(*im));
	im->known = true;
	im->text = a[S_TEXT];
	im->stext = a[S_STEXT];
	im->etext = a[S_ETEXT];
	im->start_rodata = a[S_SRO];
	im->end_rodata = a[S_ERO];
	im->init_begin = a[S_SINIT];
	im->init_end = a[S_EINIT];
	im->sdata = a[S_SDATA];
	im->edata = a[S_EDATA];
	im->bss_start = a[S_SBSS];
	im->bss_stop = a[S_EBSS];
	im->end = a[S_END];
	im->data = a[S_DATA];
	im->init_data_begin = a[S_INIT_DATA];
	im->contig_page_data = a[S_CONTIG_PAGE_DATA];
	im->entry_tramp_text_start = a[S_TRAMP_START];
	im->entry_tramp_text_end = a[S_TRAMP_END];
	im->inittext_end = a[S_INITTEXT_END];
	if (f->seen[S_PCPU_START] && f->seen[S_PCPU_END]) {
		im->per_cpu_known = true;
		im->per_cpu_size = a[S_PCPU_END] - a[S_PCPU_START];
	}
}

int vml_sysmap_load(const char *path, struct vml_kernel_image *image, struct vml_host_error *err)
{
	struct sysmap_found found = {0};
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	const char *msg = NULL;
	int rc = VML_OK;
	FILE *f = vml_host_fopen(path, "r");

	path = vml_host_file_name(path);
	if (!f)
		return vml_host_error_set(err, VML_ENOENT, "%s: cannot open: %s", path,
					  strerror(errno));
	while (rc == VML_OK && getline(&line, &cap, f) >= 0) {
		lineno++;
		if (sysmap_is_debian_placeholder(line)) {
			free(line);
			vml_host_fclose(f);
			return vml_host_error_set(
			    err, VML_EINVAL,
			    "%s: this is Debian's placeholder, not a System.map: the symbols "
			    "are in the linux-image-<version>-dbg package "
			    "(/usr/lib/debug/boot/System.map-<version>), in /proc/kallsyms "
			    "on the device (read as root), or give --kernel-image SIZE@PHYS",
			    path);
		}
		rc = sysmap_line(line, &found, &msg);
	}
	free(line);
	vml_host_fclose(f);
	if (rc)
		return vml_host_error_set(err, rc, "%s:%u: %s", path, lineno, msg);
	rc = sysmap_check(path, &found, err);
	if (!rc)
		sysmap_fill(&found, image);
	return rc;
}
