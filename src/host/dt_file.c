/* SPDX-License-Identifier: MIT */
/*
 * DOC: device tree files: a .dtb read as is, a .dts compiled by dtc
 *
 * dtc runs as `dtc -q -I dts -O dtb -o TMP FILE` with its standard error
 * captured in a second temporary file, so that its own message (file, line
 * and column) reaches the user. No shell is involved: any file name works.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmlayout/host_input.h"

#define DT_FILE_MAX (64u << 20) /* no real device tree is near 64 MiB */

extern char **environ;

static bool dt_name_ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);

	return n >= m && strcmp(path + n - m, suffix) == 0;
}

static int dt_compile(const char *path, void **blob, size_t *size, struct vml_host_error *err);

/* Standard input ("-") into a malloc'ed buffer, at most DT_FILE_MAX. */
static int dt_read_stdin(void **buf, size_t *size, struct vml_host_error *err)
{
	size_t n = 0, cap = 1 << 16;
	unsigned char *b = malloc(cap), *grown;
	size_t got;

	while (b && (got = fread(b + n, 1, cap - n, stdin)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= DT_FILE_MAX) {
				free(b);
				return vml_host_error_set(err, VML_ENOENT,
							  "(standard input): more than %u bytes, "
							  "too large for a device tree",
							  DT_FILE_MAX);
			}
			grown = realloc(b, cap * 2);
			if (!grown)
				break;
			b = grown;
			cap *= 2;
		}
	}
	if (!b || ferror(stdin)) {
		free(b);
		return vml_host_error_set(err, VML_ENOENT, "(standard input): cannot read it");
	}
	*buf = b;
	*size = n;
	return VML_OK;
}

/* Every @from in the message becomes @to (dtc names the temporary file). */
static void dt_rename_in_message(struct vml_host_error *err, const char *from, const char *to)
{
	char out[sizeof(err->msg)];
	size_t n = 0, lf = strlen(from), lt = strlen(to);

	for (const char *p = err->msg; *p && n + 1 < sizeof(out);) {
		if (!strncmp(p, from, lf) && n + lt + 1 < sizeof(out)) {
			memcpy(out + n, to, lt);
			n += lt;
			p += lf;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	memcpy(err->msg, out, n + 1);
}

/* A device tree source from standard input, written to a temporary file
 * for dtc. */
static int dt_compile_buffer(const void *src, size_t size, void **blob, size_t *blob_size,
			     struct vml_host_error *err)
{
	char path[] = "/tmp/vmlayout-stdin-XXXXXX";
	int fd = mkstemp(path), rc;
	bool ok = fd >= 0 && write(fd, src, size) == (ssize_t)size;

	if (fd >= 0)
		close(fd);
	if (!ok) {
		if (fd >= 0)
			unlink(path);
		return vml_host_error_set(err, VML_ENOENT,
					  "(standard input): cannot write a temporary file for "
					  "dtc: %s",
					  strerror(errno));
	}
	rc = dt_compile(path, blob, blob_size, err);
	unlink(path);
	if (rc)
		dt_rename_in_message(err, path, "(standard input)");
	return rc;
}

/* The whole file into a malloc'ed buffer. */
static int dt_read_whole(const char *path, void **buf, size_t *size, struct vml_host_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	void *b;

	if (!f)
		return vml_host_error_set(err, VML_ENOENT, "%s: cannot open: %s", path,
					  strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > DT_FILE_MAX) {
		fclose(f);
		return vml_host_error_set(err, VML_ENOENT,
					  "%s: not a regular file of at most %u bytes", path,
					  DT_FILE_MAX);
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b || fread(b, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(b);
		fclose(f);
		return vml_host_error_set(err, VML_ENOENT, "%s: cannot read it", path);
	}
	fclose(f);
	*buf = b;
	*size = (size_t)st.st_size;
	return VML_OK;
}

/* dtc's standard error, on one line, in @out. */
static void dt_dtc_message(int fd, char *out, size_t cap)
{
	size_t n = 0;
	ssize_t got;

	lseek(fd, 0, SEEK_SET);
	while (n + 1 < cap && (got = read(fd, out + n, cap - 1 - n)) > 0)
		n += (size_t)got;
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	for (char *p = out; *p; p++)
		if (*p == '\n')
			*p = ' ';
	if (n == 0)
		snprintf(out, cap, "(dtc printed nothing)");
}

static int dt_run_dtc(const char *path, const char *out_path, int err_fd, int *status)
{
	char a_dtc[] = "dtc", a_q[] = "-q", a_i[] = "-I", a_dts[] = "dts", a_o[] = "-O";
	char a_dtb[] = "dtb", a_out[] = "-o";
	char *argv[] = {a_dtc,	      a_q, a_i, a_dts, a_o, a_dtb, a_out, (char *)out_path,
			(char *)path, NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, err_fd, STDERR_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, "dtc", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return rc;
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return errno;
	return 0;
}

/* Compile @path; on success *blob holds the .dtb (malloc'ed). */
static int dt_compile(const char *path, void **blob, size_t *size, struct vml_host_error *err)
{
	char out_path[] = "/tmp/vmlayout-dtb-XXXXXX", err_path[] = "/tmp/vmlayout-dtc-XXXXXX";
	char msg[400];
	int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path), status = 0, rc;

	if (out_fd < 0 || err_fd < 0) {
		rc = vml_host_error_set(err, VML_ENOENT,
					"%s: cannot create a temporary file "
					"for dtc: %s",
					path, strerror(errno));
		goto out;
	}
	rc = dt_run_dtc(path, out_path, err_fd, &status);
	if (rc != 0) {
		rc = vml_host_error_set(err, VML_ENOENT,
					"%s: cannot run dtc (%s); install the "
					"device-tree-compiler package",
					path, strerror(rc));
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		dt_dtc_message(err_fd, msg, sizeof(msg));
		rc = vml_host_error_set(err, VML_EINVAL, "%s: dtc rejected it: %s", path, msg);
		goto out;
	}
	rc = dt_read_whole(out_path, blob, size, err);
out:
	if (out_fd >= 0) {
		close(out_fd);
		unlink(out_path);
	}
	if (err_fd >= 0) {
		close(err_fd);
		unlink(err_path);
	}
	return rc;
}

static bool dt_is_source(const char *path, const void *buf, size_t size)
{
	if (dt_name_ends_with(path, ".dts"))
		return true;
	if (dt_name_ends_with(path, ".dtb"))
		return false;
	return size < 4 || memcmp(buf, "\xd0\x0d\xfe\xed", 4) != 0;
}

/* "-": standard input, a blob or a source (sniffed by its magic). */
static int dt_load_stdin(struct vml_board *board, struct vml_host_error *err)
{
	void *buf = NULL, *blob = NULL;
	size_t size = 0, blob_size = 0;
	int rc = dt_read_stdin(&buf, &size, err);

	if (rc)
		return rc;
	if (size >= 4 && !memcmp(buf, "\xd0\x0d\xfe\xed", 4)) {
		rc = vml_dt_load_blob(buf, size, "(standard input)", board, err);
		free(buf);
		return rc;
	}
	rc = dt_compile_buffer(buf, size, &blob, &blob_size, err);
	free(buf);
	if (rc)
		return rc;
	rc = vml_dt_load_blob(blob, blob_size, "(standard input)", board, err);
	free(blob);
	return rc;
}

int vml_dt_load_file(const char *path, struct vml_board *board, struct vml_host_error *err)
{
	void *buf;
	size_t size;
	int rc;

	if (!strcmp(path, "-"))
		return dt_load_stdin(board, err);
	rc = dt_read_whole(path, &buf, &size, err);

	if (rc)
		return rc;
	if (dt_is_source(path, buf, size)) {
		free(buf);
		rc = dt_compile(path, &buf, &size, err);
		if (rc)
			return rc;
	}
	rc = vml_dt_load_blob(buf, size, path, board, err);
	free(buf);
	return rc;
}
