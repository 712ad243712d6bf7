/* SPDX-License-Identifier: MIT */
/*
 * DOC: `walk` and `ptdump` over tables read, not built
 *
 *   --image FILE            a `tables --out` or `boot-tables --out` image:
 *                           format, split and roots from FILE.json
 *                           (vmlayout/pt_image.h)
 *   --dump FILE@PA --root PA <geometry options>
 *                           raw physical memory (QEMU's pmemsave, a crash
 *                           dump's RAM), one or more pieces, and the root
 *                           table of the kernel's half
 *
 * The trees are opened with vml_pt_attach() over a memory dump
 * (vmlayout/memdump.h): the engine reads the files' bytes through its
 * window and allocates nothing. A table the files do not hold is one
 * error line naming its physical address and level, found before anything
 * is printed (pt_session_check_readable(), and walk's first pass).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pt_session.h"
#include "vmlayout/host_input.h"

static int read_error(const struct pt_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int read_error(const struct pt_session *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vmlayout %s: ", s->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return VML_EXIT_INPUT;
}

bool pt_session_reads_tables(const char *cmd)
{
	return !strcmp(cmd, "walk") || !strcmp(cmd, "ptdump");
}

const char *pt_session_read_usage(const char *cmd)
{
	if (!pt_session_reads_tables(cmd))
		return "";
	return "Tables read instead of built (no --mem, --map, --map-file, --out):\n"
	       "  --image FILE               a `tables --out`/`boot-tables --out` image: format,\n"
	       "                             roots and registers from FILE.json (no geometry "
	       "options)\n"
	       "  --dump FILE@PA             FILE's bytes are physical memory from PA (QEMU\n"
	       "                             pmemsave, a crash dump's RAM; repeatable, no "
	       "overlaps)\n"
	       "  --root PA                  with --dump: the root table's physical address "
	       "(arm64\n"
	       "                             TTBR1_EL1.BADDR, riscv64 satp.PPN x 4K, arm TTBR1),\n"
	       "                             with the geometry options above\n";
}

const char *pt_session_read_exit_usage(const char *cmd)
{
	if (!pt_session_reads_tables(cmd))
		return "2 bad input (one line on stderr), 3 internal error.\n";
	return "2 bad input (one line on stderr, nothing on stdout; also a table the\n"
	       "--image or --dump files do not hold), 3 internal error.\n";
}

bool pt_session_is_read(const struct pt_session *s)
{
	return s->image || s->ndump;
}

/* FILE@PA: the last '@' ends the file name (a path may hold one). */
static int add_dump(struct pt_session *s, const char *text)
{
	struct pt_dump_arg *d = &s->dump[s->ndump];
	const char *at = strrchr(text, '@'), *end;

	if (s->ndump >= PT_SESSION_MAX_DUMPS)
		return read_error(s, "at most %d --dump pieces", PT_SESSION_MAX_DUMPS);
	if (!at || at == text || vml_memparse(at + 1, &d->pa, &end) || *end)
		return read_error(s,
				  "--dump '%s' must be FILE@PA: the file's bytes are physical "
				  "memory from PA on",
				  text);
	d->path = strndup(text, (size_t)(at - text));
	if (!d->path || asprintf(&d->label, "--dump '%s'", text) < 0) {
		free(d->path);
		return VML_EXIT_INTERNAL;
	}
	d->text = text;
	s->ndump++;
	return 0;
}

int pt_session_read_option(struct pt_session *s, const char *opt, const char *val)
{
	const char *end;

	if (!strcmp(opt, "--image")) {
		s->image = val;
		return 0;
	}
	if (!strcmp(opt, "--dump"))
		return add_dump(s, val);
	if (strcmp(opt, "--root"))
		return -1;
	if (vml_memparse(val, &s->root, &end) || *end)
		return read_error(s, "--root '%s' is not a physical address", val);
	s->have_root = true;
	return 0;
}

/* Options that do not go together, then --image's files. */
int pt_session_read_check(struct pt_session *s)
{
	struct vml_host_error err = {{0}};

	if (s->image && s->ndump)
		return read_error(s, "--image and --dump: give one or the other");
	if (s->image && s->build_opt)
		return read_error(s,
				  "--image and %s: the image holds the tables; give one or the "
				  "other",
				  s->build_opt);
	if (s->image && s->geometry_opt)
		return read_error(s,
				  "--image and %s: the format comes from the image's JSON; give no "
				  "geometry option",
				  s->geometry_opt);
	if (s->image && s->have_root)
		return read_error(s, "--image and --root: the roots come from the registers in the "
				     "image's JSON");
	if (s->ndump && s->build_opt)
		return read_error(s,
				  "--dump and %s: the dump holds the tables; give one or the "
				  "other",
				  s->build_opt);
	if (s->ndump && !s->have_root)
		return read_error(s,
				  "--dump needs --root PA: the physical address of the root table "
				  "(TTBR1's or satp's)");
	if (s->have_root && !s->ndump)
		return read_error(s, "--root PA goes with --dump FILE@PA");
	if (s->image && vml_pt_image_load(&s->img, s->image, &err)) {
		fprintf(stderr, "vmlayout %s: --image: %s\n", s->cmd, err.msg);
		return VML_EXIT_INPUT;
	}
	if (s->image) {
		s->fmt[0] = s->img.fmt[0];
		s->fmt[1] = s->img.fmt[1];
		s->split = s->img.split;
	}
	return 0;
}

/* Where the tables came from, for "is not in ...". */
static void source_text(const struct pt_session *s, char *buf, size_t len)
{
	if (s->image)
		snprintf(buf, len, "in the image '%s' (no run of '%s.json' holds it)", s->image,
			 s->image);
	else
		snprintf(buf, len, "in any --dump piece");
}

int pt_session_unreadable(const struct pt_session *s, const struct vml_pt_format *f,
			  const struct vml_diag *diag, bool va_given, uint64_t va)
{
	char where[1024];

	source_text(s, where, sizeof(where));
	fprintf(stderr, "vmlayout %s: ", s->cmd);
	if (va_given)
		fprintf(stderr, "walking 0x%llx: ", (unsigned long long)va);
	fprintf(stderr, "the level %d table (%s) at physical 0x%llx, 0x%llx bytes, is not %s\n",
		diag->index, pt_session_level_name(f, diag->index), (unsigned long long)diag->addr,
		(unsigned long long)diag->size, where);
	return VML_EXIT_INPUT;
}

int pt_session_check_readable(const struct pt_session *s)
{
	for (unsigned int h = 0; h < 2; h++) {
		struct vml_diag d = {0};

		if (s->have[h] && vml_pt_check_readable(&s->ctx[h], &d))
			return pt_session_unreadable(s, &s->fmt[h], &d, false, 0);
	}
	return 0;
}

static int attach(struct pt_session *s, unsigned int half, uint64_t root)
{
	struct vml_pt_ctx *c = &s->ctx[half];
	struct vml_diag d = {0};

	*c = (struct vml_pt_ctx){0};
	c->fmt = &s->fmt[half];
	c->upper = half == 1;
	c->window = vml_memdump_window;
	c->cb = &s->img.mem;
	if (vml_pt_attach(c, vml_pa(root), &d)) {
		if (d.code == VML_ERANGE)
			return pt_session_unreadable(s, c->fmt, &d, false, 0);
		return read_error(s, "cannot open the tables: %s", d.rule);
	}
	s->have[half] = true;
	return 0;
}

/* Each piece's file mapped at its PA; then the root in the kernel's half:
 * TTBR1's for two-root formats (arm64, an arm --split), else the only one. */
static int open_dump(struct pt_session *s)
{
	const struct vml_pt_format *f;
	unsigned int half = s->fmt[1].va_split == VML_PT_VA_TWO_ROOTS;
	struct vml_host_error err = {{0}};
	const unsigned char *bytes;
	uint64_t size, limit;
	for (unsigned int i = 0; i < s->ndump; i++) {
		struct pt_dump_arg *d = &s->dump[i];

		if (vml_memdump_map_file(&s->img.mem, d->path, &bytes, &size, &err))
			return read_error(s, "%s: %s", d->label, err.msg);
		if (vml_memdump_add(&s->img.mem, d->pa, size, bytes, d->label, &err))
			return read_error(s, "%s", err.msg);
	}
	f = &s->fmt[half];
	limit = vml_pt_table_limit(f);
	if (s->root % f->level[0].table_align || (limit && s->root >= limit)) {
		char msg[256];

		snprintf(
		    msg, sizeof(msg),
		    "--root 0x%llx: the root table of %s %s lies below 2^%u, aligned to 0x%x bytes "
		    "(give the table's address, not the register's value)",
		    (unsigned long long)s->root, f->arch, f->name,
		    f->table_pa_bits ? f->table_pa_bits : f->pa_bits, f->level[0].table_align);
		return read_error(s, "%s", msg);
	}
	return attach(s, half, s->root);
}

int pt_session_read_open(struct pt_session *s)
{
	int err;

	if (!s->image)
		return open_dump(s);
	for (unsigned int h = 0; h < 2; h++)
		if (s->img.roots.present[h] &&
		    (err = attach(s, h, vml_pa_addr(s->img.roots.root[h]))))
			return err;
	return 0;
}

void pt_session_read_free(struct pt_session *s)
{
	for (unsigned int i = 0; i < s->ndump; i++) {
		free(s->dump[i].path);
		free(s->dump[i].label);
	}
	s->ndump = 0;
	vml_pt_image_free(&s->img);
}
