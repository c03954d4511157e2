/* fuzz.h - what the fuzz targets of tests/fuzz share: the entry point
 * libFuzzer (or replay.c) calls, a property check that aborts (so that
 * libFuzzer saves the input, and the replay fails) naming the broken
 * property, and the input as a C string. */
#ifndef LD_TESTS_FUZZ_H
#define LD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                               \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                       \
		}                                                                      \
	} while (0)

/* data[0..size) as a NUL-terminated copy (malloc; the caller frees): an
 * overread past the input's end is still one past a heap block for ASan. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = 0;
	return s;
}

#endif
