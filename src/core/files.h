/* files.h - a file written whole or not at all (files.c): an empty temp
 * file beside `path` (malloc'd name; NULL with *ei set), then either
 * file_commit() to sync it and rename it over `path`, or file_discard();
 * both free tmp. Used by `backup`, `restore` and `export`. */
#ifndef LD_CORE_FILES_H
#define LD_CORE_FILES_H

#include "core/err.h"

char *file_temp_beside(const char *path, struct errinfo *ei);
enum err file_commit(char *tmp, const char *path, struct errinfo *ei);
void file_discard(char *tmp);
/* rename(from, to), then sync the directory of `to`: the new name survives
 * a crash once this returns (the key rotation's last step). */
enum err file_rename_synced(const char *from, const char *to, struct errinfo *ei);
/* Sync the directory holding `path` (a file just created there). */
enum err file_sync_dir_of(const char *path, struct errinfo *ei);

#endif
