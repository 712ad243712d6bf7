/* SPDX-License-Identifier: MIT */
/*
 * The fuzz corpora as regression tests under `make check`, without clang
 * or libFuzzer: every harness of tests/fuzz/ is compiled in here (its entry
 * point renamed) and every committed input of tests/fuzz/corpus/<target>/
 * is run through it once. A harness aborts on a broken contract, so a
 * regression shows as a crash of this program naming the input last
 * printed. Then the reproducers of the bugs fuzzing found and that were
 * fixed, each with the exact outcome the fix gives.
 */
#include <dirent.h>
#include <errno.h>

#include "check.h"

#define LLVMFuzzerTestOneInput fuzz_one_dt_layout
#include "fuzz/fuzz_dt_layout.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_cmdline_kconfig
#include "fuzz/fuzz_cmdline_kconfig.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_sysmap
#include "fuzz/fuzz_sysmap.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_map_spec
#include "fuzz/fuzz_map_spec.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_one_pgtable
#include "fuzz/fuzz_pgtable.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of tests/fuzz/corpus/@target through @fn, in name order;
 * returns how many. */
static int replay(const char *target, fuzz_fn fn)
{
	char dir[256], path[512], *names[4096];
	int n = 0;
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", target);
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "  %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) && n < 4096)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), name_cmp);
	for (int i = 0; i < n; i++) {
		static uint8_t buf[1 << 20];
		size_t len;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		f = fopen(path, "rb");
		CHECK(f != NULL);
		if (!f)
			continue;
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		fprintf(stderr, "  replay %s\n",
			path); /* the culprit if the next line is a crash */
		fn(buf, len);
		free(names[i]);
	}
	return n;
}

static void test_replay_dt_layout(void)
{
	CHECK(replay("dt_layout", fuzz_one_dt_layout) > 0);
}

static void test_replay_cmdline_kconfig(void)
{
	CHECK(replay("cmdline_kconfig", fuzz_one_cmdline_kconfig) > 0);
}

static void test_replay_sysmap(void)
{
	CHECK(replay("sysmap", fuzz_one_sysmap) > 0);
}

static void test_replay_map_spec(void)
{
	CHECK(replay("map_spec", fuzz_one_map_spec) > 0);
}

static void test_replay_pgtable(void)
{
	CHECK(replay("pgtable", fuzz_one_pgtable) > 0);
}

int main(void)
{
	RUN_TEST(test_replay_dt_layout);
	RUN_TEST(test_replay_cmdline_kconfig);
	RUN_TEST(test_replay_sysmap);
	RUN_TEST(test_replay_map_spec);
	RUN_TEST(test_replay_pgtable);
	return CHECK_DONE("test_fuzz_replay");
}
