// SPDX-License-Identifier: MIT
/*
 * The kernel's page tables as JSON (issue: `layout --format json`'s
 * "kernel_tables", `boot-tables --format json`): one run per stretch of
 * leaves of one size, prot and flags, contiguous in VA and PA, so that a
 * linear map of a million pages is one line.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "cli/kernel_tables_json.h"

struct kt_run {
	FILE *out;
	int indent;
	bool open, first;
	uint64_t va, end, pa, size, count;
	struct vml_pt_attrs attrs;
};

/* "4K", "2M", "1G", "512G", "64K", "16M": the largest unit that divides. */
static void size_name(uint64_t size, char *buf, size_t cap)
{
	static const char units[] = "KMGTPE";
	unsigned int u = 0;

	size >>= 10;
	while (u + 1 < sizeof(units) - 1 && size >= 1024 && !(size & 1023)) {
		size >>= 10;
		u++;
	}
	snprintf(buf, cap, "%" PRIu64 "%c", size, units[u]);
}

static void rwx(uint32_t perm, uint32_t r, uint32_t w, uint32_t x, char out[4])
{
	out[0] = (perm & r) ? 'r' : '-';
	out[1] = (perm & w) ? 'w' : '-';
	out[2] = (perm & x) ? 'x' : '-';
	out[3] = '\0';
}

static const char *memtype_name(unsigned int mt)
{
	static const char *const names[VML_PT_MT_COUNT] = {"normal", "normal-tagged", "normal-nc",
							   "device-nGnRnE", "device-nGnRE"};

	return mt < VML_PT_MT_COUNT ? names[mt] : "unknown";
}

static void flush(struct kt_run *r)
{
	char size[24], prot[4], user[4];
	const uint32_t p = r->attrs.perm;

	if (!r->open)
		return;
	size_name(r->size, size, sizeof(size));
	rwx(p, VML_PT_READ, VML_PT_WRITE, VML_PT_EXEC, prot);
	rwx(p, VML_PT_USER_READ, VML_PT_USER_WRITE, VML_PT_USER_EXEC, user);
	fprintf(r->out,
		"%s\n%*s{\"va\": \"0x%" PRIx64 "\", \"end\": \"0x%" PRIx64
		"\", \"pa\": \"0x%" PRIx64 "\", \"size\": \"%s\", \"count\": %" PRIu64
		", \"prot\": \"%s\", \"flags\": [\"%s\"",
		r->first ? "" : ",", r->indent + 4, "", r->va, r->end, r->pa, size, r->count, prot,
		memtype_name(r->attrs.memtype));
	if (!(p & VML_PT_GLOBAL))
		fputs(", \"nG\"", r->out);
	if (p & VML_PT_CONT)
		fputs(", \"cont\"", r->out);
	if (!(p & VML_PT_ACCESSED))
		fputs(", \"not-accessed\"", r->out);
	if (p & (VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC))
		fprintf(r->out, ", \"user:%s\"", user);
	if (r->attrs.domain)
		fprintf(r->out, ", \"domain:%u\"", r->attrs.domain);
	if (r->attrs.arch_bits)
		fprintf(r->out, ", \"arch:0x%" PRIx64 "\"", r->attrs.arch_bits);
	fputs("]}", r->out);
	r->first = false;
	r->open = false;
}

static int leaf(void *arg, const struct vml_pt_range *l)
{
	struct kt_run *r = arg;
	uint64_t va = vml_va_addr(l->va), pa = vml_pa_addr(l->pa);

	if (r->open && r->end == va && r->size == l->size && r->pa + (r->end - r->va) == pa &&
	    vml_pt_attrs_equal(&r->attrs, &l->attrs)) {
		r->end += l->size;
		r->count++;
		return 0;
	}
	flush(r);
	*r = (struct kt_run){r->out,	   r->indent, true,    r->first, va,
			     va + l->size, pa,	      l->size, 1,	 l->attrs};
	return 0;
}

struct kt_count {
	uint64_t tables, bytes;
};

static int table(void *arg, int level, vml_paddr_t pa, uint64_t size)
{
	struct kt_count *c = arg;

	(void)level;
	(void)pa;
	c->tables++;
	c->bytes += size;
	return 0;
}

void kernel_tables_json(FILE *out, const struct vml_pt_ctx *ctx, const char *format_name,
			int indent)
{
	struct kt_run r = {out, indent, false, true, 0, 0, 0, 0, 0, {0}};
	struct kt_count c = {0, 0};

	vml_pt_for_each_table(ctx, table, &c);
	fprintf(out,
		"\"kernel_tables\": {\"format\": \"%s\", \"root_pa\": \"0x%" PRIx64
		"\", \"table_pages\": %" PRIu64 ", \"table_bytes\": %" PRIu64 ", \"leaves\": [",
		format_name, vml_pa_addr(ctx->root), c.tables, c.bytes);
	vml_pt_for_each_leaf(ctx, leaf, &r);
	flush(&r);
	fprintf(out, "\n%*s]}", indent + 2, "");
}
