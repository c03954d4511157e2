/* replay.c - run a fuzz target (LLVMFuzzerTestOneInput) over every file of
 * its corpus directory (LD_CORPUS, or the directories given as arguments),
 * so `make test` replays the corpus (seeds and any crash found) under
 * valgrind and the sanitizers without libFuzzer. A crash ends the process;
 * otherwise the last line is "NAME: N passed, 0 failed". */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_dir(const char *dir, int *passed, int *failed)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "%s: cannot open the corpus %s\n", LD_FUZZ_NAME, dir);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "%s: cannot read %s\n", LD_FUZZ_NAME, path);
			(*failed)++;
			continue;
		}
		size_t cap = 1 << 16, len = 0, n;
		uint8_t *buf = xmalloc(cap);
		while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
			len += n;
			if (len == cap)
				buf = xrealloc(buf, cap *= 2);
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		printf("ok %s (%zu bytes)\n", e->d_name, len);
		(*passed)++;
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (replay_dir(argv[i], &passed, &failed))
				failed++;
	} else if (replay_dir(LD_CORPUS, &passed, &failed)) {
		failed++;
	}
	if (passed == 0)
		failed++;
	printf("%s: %d passed, %d failed\n", LD_FUZZ_NAME, passed, failed);
	return failed ? 1 : 0;
}
