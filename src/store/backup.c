/* backup.c - `liandong backup` and `restore`: the backend named by the URI
 * does the work (sqlite/backup.c, pg/dump.c); here the checks that do not
 * depend on it: a backup must not be written over the database it copies,
 * and a restore is checked against the newest schema this binary knows. */
#include <sys/stat.h>

#include "store/store_int.h"

static const struct backend_ops *ops_for(const char *uri)
{
	return store_is_postgres(uri) ? &pg_backend : &sqlite_backend;
}

/* 1 if both paths name one existing file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

enum err store_backup(const char *uri, const char *to, struct errinfo *ei)
{
	if (!*to || store_is_postgres(to))
		return err_set(ei, ERR_INVALID, "to", "--to must name a file");
	if (same_file(uri, to))
		return err_setf(ei, ERR_INVALID, "to", "--to %s is the database itself", to);
	return ops_for(uri)->backup(uri, to, ei);
}

enum err store_restore(const char *from, const char *uri, int force, struct errinfo *ei)
{
	if (same_file(uri, from))
		return err_setf(ei, ERR_INVALID, "from", "--from %s is the database itself", from);
	return ops_for(uri)->restore(from, uri, force, store_schema_newest(), ei);
}
