/* SPDX-License-Identifier: MIT */
/*
 * rodata= and kstrtobool() as each kernel version reads them
 * (src/core/linear_map_params.c): kstrtobool() of lib/kstrtox.c (v6.1 takes
 * t/T/f/F, v5.10 does not); which rodata words count under each arch's
 * handlers (init/main.c set_debug_rodata(), arm64 asm/setup.h
 * arch_parse_debug_rodata() v6.1/v6.12 and v6.16+, v5.10's strtobool()
 * __setup), the last one taken winning and a refused one changing
 * nothing; which get the warning.
 */
#include <string.h>

#include "check.h"
#include "vmlayout/layout_policy.h"

static void test_kstrtobool(void)
{
	static const struct {
		const char *s;
		bool ok_6_1, ok_5_10, value;
	} cases[] = {
	    {"y", true, true, true},	    {"Yes", true, true, true},
	    {"1", true, true, true},	    {"n", true, true, false},
	    {"No", true, true, false},	    {"0", true, true, false},
	    {"on", true, true, true},	    {"ON", true, true, true},
	    {"off", true, true, false},	    {"oFF", true, true, false},
	    {"t", true, false, true},	    {"True", true, false, true},
	    {"f", true, false, false},	    {"full", true, false, false},
	    {"o", false, false, false},	    {"ox", false, false, false},
	    {"", false, false, false},	    {"2", false, false, false},
	    {"noalias", true, true, false},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool v = !cases[i].value, w = !cases[i].value;

		CHECK(vml_kstrtobool(cases[i].s, true, &v) == cases[i].ok_6_1);
		CHECK(vml_kstrtobool(cases[i].s, false, &w) == cases[i].ok_5_10);
		if (cases[i].ok_6_1)
			CHECK(v == cases[i].value);
		if (cases[i].ok_5_10)
			CHECK(w == cases[i].value);
		if (!cases[i].ok_6_1)
			CHECK(v == !cases[i].value); /* untouched */
	}
	{
		bool v = true;

		CHECK(!vml_kstrtobool(NULL, true, &v));
		CHECK(v);
	}
}

/* Words as the host records them ("" with bare set for a bare word). */
static void words(struct vml_kernel_config *cfg, const char *const *w, unsigned int n)
{
	memset(cfg, 0, sizeof(*cfg));
	for (unsigned int i = 0; i < n; i++) {
		cfg->rodata_bare[i] = w[i] == NULL;
		strcpy(cfg->rodata_text[i], w[i] ? w[i] : "");
	}
	cfg->n_rodata = n;
}

static void test_rodata_effective(void)
{
	const uint32_t generic = VML_EARLY_RODATA;
	const uint32_t arm64 = VML_EARLY_RODATA | VML_EARLY_RODATA_FULL;
	const uint32_t arm64_16 = arm64 | VML_EARLY_RODATA_NOALIAS;
	const uint32_t v5_10 = VML_EARLY_RODATA_SETUP;
	static const struct {
		const char *w[4];
		unsigned int n;
		uint32_t handlers;
		unsigned int want;
		uint8_t warns; /* bit i: word i warned about */
	} cases[] = {
	    {{"off"}, 1, generic, VML_RODATA_OFF, 0},
	    {{"full"}, 1, generic, VML_RODATA_NONE, 1},
	    {{"off", "full"}, 2, generic, VML_RODATA_OFF, 2},
	    {{"full"}, 1, arm64, VML_RODATA_FULL, 0},
	    {{"off", "noalias"}, 2, arm64, VML_RODATA_OFF, 2},
	    {{"off", "noalias"}, 2, arm64_16, VML_RODATA_NOALIAS, 0},
	    {{"on", NULL}, 2, arm64_16, VML_RODATA_ON, 2},
	    {{"Off"}, 1, arm64, VML_RODATA_NONE, 1},
	    {{"0"}, 1, generic, VML_RODATA_NONE, 1},
	    {{"0"}, 1, v5_10, VML_RODATA_OFF, 0},
	    {{"yes", "full"}, 2, v5_10, VML_RODATA_ON, 0},
	    {{"off"}, 1, 0, VML_RODATA_NONE, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg;

		words(&cfg, cases[i].w, cases[i].n);
		CHECK_EQ_INT(vml_rodata_effective(&cfg, cases[i].handlers), cases[i].want);
		for (unsigned int k = 0; k < cases[i].n; k++)
			CHECK(vml_rodata_word_warns(&cfg, k, cases[i].handlers) ==
			      ((cases[i].warns >> k) & 1));
		CHECK(!vml_rodata_word_warns(&cfg, cases[i].n, cases[i].handlers));
	}
}

int main(void)
{
	RUN_TEST(test_kstrtobool);
	RUN_TEST(test_rodata_effective);
	return CHECK_DONE("test_linear_map_params");
}
