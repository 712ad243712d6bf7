/* SPDX-License-Identifier: MIT */
/*
 * DOC: the host input layer: device tree, kernel command line, .config,
 * System.map and the size flags of the vmlayout command
 *
 * Each reader fills a board (board.h) or a kernel configuration (config.h)
 * from one input the user gave. The rules are the kernel's, cited in the
 * sources and listed in docs/inputs.md; where the kernel silently skips a
 * malformed input, vmlayout reports it instead, because a silently wrong
 * layout is worse than an error.
 *
 * Errors: every function returns 0 or a negative VML_E* code (error.h). On
 * failure it writes one sentence into the caller's struct vml_host_error,
 * naming the input at fault (file and line, node path and property, or the
 * command-line parameter) and the rule it breaks, and leaves the output
 * structure exactly as it was (each reader fills a local copy and copies it
 * out only on success). The CLI prints the sentence and exits with status 2.
 *
 * This layer uses libc and libfdt; it is not part of the freestanding core.
 */
#ifndef VMLAYOUT_HOST_INPUT_H
#define VMLAYOUT_HOST_INPUT_H

#include "board.h"
#include "config.h"
#include "env.h"
#include "error.h"

/* One sentence, NUL-terminated, empty when nothing failed. */
struct vml_host_error {
	char msg[512];
};

/**
 * vml_host_error_set() - write the sentence for a failure and return @code
 * @err: where to write (may be NULL)
 * @code: the VML_E* code to return
 * @fmt: printf format of the sentence
 *
 * Return: @code.
 */
int vml_host_error_set(struct vml_host_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- sizes: the kernel's memparse() (lib/cmdline.c, v6.1) ---- */

/**
 * vml_memparse() - parse a size the way the kernel's memparse() does
 * @s: the text; parsing starts at its first character (no space skipped)
 * @value: the number
 * @end: (optional) the first character not consumed
 *
 * simple_strtoull(base 0) semantics: "0x"/"0X" followed by a hex digit means
 * hex, another leading 0 means octal, else decimal; then one optional suffix
 * K, M, G, T, P or E (either case) shifts left by 10, 20 ... 60 bits. So
 * "1e" is 1 EiB and "0x1e" is 30. Characters after the number are left for
 * the caller (the kernel ignores them: "vmalloc=400MB" is 400 MiB).
 *
 * Unlike the kernel, which wraps silently, a number or shift that does not
 * fit in 64 bits is an error.
 *
 * Return: 0; VML_EINVAL if @s does not start with a digit (the kernel would
 * read 0); VML_ERANGE if the value does not fit in 64 bits. @value and @end
 * are left unchanged on failure.
 */
int vml_memparse(const char *s, uint64_t *value, const char **end);

/**
 * vml_parse_size_at_base() - parse a SIZE@BASE flag value (--mem, --reserve,
 * --nomap, --remove, --initrd, --kernel-image)
 * @flag: the flag's name for the error sentence, e.g. "--mem"
 * @arg: the value, e.g. "512M@0x80000000"; both numbers use vml_memparse()
 * @size, @base: the numbers (unchanged on failure)
 * @err: the sentence on failure
 *
 * Stricter than the kernel's parameters: the whole text must be consumed.
 *
 * Return: 0; VML_EINVAL for a missing or empty size, a size of zero, a
 * missing "@BASE", or text that is not a number; VML_ERANGE when a number,
 * or BASE + SIZE, passes 2^64 (an end of exactly 2^64 is accepted).
 */
int vml_parse_size_at_base(const char *flag, const char *arg, uint64_t *size, uint64_t *base,
			   struct vml_host_error *err);

/* ---- device tree (drivers/of/fdt.c, drivers/of/of_reserved_mem.c, v6.1) ---- */

/**
 * vml_dt_load_file() - read a .dts or .dtb into @board
 * @path: the file. A file whose name ends in ".dts", or that does not start
 *        with the FDT magic and does not end in ".dtb", is compiled with
 *        `dtc -q -I dts -O dtb` (dtc's own error is passed on); anything
 *        else is read as a blob.
 * @board: replaced (vml_board_init() then filled) on success only
 * @err: the sentence on failure
 *
 * Return: 0; VML_ENOENT if the file cannot be read or dtc cannot be run;
 * VML_EINVAL for a blob libfdt rejects (bad magic, truncated, malformed
 * structure), a .dts dtc rejects, or a property that breaks a rule listed in
 * docs/inputs.md; VML_ERANGE for a value that does not fit (more than 2
 * cells, an end past 2^64); VML_ENOMEM when a VML_BOARD_MAX_* limit is
 * exceeded (never truncated silently).
 */
int vml_dt_load_file(const char *path, struct vml_board *board, struct vml_host_error *err);

/**
 * vml_dt_load_blob() - as vml_dt_load_file(), from a blob in memory
 * @blob, @size: the flattened tree and the number of bytes available
 * @name: what to call it in error sentences (a file name)
 *
 * Return: as vml_dt_load_file(), without VML_ENOENT.
 */
int vml_dt_load_blob(const void *blob, size_t size, const char *name, struct vml_board *board,
		     struct vml_host_error *err);

/* ---- kernel command line (early_param handlers, v6.1) ---- */

/**
 * vml_cmdline_parse() - read the early parameters vmlayout models
 * @cmdline: the whole command line; it replaces any earlier one, so the
 *           command-line fields of @cfg (vmalloc_*, n_mem_args/mem_*,
 *           memblock_debug, initrd_*) are reset first
 * @cfg: updated on success only
 * @err: the sentence on failure
 *
 * Splitting is the kernel's next_arg() (lib/cmdline.c): white space
 * separates, double quotes group ("a=\"x y\"" gives a = x y), and a bare
 * "--" ends the parameters the kernel parses. Read: mem=SIZE[@START]
 * (every occurrence, in order; the arch decides what several mean),
 * vmalloc=SIZE (the last wins), initrd=START,SIZE and initrdmem=START,SIZE
 * (without ",SIZE" ignored, as the kernel does: "initrd=/boot/x" is a
 * bootloader's), memblock=debug. Unknown parameters are ignored.
 *
 * Return: 0; VML_EINVAL for mem, vmalloc or initrd with a value that has no
 * digits where the kernel reads a number (e.g. "vmalloc=garbage"), or with
 * no value at all; VML_ERANGE for a number past 2^64; VML_ENOMEM for more
 * than VML_MAX_MEM_ARGS mem= parameters.
 */
int vml_cmdline_parse(const char *cmdline, struct vml_kernel_config *cfg,
		      struct vml_host_error *err);

/* ---- kernel .config and --set NAME=VALUE ---- */

/**
 * vml_kconfig_load_file() - apply a complete kernel .config
 * @path: the file
 * @cfg: updated on success only
 * @err: the sentence on failure
 *
 * A .config is complete, so every Kconfig-derived field of @cfg is first
 * reset to "not set" (false, 0, no PAGE_OFFSET, no VMSPLIT choice, FLATMEM,
 * no reclaim option; page size and VA bits to the arch's vmlayout default),
 * then every line is applied as by vml_kconfig_set(). "# CONFIG_X is not
 * set" means X=n; other comments and blank lines are skipped; unknown
 * options are ignored. CONFIG_ARM=y, CONFIG_ARM64=y or CONFIG_RISCV=y with
 * CONFIG_64BIT=y select the arch; when @cfg had none, the arch's defaults
 * from vml_kernel_config_init() that are not Kconfig (TEXT_OFFSET) are
 * taken too.
 *
 * Return: 0; VML_ENOENT if the file cannot be read; VML_EINVAL for a line
 * that is not NAME=VALUE, a bad value for an option vmlayout reads (the
 * sentence names file:line), an arch other than @cfg's, or 32-bit RISC-V.
 */
int vml_kconfig_load_file(const char *path, struct vml_kernel_config *cfg,
			  struct vml_host_error *err);

/**
 * vml_kconfig_set() - apply one NAME=VALUE (the --set flag)
 * @assignment: "CONFIG_PAGE_OFFSET=0xC0000000" or "PAGE_OFFSET=0xC0000000";
 *              VALUE is y, n, m, a hex or decimal number or a quoted string
 * @cfg: updated on success only
 * @err: the sentence on failure
 *
 * Options are listed in docs/inputs.md. Setting a choice member (VMSPLIT_2G,
 * ARM64_16K_PAGES, ...) to y selects it; setting the selected member to n
 * returns the choice to its default. vmlayout's own names, not Kconfig:
 * VIPT_ALIASING=y (the CPU's D-cache aliases), VA_BITS=N (riscv: 39, 48 or
 * 57), ZONE_DMA_SIZE=SIZE, TEXT_OFFSET=SIZE. ARM=y, ARM64=y or RISCV=y on a
 * config with no arch restarts it from vml_kernel_config_init() of that arch
 * (keeping the command-line and image fields), so name the arch first.
 *
 * Return: 0; VML_EINVAL for no '=', an empty name, a bad value for an
 * option vmlayout reads, or an arch other than @cfg's; unknown options are
 * ignored.
 */
int vml_kconfig_set(struct vml_kernel_config *cfg, const char *assignment,
		    struct vml_host_error *err);

/* ---- System.map and /proc/kallsyms ---- */

/**
 * vml_sysmap_load() - read the kernel image's section boundaries
 * @path: a System.map ("ADDRESS TYPE NAME" lines) or a copy of
 *        /proc/kallsyms (the same, with an optional 4th "[module]" column,
 *        whose lines are skipped)
 * @image: filled on success only (known = true); a symbol that is absent
 *         reads 0, except the mandatory _text and _end
 * @err: the sentence on failure
 *
 * Symbols: _text _stext _etext __start_rodata __end_rodata __init_begin
 * __init_end _sdata _edata __bss_start __bss_stop _end, and riscv64's
 * _data and __init_data_begin when present; the first occurrence of each
 * counts.
 *
 * Return: 0; VML_ENOENT if the file cannot be read; VML_EINVAL for a line
 * that is not "HEX TYPE NAME [MODULE]" (file:line named), a missing _text or
 * _end, all-zero addresses (kallsyms read without privilege), or symbols out
 * of order (_end <= _text, a symbol outside [_text, _end], a section whose
 * end precedes its start).
 */
int vml_sysmap_load(const char *path, struct vml_kernel_image *image, struct vml_host_error *err);

#endif
