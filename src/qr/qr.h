/* qr.h - QR codes as SVG (libqrencode adapter; the only user of qrencode.h). */
#ifndef LD_QR_H
#define LD_QR_H

#include "core/arena.h"

/* An SVG image of `text` as a QR code (error correction M, 4-module quiet
 * zone), in the arena; NULL if it cannot be encoded. */
char *qr_svg(const char *text, struct arena *a);

#endif
