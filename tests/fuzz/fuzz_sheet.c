/* fuzz_sheet.c - the sheet readers (CSV and XLSX) on any bytes: open, then
 * every row, then close. Built as a libFuzzer target (fuzz_sheet, with
 * LD_FUZZ and clang) and as a replay of the corpus in corpus/sheet that the
 * unit tests run (test_fuzz_sheet, replay.c). Whatever the bytes, the reader
 * must answer a row, the end or an error naming the file, and leak nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	struct sheet *s;
	if (sheet_open((const char *)data, size, &a, &s, &ei) == ERR_OK) {
		const struct cell *cells;
		int n, row, r, last = 0;
		while ((r = sheet_next(s, &cells, &n, &row, &ei)) == 1) {
			if (row <= last || n < 0 || n > SHEET_MAX_CELLS)
				abort();
			last = row;
			for (int i = 0; i < n; i++)
				if (!cells[i].text || strlen(cells[i].text) > SHEET_MAX_CELL)
					abort();
		}
		if (r < 0 && strcmp(ei.field, "file") != 0)
			abort();
		sheet_close(s);
	} else if (strcmp(ei.field, "file") != 0 || !ei.message[0]) {
		abort();
	}
	arena_release(&a);
	return 0;
}
