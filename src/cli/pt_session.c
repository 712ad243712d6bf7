/* SPDX-License-Identifier: MIT */
/*
 * DOC: option parsing and tree building for `tables` and `walk`
 *
 * The format is found through the registry (vml_pt_format_lookup), so a
 * new arch's formats need no change here. Table pages come from a memblock
 * holding the --mem ranges, top-down, as the kernel's early_pgtable_alloc
 * takes them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pt_session.h"
#include "cli/unknown_option.h"
#include "vmlayout/arch.h"
#include "vmlayout/host_input.h"

static int input_error(const struct pt_session *s, const char *msg)
{
	fprintf(stderr, "vmlayout %s: %s\n", s->cmd, msg);
	return VML_EXIT_INPUT;
}

static bool parse_u64(const char *text, uint64_t *v, const char **end)
{
	return vml_memparse(text, v, end) == 0;
}

/* ATTRS: a comma list: ro rw rx rwx user device nc noblock nocont domain=N. */
static bool parse_attrs(const char *text, struct pt_map_arg *m)
{
	char buf[128];
	bool w = true, x = false, user = false;
	uint8_t domain = 0;

	if (strlen(text) >= sizeof(buf))
		return false;
	strcpy(buf, text);
	m->attrs = (struct vml_pt_attrs){0};
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		if (!strcmp(tok, "ro") || !strcmp(tok, "rx") || !strcmp(tok, "rw") ||
		    !strcmp(tok, "rwx")) {
			w = strchr(tok, 'w') != NULL;
			x = strchr(tok, 'x') != NULL;
		} else if (!strcmp(tok, "user")) {
			user = true;
		} else if (!strcmp(tok, "device")) {
			m->attrs.memtype = VML_PT_MT_DEVICE_nGnRE;
		} else if (!strcmp(tok, "nc")) {
			m->attrs.memtype = VML_PT_MT_NORMAL_NC;
		} else if (!strcmp(tok, "noblock")) {
			m->flags |= VML_PT_NO_BLOCK_MAPPINGS;
		} else if (!strcmp(tok, "nocont")) {
			m->flags |= VML_PT_NO_CONT_MAPPINGS;
		} else if (!strncmp(tok, "domain=", 7)) {
			char *end;
			unsigned long d = strtoul(tok + 7, &end, 0);

			if (*end || end == tok + 7 || d > 15)
				return false;
			domain = (uint8_t)d;
		} else {
			return false;
		}
	}
	m->attrs.domain = domain;
	/* Kernel mappings as PAGE_KERNEL*: global, accessed, dirty preset. */
	m->attrs.perm = VML_PT_READ | VML_PT_ACCESSED | VML_PT_DIRTY | VML_PT_GLOBAL;
	if (w)
		m->attrs.perm |= VML_PT_WRITE;
	if (x)
		m->attrs.perm |= VML_PT_EXEC;
	if (user) {
		/* User pages: not global, not executable by the kernel. */
		m->attrs.perm = (m->attrs.perm & ~(VML_PT_GLOBAL | VML_PT_EXEC)) | VML_PT_USER_READ;
		if (w)
			m->attrs.perm |= VML_PT_USER_WRITE;
		if (x)
			m->attrs.perm |= VML_PT_USER_EXEC;
	}
	return true;
}

/* Room for one more map entry. */
static int grow_maps(struct pt_session *s)
{
	struct pt_map_arg *grown;
	unsigned int cap;

	if (s->nmap >= PT_SESSION_MAX_MAPS)
		return input_error(s, "too many --map ranges (at most 1000000)");
	if (s->nmap < s->map_cap)
		return 0;
	cap = s->map_cap ? 2 * s->map_cap : 64;
	grown = realloc(s->map, cap * sizeof(*grown));
	if (!grown) {
		fprintf(stderr, "vmlayout %s: out of memory for the --map list\n", s->cmd);
		return VML_EXIT_INTERNAL;
	}
	s->map = grown;
	s->map_cap = cap;
	return 0;
}

static int parse_map(struct pt_session *s, const char *text)
{
	struct pt_map_arg *m;
	const char *p = text;
	int err = grow_maps(s);

	if (err)
		return err;
	m = &s->map[s->nmap];
	*m = (struct pt_map_arg){0};
	m->text = text;
	if (!parse_u64(p, &m->va, &p) || *p++ != ':' || !parse_u64(p, &m->pa, &p) || *p++ != ':' ||
	    !parse_u64(p, &m->size, &p) || (*p && *p != ':') ||
	    !parse_attrs(*p ? p + 1 : "rw", m)) {
		fprintf(stderr,
			"vmlayout %s: --map '%s' must be VA:PA:SIZE[:ATTRS], ATTRS a comma list "
			"of ro, rw, rx, rwx, user, device, nc, noblock, nocont, domain=0..15\n",
			s->cmd, text);
		return VML_EXIT_INPUT;
	}
	s->nmap++;
	return 0;
}

static int parse_granule(struct pt_session *s, const char *text, uint64_t *g)
{
	if (!strcmp(text, "4K") || !strcmp(text, "4k"))
		*g = VML_SZ_4K;
	else if (!strcmp(text, "16K") || !strcmp(text, "16k"))
		*g = 0x4000;
	else if (!strcmp(text, "64K") || !strcmp(text, "64k"))
		*g = VML_SZ_64K;
	else
		return input_error(s, "--granule must be 4K, 16K or 64K");
	return 0;
}

static int add_mem(struct pt_session *s, const char *text)
{
	struct vml_host_error err = {{0}};
	uint64_t size, base;

	if (vml_parse_size_at_base("--mem", text, &size, &base, &err))
		return input_error(s, err.msg);
	if (vml_memblock_add(&s->mb, base, size, NULL))
		return input_error(s, "too many --mem ranges");
	return 0;
}

/* --map-file FILE ("-": standard input): one VA:PA:SIZE[:ATTRS] a line;
 * blank lines and lines starting with # are skipped. */
static int read_map_file(struct pt_session *s, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int err = 0;

	if (!f) {
		fprintf(stderr, "vmlayout %s: --map-file '%s': cannot open: %s\n", s->cmd, path,
			strerror(errno));
		return VML_EXIT_INPUT;
	}
	while (!err && (len = getline(&line, &cap, f)) >= 0) {
		char **grown;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
				   line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		grown = realloc(s->map_lines, (s->nmap_lines + 1) * sizeof(*grown));
		if (!grown) {
			err = VML_EXIT_INTERNAL;
			break;
		}
		s->map_lines = grown;
		s->map_lines[s->nmap_lines++] = line; /* parse_map keeps a pointer */
		err = parse_map(s, line);
		line = NULL;
		cap = 0;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return err;
}

static int apply_option(struct pt_session *s, struct vml_pt_spec *spec, const char *opt,
			const char *val)
{
	static const char *const geometry[] = {"--arch",    "--mode",	 "--format", "--granule",
					       "--va-bits", "--pa-bits", "--split"};
	static const char *const building[] = {"--map", "--map-file", "--mem", "--out"};
	uint64_t v;
	int err;

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(geometry) && !s->geometry_opt; i++)
		if (!strcmp(opt, geometry[i]))
			s->geometry_opt = geometry[i];
	for (unsigned int i = 0; i < VML_ARRAY_SIZE(building) && !s->build_opt; i++)
		if (!strcmp(opt, building[i]))
			s->build_opt = building[i];
	if (pt_session_reads_tables(s->cmd) && (err = pt_session_read_option(s, opt, val)) >= 0)
		return err;
	if (!strcmp(opt, "--arch"))
		spec->arch = val;
	else if (!strcmp(opt, "--mode") || !strcmp(opt, "--format"))
		spec->mode = val;
	else if (!strcmp(opt, "--granule"))
		return parse_granule(s, val, &spec->granule);
	else if (!strcmp(opt, "--va-bits") || !strcmp(opt, "--pa-bits")) {
		const char *end;

		if (!parse_u64(val, &v, &end) || *end || v > 64)
			return input_error(s, "--va-bits/--pa-bits take a number of bits");
		*(opt[2] == 'v' ? &spec->va_bits : &spec->pa_bits) = (unsigned int)v;
	} else if (!strcmp(opt, "--split")) {
		const char *end;

		if (!parse_u64(val, &spec->split, &end) || *end || !spec->split)
			return input_error(s, "--split takes the first VA of the TTBR1 half, such "
					      "as 3G or 0xc0000000");
	} else if (!strcmp(opt, "--map"))
		return parse_map(s, val);
	else if (!strcmp(opt, "--map-file"))
		return read_map_file(s, val);
	else if (!strcmp(opt, "--mem"))
		return add_mem(s, val);
	else if (!strcmp(opt, "--out"))
		s->out = val;
	else
		return -1;
	return 0;
}

/* One format per half with --split (arm), else one format copied. */
static int lookup_format(struct pt_session *s, struct vml_pt_spec *spec)
{
	struct vml_diag d = {0};
	char msg[256];

	if (!spec->arch) {
		char list[128];

		snprintf(msg, sizeof(msg), "--arch is required (%s)",
			 vml_arch_list(list, sizeof(list), false));
		return input_error(s, msg);
	}
	for (unsigned int half = 0; half < (spec->split ? 2u : 1u); half++) {
		spec->half = half;
		if (vml_pt_format_lookup(&s->fmt[half], spec, &d)) {
			snprintf(msg, sizeof(msg), "--arch %s%s: %s", spec->arch,
				 spec->split ? " --split" : "", d.rule ? d.rule : "invalid");
			return input_error(s, msg);
		}
	}
	if (!spec->split)
		s->fmt[1] = s->fmt[0];
	s->split = spec->split;
	return 0;
}

/* The options of tables; walk's and ptdump's read ones; ptdump's own four. */
static void unknown_option(const char *cmd, const char *arg)
{
	static const char *const names[] = {
	    "--arch",	"--granule",	    "--va-bits",       "--pa-bits", "--mode",
	    "--format", "--split",	    "--mem",	       "--map",	    "--map-file",
	    "--out",	"--image",	    "--dump",	       "--root",    "--kernel",
	    "--marker", "--layout-markers", "--layout-lowmem",
	};
	size_t n = !strcmp(cmd, "ptdump")	  ? VML_ARRAY_SIZE(names)
		   : pt_session_reads_tables(cmd) ? VML_ARRAY_SIZE(names) - 4
						  : VML_ARRAY_SIZE(names) - 7;

	cli_unknown_option(cmd, arg, names, n);
}

static int parse_options(struct pt_session *s, const char *cmd, int argc, char **argv)
{
	struct vml_pt_spec spec = {.granule = VML_SZ_4K};
	int err;

	memset(s, 0, sizeof(*s));
	s->cmd = cmd;
	vml_memblock_init(&s->mb, s->mem, VML_ARRAY_SIZE(s->mem), s->res, VML_ARRAY_SIZE(s->res),
			  ~0ULL, VML_SZ_4K);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2)) {
			if (s->npos >= PT_SESSION_MAX_ARGS)
				return input_error(s, "too many arguments");
			s->pos[s->npos++] = argv[i];
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "vmlayout %s: %s needs a value\n", cmd, argv[i]);
			return VML_EXIT_INPUT;
		}
		err = apply_option(s, &spec, argv[i], argv[i + 1]);
		if (err < 0) {
			unknown_option(cmd, argv[i]);
			return VML_EXIT_INPUT;
		}
		if (err)
			return err;
		i++;
	}
	err = pt_session_read_check(s);
	if (err || s->image)
		return err; /* the image's JSON gave the formats */
	if (!s->mb.memory.cnt && !s->ndump)
		return input_error(s, "--mem SIZE@BASE is required (memory for the table pages)");
	return lookup_format(s, &spec);
}

bool pt_session_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
		if (!strncmp(argv[i], "--", 2))
			i++; /* its value */
	}
	return false;
}

void pt_session_usage(FILE *out, const char *cmd, const char *synopsis, const char *extra)
{
	fprintf(out,
		"usage: vmlayout %s %s\n"
		"  --arch arm64|riscv64|arm   the MMU\n"
		"  --granule 4K|16K|64K       arm64 translation granule (default 4K)\n"
		"  --va-bits N, --pa-bits N   arm64 VA size (default 48) and output size\n"
		"  --mode sv39|sv48|sv57      riscv64 paging mode\n"
		"  --format short|short-linux|lpae  arm descriptor format\n"
		"  --split VA                 arm: TTBR0 below VA, TTBR1 from VA (TTBCR.N, "
		"T0SZ/T1SZ)\n"
		"  --mem SIZE@BASE            memory the table pages come from (repeatable; "
		"required)\n"
		"  --map VA:PA:SIZE[:ATTRS]   a range to map (repeatable); ATTRS a comma list of "
		"ro, rw,\n"
		"                             rx, rwx, user, device, nc, noblock, nocont, "
		"domain=N\n"
		"  --map-file FILE            one VA:PA:SIZE[:ATTRS] a line ('-': standard input)\n"
		"%s"
		"%s"
		"Exit status: 0 done, 1 found something to report (walk: an unmapped address),\n"
		"%s",
		cmd, synopsis, pt_session_read_usage(cmd), extra, pt_session_read_exit_usage(cmd));
}

int pt_session_parse(struct pt_session *s, const char *cmd, int argc, char **argv)
{
	int err = parse_options(s, cmd, argc, argv);

	if (err)
		pt_session_free(s);
	return err;
}

static int open_tree(struct pt_session *s, unsigned int half)
{
	struct vml_pt_ctx *c = &s->ctx[half];
	struct vml_diag d = {0};

	c->fmt = &s->fmt[half];
	c->upper = half == 1;
	c->alloc_table = vml_physmem_alloc_table;
	c->free_table = vml_physmem_free_table;
	c->window = vml_physmem_table_window;
	c->tables_zeroed = true; /* vml_physmem_alloc_table() zeroes */
	c->cb = &s->tables;
	if (vml_pt_init(c, &d)) {
		fprintf(stderr, "vmlayout %s: --mem: no room for a root table (%s)\n", s->cmd,
			d.rule);
		return VML_EXIT_INPUT;
	}
	s->have[half] = true;
	return 0;
}

unsigned int pt_session_half_of(const struct pt_session *s, uint64_t va)
{
	if (s->split)
		return va >= s->fmt[1].va_first;
	return s->fmt[0].va_split == VML_PT_VA_TWO_ROOTS && (va >> 63);
}

struct vml_pt_ctx *pt_session_tree_for(struct pt_session *s, uint64_t va)
{
	unsigned int half = pt_session_half_of(s, va);

	return s->have[half] ? &s->ctx[half] : NULL;
}

/* Tables must lie where the entries pointing at them can reach (arm short:
 * below 4 GiB): say so when --mem has nothing there. */
static int check_table_memory(struct pt_session *s)
{
	uint64_t limit = vml_pt_table_limit(&s->fmt[0]);
	char msg[256];

	s->tables.limit = limit;
	if (!limit || s->mb.memory.regions[0].base < limit)
		return 0;
	snprintf(msg, sizeof(msg),
		 "--mem: no memory below 0x%llx, where %s %s page tables must lie (the entries "
		 "pointing at them hold %u-bit addresses)",
		 (unsigned long long)limit, s->fmt[0].arch, s->fmt[0].name,
		 s->fmt[0].table_pa_bits ? s->fmt[0].table_pa_bits : s->fmt[0].pa_bits);
	return input_error(s, msg);
}

int pt_session_build(struct pt_session *s)
{
	int err;

	if (pt_session_is_read(s))
		return pt_session_read_open(s);
	err = check_table_memory(s);
	if (err)
		return err;
	s->tables.mb = &s->mb;
	s->tables.pm = vml_physmem_new();
	if (!s->tables.pm)
		return VML_EXIT_INTERNAL;
	for (unsigned int i = 0; i < s->nmap; i++) {
		const struct pt_map_arg *m = &s->map[i];
		unsigned int half = pt_session_half_of(s, m->va);
		struct vml_diag d = {0};

		if (!s->have[half] && (err = open_tree(s, half)))
			return err;
		err = vml_pt_map(&s->ctx[half], vml_va(m->va), vml_pa(m->pa), m->size, &m->attrs,
				 m->flags, &d);
		if (err) {
			fprintf(stderr, "vmlayout %s: --map '%s': %s (at 0x%llx)\n", s->cmd,
				m->text, d.rule, (unsigned long long)d.addr);
			return VML_EXIT_INPUT;
		}
	}
	return 0;
}

void pt_session_free(struct pt_session *s)
{
	pt_session_read_free(s);
	vml_physmem_delete(s->tables.pm);
	s->tables.pm = NULL;
	for (unsigned int i = 0; i < s->nmap_lines; i++)
		free(s->map_lines[i]);
	free(s->map_lines);
	free(s->map);
	s->map_lines = NULL;
	s->map = NULL;
	s->nmap_lines = s->nmap = s->map_cap = 0;
}

/* crash's names for a table level: the last @levels of PGD P4D PUD PMD PTE,
 * the root always PGD (crash arm64.c arm64_vtop_{2,3,4}level_*). arm names
 * by level number (1 PGD; LPAE 2 PMD; 3 or short 2 PTE), so the root of a
 * TTBR1 half that starts at LPAE level 2 is the PMD it is in Linux. */
const char *pt_session_level_name(const struct vml_pt_format *f, int level)
{
	static const char *const names[5] = {"PGD", "P4D", "PUD", "PMD", "PTE"};
	bool arm = f->fmt_flags & VML_PT_FMT_NAMES_BY_LEVEL_NUMBER;
	unsigned int index = (unsigned int)(level - (arm ? 1 : f->first_level));
	unsigned int levels = arm ? (unsigned int)vml_pt_last_level(f) : f->levels;
	unsigned int skip = levels < 5 ? 5 - levels : 0;

	return index == 0 ? "PGD" : names[skip + index < 5 ? skip + index : 4];
}
