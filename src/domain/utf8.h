/* utf8.h - whether bytes are well-formed UTF-8, and how many characters.
 *
 * The Unicode Standard's definition (chapter 3, table 3-7 "Well-Formed
 * UTF-8 Byte Sequences"): no overlong form (C0, C1, E0 80..9F, F0 80..8F),
 * no surrogate (ED A0..BF: U+D800..U+DFFF), nothing above U+10FFFF (F4
 * 90..BF, F5..FF), no continuation byte alone and no sequence cut short.
 * A NUL inside the n bytes is a character like any other (a C string's
 * caller passes strlen). libc only. */
#ifndef LD_DOMAIN_UTF8_H
#define LD_DOMAIN_UTF8_H

#include <stddef.h>

/* The characters (code points) of the n bytes at s, or -1 when they are
 * not well-formed UTF-8. */
long utf8_chars(const char *s, size_t n);

#endif
