/* SPDX-License-Identifier: MIT */
/* The strict JSON reader (src/host/json_read.c): values, escapes, and the
 * position and rule of each refusal. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "host/json_read.h"

static int parse(const char *text, struct vml_json_value *v, char *why)
{
	return vml_json_parse(text, strlen(text), v, why, 160);
}

static void test_values(void)
{
	struct vml_json_value v;
	const struct vml_json_value *m;
	char why[160] = "";

	CHECK_EQ_INT(
	    parse(" {\"a\": [1, -0.5e+3, true, false, null, {}], \"b\": \"x\"}\n", &v, why), 0);
	CHECK_EQ_INT(v.kind, VML_JSON_OBJECT);
	CHECK_EQ_INT(v.n, 2);
	m = vml_json_member(&v, "a");
	CHECK(m && m->kind == VML_JSON_ARRAY && m->n == 6);
	if (m && m->n == 6) {
		CHECK_EQ_STR(m->items[0].text, "1");
		CHECK_EQ_STR(m->items[1].text, "-0.5e+3");
		CHECK(m->items[2].kind == VML_JSON_BOOL && m->items[2].truth);
		CHECK(m->items[3].kind == VML_JSON_BOOL && !m->items[3].truth);
		CHECK_EQ_INT(m->items[4].kind, VML_JSON_NULL);
		CHECK(m->items[5].kind == VML_JSON_OBJECT && m->items[5].n == 0);
	}
	CHECK_EQ_STR(vml_json_member(&v, "b")->text, "x");
	CHECK(!vml_json_member(&v, "c"));
	vml_json_free(&v);
}

/* \n, \u00e9 (2 UTF-8 bytes), \u20ac (3), a surrogate pair (4), \/. */
static void test_string_escapes(void)
{
	struct vml_json_value v;
	char why[160] = "";

	CHECK_EQ_INT(parse("\"a\\n\\u00e9\\u20ac\\ud83d\\ude00\\/\\\"\"", &v, why), 0);
	CHECK_EQ_STR(v.text, "a\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/\"");
	vml_json_free(&v);
}

static void refused(const char *text, const char *want)
{
	struct vml_json_value v;
	char why[160] = "";

	CHECK_EQ_INT(parse(text, &v, why), -1);
	CHECK_EQ_STR(why, want);
	CHECK(v.kind == VML_JSON_NULL && !v.items && !v.text); /* nothing left */
}

static void test_refusals(void)
{
	refused("{\"a\": 1,}", "line 1, column 9: expected a key (a string)");
	refused("[1, 2,]", "line 1, column 7: expected a value (string, number, object, array, "
			   "true, false, null)");
	refused("{\"a\": 1, \"a\": 2}", "line 1, column 13: a key given twice in one object");
	refused("{\"a\" 1}", "line 1, column 6: expected ':' after a key");
	refused("{}\n{}", "line 2, column 1: text after the end of the document");
	refused("// c\n{}", "line 1, column 1: expected a value (string, number, object, array, "
			    "true, false, null)");
	refused("\"a\tb\"", "line 1, column 3: a control character inside a string");
	refused("\"abc", "line 1, column 5: a string without its closing '\"'");
	refused("\"\\x\"", "line 1, column 3: an unknown escape in a string");
	refused("\"\\ud800x\"", "line 1, column 8: a high surrogate \\u not followed by a low one");
	refused("\"\\udc00\"", "line 1, column 8: a lone low surrogate in \\u");
	refused("\"a\\u0000b\"", "line 1, column 9: a \\u0000 (NUL) inside a string");
	refused("\"\\u12g4\"", "line 1, column 6: expected four hex digits after \\u");
	refused("01", "line 1, column 2: text after the end of the document");
	refused("1.", "line 1, column 3: expected a digit after '.'");
	refused("1e+", "line 1, column 4: expected a digit in the exponent");
	refused("-", "line 1, column 2: expected a digit");
	refused("tru", "line 1, column 1: expected a value (string, number, object, array, true, "
		       "false, null)");
	refused("", "line 1, column 1: the document ends where a value should be");
	refused("[1 2]", "line 1, column 4: expected ',' or ']' in an array");
	refused("{\"a\": 1 \"b\": 2}", "line 1, column 9: expected ',' or '}' in an object");
}

/* 32 levels of nesting are read; the 33rd is refused, not a deep stack. */
static void test_depth(void)
{
	char text[80];
	struct vml_json_value v;
	char why[160] = "";

	memset(text, '[', 32);
	memset(text + 32, ']', 32);
	text[64] = '\0';
	CHECK_EQ_INT(parse(text, &v, why), 0);
	vml_json_free(&v);
	memset(text, '[', 33);
	memset(text + 33, ']', 33);
	text[66] = '\0';
	CHECK_EQ_INT(parse(text, &v, why), -1);
	CHECK_EQ_STR(why, "line 1, column 33: nested deeper than 32 levels");
}

/* A NUL byte inside the given length is refused, not taken as the end. */
static void test_nul_byte(void)
{
	struct vml_json_value v;
	char why[160] = "";

	CHECK_EQ_INT(vml_json_parse("{} \0", 4, &v, why, sizeof(why)), -1);
	CHECK_EQ_STR(why, "line 1, column 4: text after the end of the document");
	CHECK_EQ_INT(vml_json_parse("\"a\0\"", 4, &v, why, sizeof(why)), -1);
	CHECK_EQ_STR(why, "line 1, column 3: a control character inside a string");
}

int main(void)
{
	RUN_TEST(test_values);
	RUN_TEST(test_string_escapes);
	RUN_TEST(test_refusals);
	RUN_TEST(test_depth);
	RUN_TEST(test_nul_byte);
	return CHECK_DONE("test_json_read");
}
