/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel command line parameters vmlayout models
 *
 * Splitting follows parse_args() (kernel/params.c) and next_arg()
 * (lib/cmdline.c), v6.1: leading white space skipped, words split at white
 * space outside double quotes, the value after the first '=', one pair of
 * quotes stripped from a value (or from a whole quoted word), a bare "--"
 * ends what the kernel parses. The handlers follow the early_param()s:
 *   mem=      arch/arm/kernel/setup.c early_mem (size[@start], each one adds
 *             a bank after the first cleared them), arch/arm64/mm/init.c and
 *             arch/riscv/mm/init.c early_mem (a limit; the @start is ignored)
 *   vmalloc=  arch/arm/mm/mmu.c early_vmalloc (memparse; clamped by the arch)
 *   initrd=, initrdmem=  init/do_mounts_initrd.c early_initrdmem
 *             (start,size; ignored without the ",size")
 *   memblock= mm/memblock.c early_memblock ("debug" anywhere in the value)
 *   rodata=   every word kept as written: which values count (init/main.c
 *             set_debug_rodata(), arm64 asm/setup.h arch_parse_debug_rodata())
 *             depends on the arch and version (src/core/linear_map_params.c)
 *   debug_pagealloc=  mm/page_alloc.c early_debug_pagealloc (kstrtobool,
 *             with t/f as v6.1's lib/kstrtox.c; an invalid value changes
 *             nothing)
 *   numa=     drivers/base/arch_numa.c numa_parse_early_param ("off" as a
 *             prefix turns NUMA off: one node over all RAM)
 *   earlycon=NAME,OPTIONS  drivers/tty/serial/earlycon.c setup_earlycon()
 *             -> serial_core.c uart_parse_earlycon() (v6.1, v6.12): an
 *             "mmio,", "mmio16,", "mmio32,", "mmio32be," or "mmio32native,"
 *             prefix or a bare "0x" number is a memory-mapped UART at that
 *             address; the first such earlycon= counts (setup_earlycon()
 *             refuses a second one, -EALREADY)
 *   nr_cpus=  kernel/smp.c nrcpus (v6.1, v6.12): get_option()'s integer;
 *             one above 0 and below nr_cpu_ids lowers it (so the smallest
 *             counts)
 *   nokaslr   arch/riscv/kernel/pi/cmdline_early.c match_nokaslr() (v6.6+,
 *             v6.12): strstr() over the whole line, so "nokaslr=1" or
 *             "xnokaslr" count too (arm64 scans the raw line itself:
 *             src/arch/arm64/idreg_override.c)
 *   no4lvl, no5lvl  arch/riscv/kernel/pi/cmdline_early.c match_noXlvl
 *             (v6.4+): strstr() over the whole line, so they count anywhere
 *   crashkernel  the raw line is kept (boot_command_line): the arch policy
 *             runs parse_crashkernel() on it (include/vmlayout/crashkernel.h);
 *             the word itself is arm64 v6.1's early_param (crash_mem_map)
 *   cma=      kernel/dma/contiguous.c early_cma() (v6.1, v6.12): memparse()
 *             size, then "@base" and "-limit"; a later cma= keeps an
 *             earlier base and limit when it has no '@'; a bare "cma"
 *             (and "numa") is recorded for do_early_param()'s warning
 *   hugetlb_cma=  mm/hugetlb.c cmdline_parse_hugetlb_cma() (v6.1, v6.12):
 *             SIZE or N:SIZE[,N:SIZE...] (src/core/hugetlb_cma.c places it)
 * Parameters that shape memory but are not modelled (memmap=, hugepages=,
 * hugetlb_cma= where it is not placed, kasan=, swiotlb=,
 * kfence.sample_interval=, cma_pernuma=, movablecore=, kernelcore=,
 * memtest=) are recorded for a note.
 * We record; the arch policy applies (src/arch).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmlayout/arch.h"
#include "vmlayout/host_input.h"
#include "vmlayout/kernel_memparse.h"
#include "vmlayout/layout_policy.h"

struct cmdline_word {
	char *param;
	char *val; /* NULL when the word has no '=' */
};

static char *skip_space(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* Cut the next word out of @args (modified in place); returns the rest. */
static char *cmdline_next_word(char *args, struct cmdline_word *w)
{
	size_t i, equals = 0;
	bool in_quote = false, quoted = false;

	if (*args == '"') {
		args++;
		in_quote = quoted = true;
	}
	for (i = 0; args[i]; i++) {
		if (isspace((unsigned char)args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i; /* as the kernel: an '=' at index 0 does not count */
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	w->param = args;
	w->val = NULL;
	if (equals) {
		args[equals] = '\0';
		w->val = args + equals + 1;
		if (*w->val == '"') {
			w->val++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i]) {
		args[i] = '\0';
		return skip_space(args + i + 1);
	}
	return args + i;
}

/* A memparse number where the kernel reads one; the sentence names the word. */
static int cmdline_number(const struct cmdline_word *w, const char *what, const char *s,
			  uint64_t *v, const char **end, struct vml_host_error *err)
{
	int rc = vml_memparse(s, v, end);

	if (rc == VML_ERANGE)
		return vml_host_error_set(err, rc,
					  "kernel command line: %s=%s: the %s does not "
					  "fit in 64 bits",
					  w->param, w->val, what);
	if (rc)
		return vml_host_error_set(err, rc,
					  "kernel command line: %s=%s: the %s is not a number (the "
					  "kernel's memparse wants e.g. 512M, 0x80000000)",
					  w->param, w->val, what);
	return VML_OK;
}

static int cmdline_need_value(const struct cmdline_word *w, struct vml_host_error *err)
{
	if (w->val && *w->val)
		return VML_OK;
	return vml_host_error_set(err, VML_EINVAL,
				  "kernel command line: %s needs a value (%s=SIZE...)", w->param,
				  w->param);
}

static int cmdline_mem(const struct cmdline_word *w, struct vml_kernel_config *cfg,
		       struct vml_host_error *err)
{
	unsigned int n = cfg->n_mem_args;
	const char *end;
	int rc = cmdline_need_value(w, err);

	if (rc)
		return rc;
	if (n == VML_MAX_MEM_ARGS)
		return vml_host_error_set(err, VML_ENOMEM,
					  "kernel command line: more than %d mem= parameters",
					  VML_MAX_MEM_ARGS);
	rc = cmdline_number(w, "size", w->val, &cfg->mem_size[n], &end, err);
	if (rc)
		return rc;
	cfg->mem_start_set[n] = *end == '@';
	cfg->mem_start[n] = 0;
	if (*end == '@') {
		rc = cmdline_number(w, "start", end + 1, &cfg->mem_start[n], NULL, err);
		if (rc)
			return rc;
	}
	cfg->n_mem_args = n + 1;
	return VML_OK;
}

static int cmdline_vmalloc(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			   struct vml_host_error *err)
{
	int rc = cmdline_need_value(w, err);

	if (rc)
		return rc;
	rc = cmdline_number(w, "size", w->val, &cfg->vmalloc_size, NULL, err);
	if (rc)
		return rc;
	cfg->vmalloc_set = true;
	return VML_OK;
}

static int cmdline_initrd(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			  struct vml_host_error *err)
{
	const char *comma;
	uint64_t start, size;
	int rc;

	/* Only "start,size" is the kernel's; "initrd=/path" belongs to bootloaders. */
	if (!w->val)
		return VML_OK;
	comma = strchr(w->val, ',');
	if (!comma)
		return VML_OK;
	rc = cmdline_number(w, "start", w->val, &start, NULL, err);
	if (!rc)
		rc = cmdline_number(w, "size", comma + 1, &size, NULL, err);
	if (rc)
		return rc;
	cfg->initrd_set = true;
	cfg->initrd_start = start;
	cfg->initrd_size = size;
	return VML_OK;
}

/* dhash_entries=, ihash_entries=, hashdist=: __setup() handlers that run
 * simple_strtoul(str, &str, 0) on the value (fs/dcache.c, fs/inode.c,
 * mm/page_alloc.c, v6.1 and v6.12): no digit reads 0; a bare word never
 * reaches them (the "name=" of a __setup() does not match it). The arch
 * cuts them to its unsigned long. */
static void cmdline_hash_tables(const struct cmdline_word *w, struct vml_kernel_config *cfg)
{
	const char *end;

	if (!w->val)
		return;
	if (strcmp(w->param, "dhash_entries") == 0)
		cfg->dhash_entries = vml_kernel_strtoull(w->val, &end);
	if (strcmp(w->param, "ihash_entries") == 0)
		cfg->ihash_entries = vml_kernel_strtoull(w->val, &end);
	if (strcmp(w->param, "hashdist") == 0) {
		cfg->hashdist_set = true;
		cfg->hashdist = vml_kernel_strtoull(w->val, &end);
	}
}

/* Each "rodata" word as written, and its place among the early words for
 * set_debug_rodata()'s warning (which values count is the arch's and
 * version's: vml_rodata_effective()). */
static int cmdline_rodata(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			  struct vml_host_error *err)
{
	const unsigned int n = cfg->n_rodata;

	if (n == VML_MAX_RODATA_WORDS || cfg->n_early_words == VML_MAX_EARLY_WORDS)
		return vml_host_error_set(err, VML_ENOMEM,
					  "kernel command line: more than %d rodata= words or %d "
					  "early words vmlayout keeps for the kernel's messages",
					  VML_MAX_RODATA_WORDS, VML_MAX_EARLY_WORDS);
	if (w->val && strlen(w->val) >= VML_RODATA_TEXT)
		return vml_host_error_set(err, VML_EINVAL,
					  "kernel command line: rodata=%.20s...: longer than the "
					  "%d characters vmlayout keeps (the kernel takes full, "
					  "on, off or noalias)",
					  w->val, VML_RODATA_TEXT - 1);
	cfg->rodata_bare[n] = !w->val;
	strcpy(cfg->rodata_text[n], w->val ? w->val : "");
	cfg->early_words[cfg->n_early_words] = VML_EARLY_RODATA;
	cfg->early_words_rodata[cfg->n_early_words] = (uint8_t)n;
	cfg->early_words_mem_before[cfg->n_early_words++] = (uint8_t)cfg->n_mem_args;
	cfg->n_rodata = n + 1;
	return VML_OK;
}

/* uart_parse_earlycon(): the MMIO forms only ("io," is a port, no fixmap). */
static void cmdline_earlycon(const struct cmdline_word *w, struct vml_kernel_config *cfg)
{
	static const char *const mmio[] = {"mmio,", "mmio16,", "mmio32,", "mmio32be,",
					   "mmio32native,"};
	const char *p = w->val ? strchr(w->val, ',') : NULL;
	bool prefixed = false;
	char *end;
	unsigned long long addr;

	if (cfg->earlycon_mmio_set || !p || p == w->val)
		return;
	p++;
	for (size_t i = 0; !prefixed && i < sizeof(mmio) / sizeof(mmio[0]); i++)
		if (strncmp(p, mmio[i], strlen(mmio[i])) == 0) {
			p += strlen(mmio[i]);
			prefixed = true;
		}
	if (!prefixed && strncmp(p, "0x", 2) != 0)
		return;
	addr = strtoull(p, &end, 0);
	if (end == p)
		return;
	cfg->earlycon_mmio_set = true;
	cfg->earlycon_mmio = addr;
}

/* get_option(): simple_strtoull() base 0 with an optional '-', into an
 * int; nothing parsed, nothing set. */
static void cmdline_nr_cpus(const struct cmdline_word *w, struct vml_kernel_config *cfg)
{
	char *end;
	long long v;

	if (!w->val || !*w->val)
		return;
	errno = 0;
	v = strtoll(w->val, &end, 0);
	if (end == w->val || errno || v <= 0 || v > INT_MAX)
		return;
	if (!cfg->nr_cpus_arg || (unsigned int)v < cfg->nr_cpus_arg)
		cfg->nr_cpus_arg = (unsigned int)v;
}

/* early_cma(): no value is refused ("Config string not provided"); memparse()
 * reads what it can (a size of 0 when no digit), '@' gives the base, then
 * '-' the limit, else limit = base + size (a fixed placement). */
static void cmdline_cma(const struct cmdline_word *w, struct vml_kernel_config *cfg)
{
	const char *p;

	if (!w->val)
		return;
	cfg->cma_arg_set = true;
	cfg->cma_arg_size = vml_kernel_memparse(w->val, &p);
	if (*p != '@')
		return;
	cfg->cma_arg_base = vml_kernel_memparse(p + 1, &p);
	if (*p != '-') {
		cfg->cma_arg_limit = cfg->cma_arg_base + cfg->cma_arg_size;
		return;
	}
	cfg->cma_arg_limit = vml_kernel_memparse(p + 1, &p);
}

/* kfence.sample_interval= (include/vmlayout/kfence.h): arm64's
 * early_param reads get_option() (lib/cmdline.c: an optional '-', then
 * simple_strtoull() base 0 into an int; no digit, nothing), the module
 * parameter kstrtoul(val, 0) (mm/kfence/core.c param_set_sample_interval(),
 * v6.1, v6.12), which refuses a bare word or any trailing character. */
static void cmdline_kfence(const struct cmdline_word *w, struct vml_kernel_config *cfg)
{
	const char *digits = w->val && *w->val == '-' ? w->val + 1 : w->val, *end;
	uint64_t v;

	if (digits) {
		v = vml_kernel_strtoull(digits, &end);
		if (end != digits) {
			cfg->kfence_early_arg_set = true;
			cfg->kfence_early_arg = (uint32_t)v != 0;
		}
	}
	if (w->val && vml_kernel_kstrtoull(w->val, &v)) {
		cfg->kfence_interval_arg_set = true;
		cfg->kfence_interval_arg = v;
		return;
	}
	if (cfg->kfence_interval_bad++ == 0) {
		const char *text = w->val ? w->val : "";
		const size_t cap = sizeof(cfg->kfence_interval_bad_text);

		if (strlen(text) < cap)
			snprintf(cfg->kfence_interval_bad_text, cap, "%s", text);
		else
			snprintf(cfg->kfence_interval_bad_text, cap, "%.*s...", (int)cap - 4, text);
	}
}

/* The memory-shaping parameters vmlayout does not model, by name. */
static uint32_t cmdline_unmodelled(const char *param)
{
	static const struct {
		const char *name;
		uint32_t bit;
	} names[] = {
	    {"memmap", VML_CMDLINE_MEMMAP},	      {"hugepages", VML_CMDLINE_HUGEPAGES},
	    {"hugepagesz", VML_CMDLINE_HUGEPAGES},    {"default_hugepagesz", VML_CMDLINE_HUGEPAGES},
	    {"hugetlb_cma", VML_CMDLINE_HUGETLB_CMA}, {"kasan", VML_CMDLINE_KASAN},
	    {"swiotlb", VML_CMDLINE_SWIOTLB},	      {"cma_pernuma", VML_CMDLINE_CMA_PERNUMA},
	    {"numa_cma", VML_CMDLINE_CMA_PERNUMA},    {"movablecore", VML_CMDLINE_MOVABLECORE},
	    {"kernelcore", VML_CMDLINE_KERNELCORE},   {"memtest", VML_CMDLINE_MEMTEST},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(param, names[i].name) == 0)
			return names[i].bit;
	return 0;
}

static int hugetlb_cma_add(struct vml_kernel_config *cfg, const struct vml_hugetlb_cma_arg *a,
			   struct vml_host_error *err)
{
	if (cfg->n_hugetlb_cma >= VML_MAX_HUGETLB_CMA_ARGS)
		return vml_host_error_set(err, VML_EINVAL,
					  "kernel command line: more than %d hugetlb_cma= sizes",
					  VML_MAX_HUGETLB_CMA_ARGS);
	cfg->hugetlb_cma[cfg->n_hugetlb_cma++] = *a;
	return VML_OK;
}

/* cmdline_parse_hugetlb_cma() (mm/hugetlb.c v6.1, v6.12): while sscanf()
 * reads a decimal unsigned long: followed by ':' it is a node, then
 * memparse() its size and go on after a ','; else the whole value is one
 * memparse() size. No leading digit: nothing. (A bare word would make the
 * kernel read through NULL: ignored here.) */
static int cmdline_hugetlb_cma(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			       struct vml_host_error *err)
{
	const char *s = w->val, *p;
	const unsigned int word = cfg->n_hugetlb_cma_words++;
	int rc = VML_OK;

	while (s && *s && rc == VML_OK) {
		struct vml_hugetlb_cma_arg a = {0, 0, word, false};

		if (!isdigit((unsigned char)*s))
			break;
		for (p = s; isdigit((unsigned char)*p); p++)
			a.nid = a.nid * 10 + (uint64_t)(*p - '0');
		if (*p != ':') {
			a.size = vml_kernel_memparse(w->val, &p);
			return hugetlb_cma_add(cfg, &a, err);
		}
		a.node = true;
		a.size = vml_kernel_memparse(p + 1, &s);
		rc = hugetlb_cma_add(cfg, &a, err);
		if (*s != ',')
			break;
		s++;
	}
	return rc;
}

/* A bare "cma" or "numa" (no '='): parse_args() gives the early handler
 * val = NULL, which it refuses (init/main.c do_early_param(), v6.1 and
 * v6.12, then warns); a "nokaslr", "no4lvl" or "no5lvl" word for riscv64's
 * lines. The others vmlayout reads take NULL quietly
 * (crashkernel, memblock, nr_cpus, nokaslr) or are refused as bad input
 * here (mem, vmalloc). Beyond VML_MAX_EARLY_WORDS: refused. */
static int cmdline_early_words(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			       struct vml_host_error *err)
{
	uint16_t kind = 0;
	bool b;

	if (strcmp(w->param, "debug_pagealloc") == 0 && !vml_kstrtobool(w->val, true, &b))
		kind = VML_EARLY_BAD_DEBUG_PAGEALLOC;
	if (!w->val && strcmp(w->param, "cma") == 0)
		kind = VML_EARLY_BARE_CMA;
	if (!w->val && strcmp(w->param, "numa") == 0)
		kind = VML_EARLY_BARE_NUMA;
	/* riscv64's printing handlers take any value (parameq() on the name) */
	if (strcmp(w->param, "nokaslr") == 0)
		kind = VML_EARLY_NOKASLR;
	if (strcmp(w->param, "no4lvl") == 0)
		kind = VML_EARLY_NO4LVL;
	if (strcmp(w->param, "no5lvl") == 0)
		kind = VML_EARLY_NO5LVL;
	if (!kind)
		return VML_OK;
	if (cfg->n_early_words == VML_MAX_EARLY_WORDS)
		return vml_host_error_set(err, VML_ENOMEM,
					  "kernel command line: more than %d early words vmlayout "
					  "keeps for the kernel's messages",
					  VML_MAX_EARLY_WORDS);
	cfg->early_words[cfg->n_early_words] = kind;
	cfg->early_words_mem_before[cfg->n_early_words++] = (uint8_t)cfg->n_mem_args;
	return VML_OK;
}

static int cmdline_apply(const struct cmdline_word *w, struct vml_kernel_config *cfg,
			 struct vml_host_error *err)
{
	if (strcmp(w->param, "mem") == 0)
		return cmdline_mem(w, cfg, err);
	if (strcmp(w->param, "vmalloc") == 0)
		return cmdline_vmalloc(w, cfg, err);
	if (strcmp(w->param, "initrd") == 0 || strcmp(w->param, "initrdmem") == 0)
		return cmdline_initrd(w, cfg, err);
	if (strcmp(w->param, "memblock") == 0 && w->val && strstr(w->val, "debug"))
		cfg->memblock_debug = true;
	if (strcmp(w->param, "numa") == 0 && w->val && strncmp(w->val, "off", 3) == 0)
		cfg->numa_off = true;
	if (strcmp(w->param, "earlycon") == 0)
		cmdline_earlycon(w, cfg);
	if (strcmp(w->param, "nr_cpus") == 0)
		cmdline_nr_cpus(w, cfg);
	if (strcmp(w->param, "crashkernel") == 0)
		cfg->crashkernel_param = true;
	if (strcmp(w->param, "kfence.sample_interval") == 0)
		cmdline_kfence(w, cfg);
	/* early_param("nohugevmalloc") (mm/vmalloc.c v6.1, v6.12): any value */
	if (strcmp(w->param, "nohugevmalloc") == 0)
		cfg->nohugevmalloc = true;
	cmdline_hash_tables(w, cfg);
	if (strcmp(w->param, "cma") == 0)
		cmdline_cma(w, cfg);
	if (strcmp(w->param, "hugetlb_cma") == 0) {
		int rc = cmdline_hugetlb_cma(w, cfg, err);

		if (rc)
			return rc;
	}
	cfg->cmdline_unmodelled |= cmdline_unmodelled(w->param);
	/* early_debug_pagealloc(): kstrtobool() (v6.1, v6.12); an invalid
	 * value leaves the earlier one */
	if (strcmp(w->param, "debug_pagealloc") == 0) {
		cfg->debug_pagealloc_param = true;
		if (vml_kstrtobool(w->val, true, &cfg->debug_pagealloc))
			cfg->debug_pagealloc_set = true;
	}
	if (strcmp(w->param, "rodata") == 0)
		return cmdline_rodata(w, cfg, err);
	return cmdline_early_words(w, cfg, err);
}

static void cmdline_reset(struct vml_kernel_config *cfg)
{
	cfg->vmalloc_set = false;
	cfg->vmalloc_size = 0;
	cfg->n_mem_args = 0;
	memset(cfg->mem_size, 0, sizeof(cfg->mem_size));
	memset(cfg->mem_start, 0, sizeof(cfg->mem_start));
	memset(cfg->mem_start_set, 0, sizeof(cfg->mem_start_set));
	cfg->memblock_debug = false;
	cfg->initrd_set = false;
	cfg->initrd_start = 0;
	cfg->initrd_size = 0;
	cfg->nokaslr = false;
	cfg->dhash_entries = 0;
	cfg->ihash_entries = 0;
	cfg->hashdist_set = false;
	cfg->hashdist = 0;
	cfg->n_rodata = 0;
	memset(cfg->rodata_text, 0, sizeof(cfg->rodata_text));
	memset(cfg->rodata_bare, 0, sizeof(cfg->rodata_bare));
	cfg->numa_off = false;
	cfg->nr_cpus_arg = 0;
	cfg->debug_pagealloc = false;
	cfg->debug_pagealloc_set = false;
	cfg->debug_pagealloc_param = false;
	cfg->earlycon_mmio_set = false;
	cfg->earlycon_mmio = 0;
	cfg->no4lvl = false;
	cfg->no5lvl = false;
	memset(cfg->boot_command_line, 0, sizeof(cfg->boot_command_line));
	cfg->cmdline_truncated = false;
	cfg->crashkernel_param = false;
	cfg->cma_arg_set = false;
	cfg->cma_arg_size = 0;
	cfg->cma_arg_base = 0;
	cfg->cma_arg_limit = 0;
	cfg->cmdline_unmodelled = 0;
	cfg->n_early_words = 0;
	cfg->n_hugetlb_cma = 0;
	cfg->n_hugetlb_cma_words = 0;
	cfg->nohugevmalloc = false;
	cfg->kfence_interval_arg_set = false;
	cfg->kfence_interval_arg = 0;
	cfg->kfence_early_arg_set = false;
	cfg->kfence_early_arg = false;
	cfg->kfence_interval_bad = 0;
	memset(cfg->kfence_interval_bad_text, 0, sizeof(cfg->kfence_interval_bad_text));
}

/* parameq()/parameqn() (kernel/params.c v3.4 .. v6.12): a parameter's name
 * matches with '-' and '_' equal, for early_param(), __setup() and module
 * parameters alike ("debug-pagealloc=on", "kfence.sample-interval=100"):
 * the word's name is compared in its '_' form. (The raw line the strstr()
 * scanners read, crashkernel= and riscv's nokaslr, is left as it is.) */
static void param_dashes(char *param)
{
	for (; *param; param++)
		if (*param == '-')
			*param = '_';
}

int vml_cmdline_parse(const char *cmdline, struct vml_kernel_config *cfg,
		      struct vml_host_error *err)
{
	struct vml_kernel_config next = *cfg;
	char *copy = strdup(cmdline ? cmdline : "");
	char *args;
	size_t max;
	int rc = VML_OK;

	if (!copy)
		return vml_host_error_set(err, VML_ENOMEM, "kernel command line: out of memory");
	cmdline_reset(&next);
	/* setup_machine_fdt() -> early_init_dt_scan_chosen(): strscpy() into
	 * boot_command_line[COMMAND_LINE_SIZE], the arch's; what is past it is
	 * not there for any parser */
	max = vml_arch_command_line_size(next.arch);
	next.cmdline_truncated = strlen(copy) >= max;
	copy[vml_min(strlen(copy), max - 1)] = '\0';
	strcpy(next.boot_command_line, copy);
	next.no4lvl = strstr(copy, "no4lvl") != NULL;
	next.no5lvl = strstr(copy, "no5lvl") != NULL;
	next.nokaslr = strstr(copy, "nokaslr") != NULL;
	args = skip_space(copy);
	while (*args && rc == VML_OK) {
		struct cmdline_word w;

		args = cmdline_next_word(args, &w);
		if (!w.val && strcmp(w.param, "--") == 0)
			break;
		param_dashes(w.param);
		rc = cmdline_apply(&w, &next, err);
	}
	free(copy);
	if (rc == VML_OK)
		*cfg = next;
	return rc;
}
