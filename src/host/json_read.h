/* SPDX-License-Identifier: MIT */
/*
 * DOC: a small strict JSON reader (RFC 8259) for vmlayout's own files
 *
 * Reads a whole document into a tree of values. Strict where a lenient
 * reader would guess: trailing commas, comments, duplicate keys, control
 * characters and \u0000 in strings (the text is kept as C strings), lone
 * surrogates, nesting deeper than VML_JSON_MAX_DEPTH and anything after
 * the value are errors, each reported as "line L, column C: <rule>".
 * Numbers are kept as their text (vmlayout's addresses are hex strings;
 * counts are small integers).
 */
#ifndef VMLAYOUT_HOST_JSON_READ_H
#define VMLAYOUT_HOST_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#define VML_JSON_MAX_DEPTH 32

enum vml_json_kind {
	VML_JSON_NULL,
	VML_JSON_BOOL,
	VML_JSON_NUMBER,
	VML_JSON_STRING,
	VML_JSON_ARRAY,
	VML_JSON_OBJECT
};

/*
 * @text: STRING: the decoded text (NUL-terminated, UTF-8); NUMBER: the
 *	literal as written; NULL otherwise
 * @items, @keys, @n: ARRAY and OBJECT: the members in document order
 *	(@keys only for OBJECT)
 * @truth: BOOL
 */
struct vml_json_value {
	enum vml_json_kind kind;
	char *text;
	struct vml_json_value *items;
	char **keys;
	size_t n;
	bool truth;
};

/* Parse @len bytes of @src into @out (freed with vml_json_free). Returns 0, or
 * -1 with the reason ("line 3, column 7: expected ':' after a key") in
 * @why; @out is then empty. */
int vml_json_parse(const char *src, size_t len, struct vml_json_value *out, char *why,
		   size_t why_len);
void vml_json_free(struct vml_json_value *v);

/* The member @key of object @obj, or NULL. */
const struct vml_json_value *vml_json_member(const struct vml_json_value *obj, const char *key);

/* "a string", "an object", ...: for messages. */
const char *vml_json_kind_name(enum vml_json_kind kind);

#endif
