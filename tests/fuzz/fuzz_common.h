/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer harnesses in tests/fuzz/: a contract check that
 * aborts (so libFuzzer saves the input), a NUL-terminated copy of the input,
 * and an in-memory file for the readers that take a path.
 *
 * The harnesses are also compiled, with gcc and without libFuzzer, into
 * tests/fuzz/test_fuzz_replay.c, which replays the committed corpora under
 * `make check`; everything here is therefore static and guarded.
 */
#ifndef VMLAYOUT_FUZZ_COMMON_H
#define VMLAYOUT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Checks that open bugs (reported, not yet fixed, reproducers under
 * tests/fuzz/open/) would fail are off unless built with
 * -DFUZZ_OPEN_BUGS=1 (`make fuzz-open`), so fuzzing can get past them. */
#ifndef FUZZ_OPEN_BUGS
#define FUZZ_OPEN_BUGS 0
#endif

/* A broken contract is a finding: print it and abort, so that libFuzzer
 * (or the replay test) reports the input. */
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__,      \
				#cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* @data as a C string (stops at the first NUL, as a C caller would); free it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* An in-memory file holding @data, reachable by @path (/proc/self/fd/N).
 * One memfd per process, rewritten for every input. */
struct fuzz_file {
	char path[64];
};

static inline void fuzz_file_write(struct fuzz_file *f, const uint8_t *data, size_t size)
{
	static int fd = -1;

	if (fd < 0) {
		fd = memfd_create("vmlayout-fuzz", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size) {
		perror("memfd write");
		abort();
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", fd);
}

/* The error sentence is NUL-terminated and non-empty after a failure. */
static inline int fuzz_msg_ok(const char *msg, size_t cap)
{
	return memchr(msg, '\0', cap) != NULL && msg[0] != '\0';
}

#endif
