/* qr.h - QR codes as SVG (libqrencode adapter; the only user of qrencode.h). */
#ifndef LD_QR_H
#define LD_QR_H

#include "core/arena.h"

/* An SVG image of `text` as a QR code (error correction M, 4-module quiet
 * zone), in the arena; NULL if it cannot be encoded. */
char *qr_svg(const char *text, struct arena *a);
/* The modules of `text` as a QR code (error correction M), without the quiet
 * zone: *width rows of *width bytes, 1 for dark, in the arena; NULL if it
 * cannot be encoded. For drawing it elsewhere (the certificate PDF). */
unsigned char *qr_modules(const char *text, int *width, struct arena *a);

#endif
