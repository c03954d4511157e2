/* email.h - a person's e-mail address (issue 17): one addr-spec of the
 * plain kind mail servers take, local@domain, nothing else.
 *
 * At most EMAIL_MAX bytes (RFC 5321's path limit less the brackets); the
 * local part 1-64 bytes of printable ASCII without the specials that would
 * need quoting; the domain 1-253 bytes of letters, digits, hyphens and dots
 * with at least one dot, no empty label and no label starting or ending in a
 * hyphen. No spaces, no CR or LF (it goes into an SMTP envelope and a
 * header), no display name, no comments, no second address. */
#ifndef LD_DOMAIN_EMAIL_H
#define LD_DOMAIN_EMAIL_H

#include <stddef.h>

#define EMAIL_MAX 254

/* 1 if s[0..len) is such an address, 0 otherwise. */
int email_valid(const char *s, size_t len);

#endif
