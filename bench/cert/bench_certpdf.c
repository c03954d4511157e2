/* bench_certpdf.c - the certificate PDF rendered in-process, without the
 * server or the store: the reference beside bench/cert/run.sh's figures
 * over HTTP (what issuing and printing cost on top of drawing the page).
 *
 *   build/bench_certpdf [PAGES] [RECORDS]
 *
 * Renders the same certificate (RECORDS rows in its list, default 20, as
 * run.sh's volunteer has) PAGES times (default 200), each in a fresh arena
 * as a request would, and prints pages per second, milliseconds a page and
 * the PDF's size. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pdf/certpdf.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int pages = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 200;
	int nrec = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20;
	if (pages < 1 || nrec < 1 || nrec > 100000) {
		fprintf(stderr, "usage: bench_certpdf [PAGES] [RECORDS]\n");
		return 2;
	}
	struct arena setup = ARENA_INIT;
	struct certpdf_line *lines = arena_alloc(&setup, sizeof *lines * (size_t)nrec);
	for (int i = 0; i < nrec; i++)
		lines[i] = (struct certpdf_line){arena_printf(&setup, "2026-%02d-%02d", i % 12 + 1, i % 28 + 1),
						 "社区敬老服务：陪伴聊天、整理房间", "幸福社区日间照料中心", "中山街道社工站",
						 "3.50"};
	struct certpdf_doc d = {
		.name = "王秀兰", .volunteer_no = "42100220260000001", .from = "2026-01-01", .to = "2026-12-31",
		.hours = arena_printf(&setup, "%.2f", 3.5 * nrec), .summary = "社区敬老服务：陪伴聊天、整理房间",
		.units = "中山街道社工站", .number = "ZYZM-2026-000001", .code = "7K3M-Q9XD-2FHW-NB4T",
		.verify_url = "http://127.0.0.1:8080/verify/7K3M-Q9XD-2FHW-NB4T", .issuer = "中山街道社工站",
		.issued_on = "2026-12-04", .lines = lines, .nlines = nrec,
	};
	char err[200];
	size_t len = 0;
	double t0 = now_s();
	for (int i = 0; i < pages; i++) {
		struct arena a = ARENA_INIT;
		char *pdf;
		if (certpdf_render(&d, &a, &pdf, &len, err, sizeof err)) {
			fprintf(stderr, "bench_certpdf: %s\n", err);
			return 1;
		}
		arena_release(&a);
	}
	double s = now_s() - t0;
	printf("in-process render: %d pages of %d records in %.2f s: %.0f pages/s, %.2f ms a page, %zu bytes\n", pages,
	       nrec, s, pages / s, s * 1000 / pages, len);
	arena_release(&setup);
	return 0;
}
