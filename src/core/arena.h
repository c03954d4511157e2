/* arena.h - a per-request memory pool, freed whole.
 *
 * Everything a request touches (decoded values, rows read from the store,
 * formatted strings) is allocated here and released by one arena_release()
 * when the response is sent. Out of memory aborts the process: a server that
 * cannot allocate a few KiB cannot answer anyway, and partial writes are
 * prevented by transactions. */
#ifndef LD_CORE_ARENA_H
#define LD_CORE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	struct arena_block *spare;	/* blocks of an arena_reset, used again before malloc */
};

#define ARENA_INIT {0}

void *arena_alloc(struct arena *a, size_t n);		/* zeroed */
void *arena_alloc_raw(struct arena *a, size_t n);	/* not zeroed: for a buffer written whole */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);
/* Forget everything allocated but keep the blocks for the next allocations:
 * for a loop of pages (an export) that would otherwise give its memory back
 * to the C library and take it again, a page fault at a time, every page. */
void arena_reset(struct arena *a);

/* Allocation wrappers that abort on failure; the only callers of malloc. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
