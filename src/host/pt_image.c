/* SPDX-License-Identifier: MIT */
/*
 * DOC: reading back a table image and its JSON (include/vmlayout/pt_image.h)
 *
 * Every field is checked against the rule the writer (src/cli/cmd_tables.c
 * write_json()) follows, so a file that was cut short, edited or paired
 * with another image's JSON is refused with the field at fault rather than
 * walked into a wrong answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/json_read.h"
#include "vmlayout/pt_image.h"

#define JSON_MAX_BYTES (64u << 20) /* a million runs; the writer's are far fewer */

struct reading {
	const char *image, *json; /* paths */
	struct vml_json_value doc;
	struct vml_host_error *err;
};

/* FILE.json read whole and parsed. */
static int parse_json(struct reading *r)
{
	char why[160];
	FILE *f = fopen(r->json, "rb");
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int bad;

	if (!f)
		return vml_host_error_set(r->err, VML_ENOENT, "'%s': cannot open: %s", r->json,
					  strerror(errno));
	bad = fstat(fileno(f), &st) || !S_ISREG(st.st_mode);
	if (!bad && st.st_size <= JSON_MAX_BYTES) {
		text = malloc((size_t)st.st_size + 1);
		len = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
		bad = !text || ferror(f) || len != (size_t)st.st_size;
	}
	fclose(f);
	if (bad || st.st_size > JSON_MAX_BYTES) {
		free(text);
		return vml_host_error_set(r->err, VML_EINVAL, "'%s': %s", r->json,
					  bad ? "cannot read it as a file" : "larger than 64 MiB");
	}
	bad = vml_json_parse(text, len, &r->doc, why, sizeof(why));
	free(text);
	if (bad)
		return vml_host_error_set(r->err, VML_EINVAL, "'%s' is not valid JSON: %s", r->json,
					  why);
	if (r->doc.kind != VML_JSON_OBJECT)
		return vml_host_error_set(r->err, VML_EINVAL,
					  "'%s': the document must be an object, not %s", r->json,
					  vml_json_kind_name(r->doc.kind));
	return 0;
}

/* Member @key of @obj, of @kind; @where names @obj in messages. */
static int field(struct reading *r, const struct vml_json_value *obj, const char *where,
		 const char *key, enum vml_json_kind kind, const struct vml_json_value **out)
{
	const struct vml_json_value *v = vml_json_member(obj, key);

	if (!v)
		return vml_host_error_set(r->err, VML_EINVAL,
					  "'%s'%s lacks \"%s\" (vmlayout tables --out writes it)",
					  r->json, where, key);
	if (v->kind != kind)
		return vml_host_error_set(r->err, VML_EINVAL, "'%s'%s: \"%s\" must be %s, not %s",
					  r->json, where, key, vml_json_kind_name(kind),
					  vml_json_kind_name(v->kind));
	*out = v;
	return 0;
}

/* A "0x..." string of 1 to 16 hex digits, as the writer prints addresses. */
static int hex_field(struct reading *r, const struct vml_json_value *obj, const char *where,
		     const char *key, uint64_t *out)
{
	const struct vml_json_value *v;
	const char *t;
	size_t n;
	int err = field(r, obj, where, key, VML_JSON_STRING, &v);

	if (err)
		return err;
	t = v->text;
	n = strlen(t);
	if (n < 3 || n > 18 || t[0] != '0' || t[1] != 'x' ||
	    strspn(t + 2, "0123456789abcdefABCDEF") != n - 2)
		return vml_host_error_set(r->err, VML_EINVAL,
					  "'%s'%s: \"%s\" is \"%s\", not a hex address such as "
					  "\"0x40000000\"",
					  r->json, where, key, t);
	*out = strtoull(t + 2, NULL, 16);
	return 0;
}

/* The format from arch, format, pa_bits and split (and the TTBR1 half's). */
static int read_format(struct reading *r, struct vml_pt_image *img)
{
	const struct vml_json_value *arch, *name, *pa;
	struct vml_diag d = {0};
	unsigned long bits;
	char *end;
	int err = field(r, &r->doc, "", "arch", VML_JSON_STRING, &arch);

	if (!err)
		err = field(r, &r->doc, "", "format", VML_JSON_STRING, &name);
	if (!err)
		err = field(r, &r->doc, "", "pa_bits", VML_JSON_NUMBER, &pa);
	if (!err && vml_json_member(&r->doc, "split"))
		err = hex_field(r, &r->doc, "", "split", &img->split);
	if (err)
		return err;
	bits = strtoul(pa->text, &end, 10);
	if (*end || bits < 1 || bits > 64)
		return vml_host_error_set(r->err, VML_EINVAL,
					  "'%s': \"pa_bits\" is %s, not a number of bits (1..64)",
					  r->json, pa->text);
	for (unsigned int half = 0; half < (img->split ? 2u : 1u); half++) {
		err = vml_pt_format_of_name(&img->fmt[half], arch->text, name->text,
					    (unsigned int)bits, img->split, half, &d);
		if (err == VML_ENOENT)
			return vml_host_error_set(
			    r->err, VML_EINVAL,
			    "'%s': arch \"%s\": vmlayout has no page-table format for it", r->json,
			    arch->text);
		if (err)
			return vml_host_error_set(r->err, VML_EINVAL,
						  "'%s': format \"%s\" of arch \"%s\" with pa_bits "
						  "%lu%s: %s",
						  r->json, name->text, arch->text, bits,
						  img->split ? " and its split" : "", d.rule);
	}
	if (!img->split)
		img->fmt[1] = img->fmt[0];
	return 0;
}

/* The roots from the format's registers, and the registers given back
 * from them: a TCR of another granule, a satp of another mode or a TTBR
 * with stray bits disagree with the format and are refused. */
static int read_roots(struct reading *r, struct vml_pt_image *img)
{
	const struct vml_pt_format *f = &img->fmt[0];
	struct vml_pt_roots all = {{true, true}, {vml_pa(0), vml_pa(0)}};
	struct vml_pt_regs names = {0}, regs = {0}, again = {0};
	uint64_t root_phys;
	int err;

	if (!f->ops->registers || !f->ops->roots_from_registers)
		return vml_host_error_set(r->err, VML_EINVAL,
					  "'%s': format %s has no registers to find its roots in",
					  r->json, f->name);
	f->ops->registers(f, &all, &names);
	regs.count = names.count;
	for (unsigned int i = 0; i < names.count; i++) {
		regs.reg[i].name = names.reg[i].name;
		err = hex_field(r, &r->doc, "", names.reg[i].name, &regs.reg[i].value);
		if (err)
			return err;
	}
	f->ops->roots_from_registers(f, &regs, &img->roots);
	f->ops->registers(f, &img->roots, &again);
	for (unsigned int i = 0; i < regs.count; i++)
		if (again.reg[i].value != regs.reg[i].value)
			return vml_host_error_set(
			    r->err, VML_EINVAL,
			    "'%s': \"%s\" is 0x%llx, but format %s with the roots it names gives "
			    "0x%llx: the registers and the format disagree",
			    r->json, regs.reg[i].name, (unsigned long long)regs.reg[i].value,
			    f->name, (unsigned long long)again.reg[i].value);
	if (!img->roots.present[0] && !img->roots.present[1])
		return vml_host_error_set(
		    r->err, VML_EINVAL, "'%s': the registers turn off every half: no table to walk",
		    r->json);
	err = hex_field(r, &r->doc, "", "root_phys", &root_phys);
	if (err)
		return err;
	if (root_phys != vml_pa_addr(img->roots.root[img->roots.present[0] ? 0 : 1]))
		return vml_host_error_set(
		    r->err, VML_EINVAL,
		    "'%s': \"root_phys\" 0x%llx is not the root the registers "
		    "name (0x%llx)",
		    r->json, (unsigned long long)root_phys,
		    (unsigned long long)vml_pa_addr(
			img->roots.root[img->roots.present[0] ? 0 : 1]));
	return 0;
}

struct run {
	uint64_t phys, offset, size;
};

/* Run @i: its three fields, where image_base_phys says it lies. */
static int read_run(struct reading *r, const struct vml_json_value *v, size_t i, uint64_t base,
		    struct run *out)
{
	char where[40];
	int err;

	snprintf(where, sizeof(where), " run %zu", i);
	if (v->kind != VML_JSON_OBJECT)
		return vml_host_error_set(r->err, VML_EINVAL, "'%s'%s: must be an object, not %s",
					  r->json, where, vml_json_kind_name(v->kind));
	err = hex_field(r, v, where, "phys", &out->phys);
	if (!err)
		err = hex_field(r, v, where, "offset", &out->offset);
	if (!err)
		err = hex_field(r, v, where, "size", &out->size);
	if (err)
		return err;
	if (!out->size || out->offset + out->size < out->offset)
		return vml_host_error_set(
		    r->err, VML_EINVAL, "'%s'%s: size 0x%llx at offset 0x%llx is not a byte range",
		    r->json, where, (unsigned long long)out->size, (unsigned long long)out->offset);
	if (out->phys < base || out->phys - base != out->offset)
		return vml_host_error_set(
		    r->err, VML_EINVAL,
		    "'%s'%s: offset 0x%llx is not phys 0x%llx - image_base_phys "
		    "0x%llx",
		    r->json, where, (unsigned long long)out->offset, (unsigned long long)out->phys,
		    (unsigned long long)base);
	return 0;
}

/* The runs as pieces of the mapped image, after checking the image ends
 * where the last run does (the writer makes it so). */
static int read_runs(struct reading *r, struct vml_pt_image *img)
{
	const struct vml_json_value *runs;
	const unsigned char *bytes;
	uint64_t base, size, end = 0;
	struct run *run;
	size_t label_len = strlen(r->json) + 32;
	int err = field(r, &r->doc, "", "runs", VML_JSON_ARRAY, &runs);

	if (!err)
		err = hex_field(r, &r->doc, "", "image_base_phys", &base);
	if (!err && !runs->n)
		err = vml_host_error_set(r->err, VML_EINVAL, "'%s': \"runs\" is empty", r->json);
	if (err)
		return err;
	run = calloc(runs->n, sizeof(*run));
	img->labels = calloc(runs->n, label_len);
	if (!run || !img->labels) {
		free(run);
		return vml_host_error_set(r->err, VML_ENOMEM, "'%s': out of memory", r->json);
	}
	for (size_t i = 0; !err && i < runs->n; i++) {
		err = read_run(r, &runs->items[i], i, base, &run[i]);
		if (!err && run[i].offset + run[i].size > end)
			end = run[i].offset + run[i].size;
	}
	if (!err)
		err = vml_memdump_map_file(&img->mem, r->image, &bytes, &size, r->err);
	if (!err && size != end)
		err = vml_host_error_set(
		    r->err, VML_ERANGE,
		    size < end ? "'%s' is truncated: %llu bytes, but the runs of '%s' end at %llu"
			       : "'%s' is %llu bytes, but the runs of '%s' end at %llu: the image "
				 "and its JSON do not match",
		    r->image, (unsigned long long)size, r->json, (unsigned long long)end);
	for (size_t i = 0; !err && i < runs->n; i++) {
		char *label = img->labels + i * label_len;

		snprintf(label, label_len, "'%s' run %zu", r->json, i);
		err = vml_memdump_add(&img->mem, run[i].phys, run[i].size, bytes + run[i].offset,
				      label, r->err);
	}
	free(run);
	return err;
}

int vml_pt_image_load(struct vml_pt_image *img, const char *path, struct vml_host_error *err)
{
	struct reading r = {path, NULL, {0}, err};
	char *json = malloc(strlen(path) + sizeof(".json"));
	FILE *probe = fopen(path, "rb");
	int ret;

	*img = (struct vml_pt_image){0};
	if (!json) {
		if (probe)
			fclose(probe);
		return vml_host_error_set(err, VML_ENOMEM, "'%s': out of memory", path);
	}
	/* The image first: a missing FILE is the likelier mistake. */
	if (!probe) {
		ret = vml_host_error_set(err, VML_ENOENT, "'%s': cannot open: %s", path,
					 strerror(errno));
		free(json);
		return ret;
	}
	fclose(probe);
	strcpy(json, path);
	strcat(json, ".json");
	r.json = json;
	ret = parse_json(&r);
	if (!ret)
		ret = read_format(&r, img);
	if (!ret)
		ret = read_roots(&r, img);
	if (!ret)
		ret = read_runs(&r, img);
	vml_json_free(&r.doc);
	free(json);
	if (ret)
		vml_pt_image_free(img);
	return ret;
}

void vml_pt_image_free(struct vml_pt_image *img)
{
	vml_memdump_free(&img->mem);
	free(img->labels);
	*img = (struct vml_pt_image){0};
}
