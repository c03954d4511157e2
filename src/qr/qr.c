/* qr.c - render a QR code as a compact SVG path: one "h1v1h-1z" square per
 * dark module, in a viewBox of module units, so it scales on any screen; or
 * hand out its modules for another renderer (the certificate PDF). */
#include "qr/qr.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4

unsigned char *qr_modules(const char *text, int *width, struct arena *a)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int w = q->width;
	unsigned char *m = arena_alloc(a, (size_t)w * (size_t)w);
	for (int i = 0; i < w * w; i++)
		m[i] = q->data[i] & 1;
	QRcode_free(q);
	*width = w;
	return m;
}

char *qr_svg(const char *text, struct arena *a)
{
	int w;
	unsigned char *m = qr_modules(text, &w, a);
	if (!m)
		return NULL;
	int size = w + 2 * QUIET;
	size_t cap = (size_t)w * (size_t)w * 24 + 512, len = 0;
	char *out = arena_alloc(a, cap);
	len += (size_t)snprintf(out + len, cap - len,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
				"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
				size, size, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (m[y * w + x])
				len += (size_t)snprintf(out + len, cap - len, "M%d %dh1v1h-1z", x + QUIET, y + QUIET);
	snprintf(out + len, cap - len, "\"/></svg>");
	return out;
}
