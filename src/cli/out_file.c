/* SPDX-License-Identifier: MIT */
/* Output files written to a temporary name, fsync'ed and renamed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/out_file.h"

int out_file_open(struct out_file *o, const char *path, const char *who)
{
	size_t n = strlen(path);
	int fd;

	struct stat st;

	memset(o, 0, sizeof(*o));
	o->path = path;
	/* A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in
	 * place: renaming over it would replace the node itself. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->f = fopen(path, "wb");
		if (!o->f) {
			fprintf(stderr, "%s '%s': cannot open it for writing: %s\n", who, path,
				strerror(errno));
			return -1;
		}
		return 0;
	}
	o->tmp_path = malloc(n + sizeof(".tmp-XXXXXX"));
	if (!o->tmp_path) {
		fprintf(stderr, "%s '%s': out of memory\n", who, path);
		return -1;
	}
	memcpy(o->tmp_path, path, n);
	memcpy(o->tmp_path + n, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	fd = mkstemp(o->tmp_path);
	if (fd >= 0) {
		/* mkstemp() makes the file 0600; give it fopen()'s 0666 & ~umask. */
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
		fprintf(stderr, "%s '%s': cannot create a file there: %s\n", who, path,
			strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp_path);
		}
		free(o->tmp_path);
		o->tmp_path = NULL;
		return -1;
	}
	return 0;
}

void out_file_abort(struct out_file *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp_path) {
		unlink(o->tmp_path);
		free(o->tmp_path);
	}
	memset(o, 0, sizeof(*o));
}

int out_file_commit(struct out_file *o, const char *who)
{
	int err = 0;

	errno = 0;
	if (fflush(o->f) || ferror(o->f) || (o->tmp_path && fsync(fileno(o->f))))
		err = errno ? errno : EIO;
	if (fclose(o->f) && !err)
		err = errno ? errno : EIO;
	o->f = NULL;
	if (!err && o->tmp_path && rename(o->tmp_path, o->path))
		err = errno;
	if (err) {
		fprintf(stderr, "%s '%s': cannot write the file: %s\n", who, o->path,
			strerror(err));
		out_file_abort(o);
		return -1;
	}
	free(o->tmp_path);
	memset(o, 0, sizeof(*o));
	return 0;
}
