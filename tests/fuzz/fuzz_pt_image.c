/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the JSON of a table image (`walk --image FILE` reads
 * FILE.json): vml_json_parse() on the text, then vml_pt_image_load() with
 * the text as FILE.json beside a fixed 64 KiB image of zeros.
 *
 * Checked beyond the sanitizers:
 * - the reader: a refusal says where ("line L, column C: ...") and leaves
 *   an empty value; an accepted document, written back canonically and
 *   read again, gives the same canonical text (nothing lost or invented by
 *   the escapes, numbers or nesting);
 * - the loader: a refusal is one sentence naming FILE or FILE.json and
 *   leaves the image empty; an accepted JSON gives a format of its arch
 *   whose registers, for the roots it read, are the JSON's; every run is a
 *   piece inside the image file; and a tree attached at each root walks
 *   (the tables are zeros: every walk faults or reads outside the runs).
 */
#include <sys/stat.h>

#include "fuzz_common.h"
#include "host/json_read.h"
#include "vmlayout/pt_image.h"

#define FUZZ_PI_IMAGE_SIZE 0x10000u

struct fuzz_pi_text {
	char *s;
	size_t n, cap;
};

static void fuzz_pi_put(struct fuzz_pi_text *t, const char *s, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

/* Canonical JSON: no spaces, strings with \" \\ and \u00XX for controls. */
static void fuzz_pi_write(struct fuzz_pi_text *t, const struct vml_json_value *v);

static void fuzz_pi_string(struct fuzz_pi_text *t, const char *s)
{
	fuzz_pi_put(t, "\"", 1);
	for (; *s; s++) {
		char esc[8];

		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned char)*s);
			fuzz_pi_put(t, esc, 6);
		} else {
			fuzz_pi_put(t, s, 1);
		}
	}
	fuzz_pi_put(t, "\"", 1);
}

static void fuzz_pi_write(struct fuzz_pi_text *t, const struct vml_json_value *v)
{
	switch (v->kind) {
	case VML_JSON_NULL:
		fuzz_pi_put(t, "null", 4);
		break;
	case VML_JSON_BOOL:
		fuzz_pi_put(t, v->truth ? "true" : "false", v->truth ? 4 : 5);
		break;
	case VML_JSON_NUMBER:
		fuzz_pi_put(t, v->text, strlen(v->text));
		break;
	case VML_JSON_STRING:
		fuzz_pi_string(t, v->text);
		break;
	case VML_JSON_ARRAY:
	case VML_JSON_OBJECT:
		fuzz_pi_put(t, v->kind == VML_JSON_ARRAY ? "[" : "{", 1);
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				fuzz_pi_put(t, ",", 1);
			if (v->kind == VML_JSON_OBJECT) {
				fuzz_pi_string(t, v->keys[i]);
				fuzz_pi_put(t, ":", 1);
			}
			fuzz_pi_write(t, &v->items[i]);
		}
		fuzz_pi_put(t, v->kind == VML_JSON_ARRAY ? "]" : "}", 1);
		break;
	}
}

static void fuzz_pi_reader(const uint8_t *data, size_t size)
{
	struct vml_json_value v, again;
	struct fuzz_pi_text t1 = {0}, t2 = {0};
	char why[160];

	if (vml_json_parse((const char *)data, size, &v, why, sizeof(why))) {
		FUZZ_CHECK(!strncmp(why, "line ", 5));
		FUZZ_CHECK(v.kind == VML_JSON_NULL && !v.items && !v.keys && !v.text && !v.n);
		return;
	}
	fuzz_pi_write(&t1, &v);
	FUZZ_CHECK(vml_json_parse(t1.s, t1.n, &again, why, sizeof(why)) == 0);
	fuzz_pi_write(&t2, &again);
	FUZZ_CHECK(t1.n == t2.n && !memcmp(t1.s, t2.s, t1.n));
	vml_json_free(&v);
	vml_json_free(&again);
	free(t1.s);
	free(t2.s);
}

/* A directory of our own with FILE (zeros) and FILE.json (the input). */
static const char *fuzz_pi_image_path(void)
{
	static char dir[64], path[96];
	static uint8_t zeros[FUZZ_PI_IMAGE_SIZE];
	FILE *f;

	if (path[0])
		return path;
	snprintf(dir, sizeof(dir), "/tmp/vmlayout-fuzz-pi-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/img", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(zeros, 1, sizeof(zeros), f) != sizeof(zeros) || fclose(f))
		abort();
	return path;
}

static void fuzz_pi_loader(const uint8_t *data, size_t size)
{
	const char *path = fuzz_pi_image_path();
	char json[128];
	struct vml_pt_image img;
	struct vml_host_error err = {{0}};
	FILE *f;

	snprintf(json, sizeof(json), "%s.json", path);
	f = fopen(json, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	if (vml_pt_image_load(&img, path, &err)) {
		FUZZ_CHECK(fuzz_msg_ok(err.msg, sizeof(err.msg)));
		FUZZ_CHECK(strstr(err.msg, path) != NULL);
		FUZZ_CHECK(!img.mem.n && !img.mem.nmap && !img.labels);
		return;
	}
	FUZZ_CHECK(img.roots.present[0] || img.roots.present[1]);
	FUZZ_CHECK(img.mem.n > 0 && img.mem.nmap == 1);
	for (size_t i = 0; i < img.mem.n; i++) {
		const struct vml_memdump_piece *p = &img.mem.piece[i];
		const uint8_t *start = img.mem.map[0].addr;

		FUZZ_CHECK(p->bytes >= start && p->size <= FUZZ_PI_IMAGE_SIZE &&
			   (size_t)(p->bytes - start) <= FUZZ_PI_IMAGE_SIZE - p->size);
		FUZZ_CHECK(i == 0 ||
			   img.mem.piece[i - 1].phys + img.mem.piece[i - 1].size <= p->phys);
	}
	for (unsigned int h = 0; h < 2; h++) {
		struct vml_pt_regs regs = {0};
		struct vml_pt_ctx ctx = {0};
		struct vml_pt_walk w;
		struct vml_diag d = {0};

		if (!img.roots.present[h])
			continue;
		img.fmt[0].ops->registers(&img.fmt[0], &img.roots, &regs);
		FUZZ_CHECK(regs.count > 0);
		ctx.fmt = &img.fmt[h];
		ctx.upper = h == 1;
		ctx.window = vml_memdump_window;
		ctx.cb = &img.mem;
		if (vml_pt_attach(&ctx, img.roots.root[h], &d))
			continue; /* a root outside the runs */
		FUZZ_CHECK(vml_pt_walk(&ctx, vml_va(ctx.va_start), &w, &d) != 0);
	}
	vml_pt_image_free(&img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 16))
		return 0;
	fuzz_pi_reader(data, size);
	fuzz_pi_loader(data, size);
	return 0;
}
