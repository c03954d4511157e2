/* files.c - a file written whole or not at all, for `backup`, `restore`
 * and `export`:
 * the backends write into a temp file beside the target (same directory, so
 * same file system), then file_commit() syncs it, renames it over the target
 * and syncs the directory. A crash at any point leaves either the old target
 * or the new one under its name, never half of one; at worst a stray
 * "NAME.tmp-XXXXXX" beside it. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/files.h"

char *file_temp_beside(const char *path, struct errinfo *ei)
{
	size_t n = strlen(path) + 12;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot create a file beside %s: %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc;
	while ((rc = fsync(fd)) < 0 && errno == EINTR)
		;
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

enum err file_sync_dir_of(const char *path, struct errinfo *ei)
{
	char *dir = xstrdup(path);
	enum err e = ERR_OK;
	if (sync_path(dirname(dir), O_RDONLY | O_DIRECTORY) != 0)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot sync the directory of %s: %s", path,
			     strerror(errno));
	free(dir);
	return e;
}

enum err file_rename_synced(const char *from, const char *to, struct errinfo *ei)
{
	if (rename(from, to) != 0)
		return err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot rename %s to %s: %s", from, to, strerror(errno));
	return file_sync_dir_of(to, ei);
}

enum err file_commit(char *tmp, const char *path, struct errinfo *ei)
{
	enum err e = ERR_OK;
	if (sync_path(tmp, O_RDONLY) != 0)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot write %s: %s", path, strerror(errno));
	else
		e = file_rename_synced(tmp, path, ei);
	if (e)
		unlink(tmp);
	free(tmp);
	return e;
}

void file_discard(char *tmp)
{
	if (tmp)
		unlink(tmp);
	free(tmp);
}
