/* SPDX-License-Identifier: MIT */
/*
 * DOC: a small strict JSON reader (RFC 8259), recursive descent
 *
 * See json_read.h. The grammar is RFC 8259's; a failure stops the parse at
 * the first error and frees what was built.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/json_read.h"

struct reader {
	const char *s;
	size_t len, pos;
	char *why;
	size_t why_len;
	int failed;
};

static int fail(struct reader *r, const char *rule)
{
	size_t line = 1, col = 1;

	if (r->failed)
		return -1;
	for (size_t i = 0; i < r->pos && i < r->len; i++, col++)
		if (r->s[i] == '\n')
			line++, col = 0;
	snprintf(r->why, r->why_len, "line %zu, column %zu: %s", line, col, rule);
	r->failed = 1;
	return -1;
}

static int peek(const struct reader *r)
{
	return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1;
}

static void skip_space(struct reader *r)
{
	while (r->pos < r->len && strchr(" \t\r\n", r->s[r->pos]) && r->s[r->pos])
		r->pos++;
}

static int literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n))
		return fail(r, "expected a value (string, number, object, array, true, false, "
			       "null)");
	r->pos += n;
	return 0;
}

static size_t digits(struct reader *r)
{
	size_t n = 0;

	while (peek(r) >= '0' && peek(r) <= '9')
		r->pos++, n++;
	return n;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int number(struct reader *r, struct vml_json_value *v)
{
	size_t start = r->pos;

	if (peek(r) == '-')
		r->pos++;
	if (peek(r) == '0')
		r->pos++;
	else if (!digits(r))
		return fail(r, "expected a digit");
	if (peek(r) == '.') {
		r->pos++;
		if (!digits(r))
			return fail(r, "expected a digit after '.'");
	}
	if (peek(r) == 'e' || peek(r) == 'E') {
		r->pos++;
		if (peek(r) == '+' || peek(r) == '-')
			r->pos++;
		if (!digits(r))
			return fail(r, "expected a digit in the exponent");
	}
	v->kind = VML_JSON_NUMBER;
	v->text = strndup(r->s + start, r->pos - start);
	return v->text ? 0 : fail(r, "out of memory");
}

static int hex4(struct reader *r, uint32_t *cp)
{
	*cp = 0;
	for (int i = 0; i < 4; i++) {
		int c = peek(r);

		if (c < 0 || !strchr("0123456789abcdefABCDEF", c) || !c)
			return fail(r, "expected four hex digits after \\u");
		*cp = *cp * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		r->pos++;
	}
	return 0;
}

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* \uXXXX, with a surrogate pair as one code point. */
static int unicode_escape(struct reader *r, uint32_t *cp)
{
	uint32_t low;

	if (hex4(r, cp))
		return -1;
	/* The text is a C string: a NUL would cut it short silently. */
	if (!*cp)
		return fail(r, "a \\u0000 (NUL) inside a string");
	if (*cp >= 0xdc00 && *cp < 0xe000)
		return fail(r, "a lone low surrogate in \\u");
	if (*cp < 0xd800 || *cp >= 0xdc00)
		return 0;
	if (r->len - r->pos < 2 || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u')
		return fail(r, "a high surrogate \\u not followed by a low one");
	r->pos += 2;
	if (hex4(r, &low))
		return -1;
	if (low < 0xdc00 || low >= 0xe000)
		return fail(r, "a high surrogate \\u not followed by a low one");
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (low - 0xdc00);
	return 0;
}

/* A string's text, decoded; the escapes never lengthen it, so the raw
 * length bounds the buffer (a 6-byte \u gives at most 3 bytes, a pair 4). */
static int string(struct reader *r, char **out)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	size_t start = ++r->pos, n = 0;
	char *buf;

	while (r->pos < r->len && r->s[r->pos] != '"')
		r->pos += r->s[r->pos] == '\\' ? 2 : 1;
	if (r->pos >= r->len)
		return fail(r, "a string without its closing '\"'");
	buf = malloc(r->pos - start + 1);
	if (!buf)
		return fail(r, "out of memory");
	for (r->pos = start; r->s[r->pos] != '"';) {
		unsigned char c = (unsigned char)r->s[r->pos];
		const char *e;
		uint32_t cp;

		if (c < 0x20) {
			free(buf);
			return fail(r, "a control character inside a string");
		}
		r->pos++;
		if (c != '\\') {
			buf[n++] = (char)c;
			continue;
		}
		if (peek(r) == 'u') {
			r->pos++;
			if (unicode_escape(r, &cp)) {
				free(buf);
				return -1;
			}
			n += put_utf8(buf + n, cp);
		} else if (peek(r) > 0 && (e = strchr(esc_in, peek(r)))) {
			buf[n++] = esc_out[e - esc_in];
			r->pos++;
		} else {
			free(buf);
			return fail(r, "an unknown escape in a string");
		}
	}
	r->pos++;
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static int value(struct reader *r, struct vml_json_value *v, int depth);

/* Room for one more member; *cap doubles. */
static int grow(struct reader *r, struct vml_json_value *v, size_t *cap, bool keys)
{
	size_t c = *cap ? 2 * *cap : 8;
	struct vml_json_value *items;

	if (v->n < *cap)
		return 0;
	items = realloc(v->items, c * sizeof(*items));
	if (!items)
		return fail(r, "out of memory");
	v->items = items;
	if (keys) {
		char **k = realloc(v->keys, c * sizeof(*k));

		if (!k)
			return fail(r, "out of memory");
		v->keys = k;
	}
	*cap = c;
	return 0;
}

static int array(struct reader *r, struct vml_json_value *v, int depth)
{
	size_t cap = 0;

	v->kind = VML_JSON_ARRAY;
	r->pos++;
	skip_space(r);
	if (peek(r) == ']') {
		r->pos++;
		return 0;
	}
	for (;;) {
		if (grow(r, v, &cap, false))
			return -1;
		v->items[v->n] = (struct vml_json_value){0};
		if (value(r, &v->items[v->n++], depth + 1))
			return -1;
		skip_space(r);
		if (peek(r) == ']') {
			r->pos++;
			return 0;
		}
		if (peek(r) != ',')
			return fail(r, "expected ',' or ']' in an array");
		r->pos++;
	}
}

static int member(struct reader *r, struct vml_json_value *v, int depth)
{
	char *key;

	skip_space(r);
	if (peek(r) != '"')
		return fail(r, "expected a key (a string)");
	if (string(r, &key))
		return -1;
	if (vml_json_member(v, key)) {
		free(key);
		return fail(r, "a key given twice in one object");
	}
	v->keys[v->n] = key;
	v->items[v->n] = (struct vml_json_value){0};
	v->n++;
	skip_space(r);
	if (peek(r) != ':')
		return fail(r, "expected ':' after a key");
	r->pos++;
	return value(r, &v->items[v->n - 1], depth + 1);
}

static int object(struct reader *r, struct vml_json_value *v, int depth)
{
	size_t cap = 0;

	v->kind = VML_JSON_OBJECT;
	r->pos++;
	skip_space(r);
	if (peek(r) == '}') {
		r->pos++;
		return 0;
	}
	for (;;) {
		if (grow(r, v, &cap, true) || member(r, v, depth))
			return -1;
		skip_space(r);
		if (peek(r) == '}') {
			r->pos++;
			return 0;
		}
		if (peek(r) != ',')
			return fail(r, "expected ',' or '}' in an object");
		r->pos++;
	}
}

static int value(struct reader *r, struct vml_json_value *v, int depth)
{
	int c;

	if (depth >= VML_JSON_MAX_DEPTH)
		return fail(r, "nested deeper than 32 levels");
	skip_space(r);
	c = peek(r);
	if (c == '{')
		return object(r, v, depth);
	if (c == '[')
		return array(r, v, depth);
	if (c == '"') {
		v->kind = VML_JSON_STRING;
		return string(r, &v->text);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return number(r, v);
	if (c == 't' || c == 'f') {
		v->kind = VML_JSON_BOOL;
		v->truth = c == 't';
		return literal(r, c == 't' ? "true" : "false");
	}
	if (c == 'n') {
		v->kind = VML_JSON_NULL;
		return literal(r, "null");
	}
	return fail(r, c < 0 ? "the document ends where a value should be"
			     : "expected a value (string, number, object, array, true, false, "
			       "null)");
}

int vml_json_parse(const char *src, size_t len, struct vml_json_value *out, char *why,
		   size_t why_len)
{
	struct reader r = {src, len, 0, why, why_len, 0};

	*out = (struct vml_json_value){0};
	if (!value(&r, out, 0)) {
		skip_space(&r);
		if (r.pos == r.len)
			return 0;
		fail(&r, "text after the end of the document");
	}
	vml_json_free(out);
	return -1;
}

void vml_json_free(struct vml_json_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		vml_json_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
	*v = (struct vml_json_value){0};
}

const struct vml_json_value *vml_json_member(const struct vml_json_value *obj, const char *key)
{
	if (obj->kind != VML_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	return NULL;
}

const char *vml_json_kind_name(enum vml_json_kind kind)
{
	static const char *const names[] = {"null",	"true or false", "a number",
					    "a string", "an array",	 "an object"};

	return names[kind];
}
