/* phone.h - mainland China mobile numbers.
 *
 * A mobile number is 11 digits starting 13-19. Input may carry a +86 / 86 /
 * 0086 prefix and spaces or hyphens between digit groups; the normal form is
 * the bare 11 digits. */
#ifndef LD_DOMAIN_PHONE_H
#define LD_DOMAIN_PHONE_H

#include <stddef.h>

/* Normalise s[0..len) into out (12 bytes: 11 digits + NUL).
 * Returns 0 if it is a valid mobile number, -1 otherwise (out undefined). */
int phone_normalize(const char *s, size_t len, char out[12]);

#endif
