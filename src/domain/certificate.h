/* certificate.h - the pure rules of 志愿服务记录证明 (certificates of service
 * hours, 民政部令第67号 Art. 14-17): the public verification code, the
 * certificate number, the period a volunteer may ask for, and the public
 * lookup's throttle. libc only. */
#ifndef LD_DOMAIN_CERTIFICATE_H
#define LD_DOMAIN_CERTIFICATE_H

#include <stddef.h>
#include <stdint.h>

/* A code is CERT_CODE_BYTES random bytes (80 bits) written as 16 characters
 * of Crockford's base32 (digits and capitals without I, L, O, U: nothing to
 * misread when typed) in four groups: "7K3M-Q9XD-2FHW-NB4T". */
#define CERT_CODE_BYTES 10
#define CERT_CODE_CHARS 16
#define CERT_CODE_LEN 19	/* with the three hyphens */

/* The canonical code of raw[0..CERT_CODE_BYTES); out needs CERT_CODE_LEN + 1. */
void cert_code_format(const unsigned char raw[CERT_CODE_BYTES], char out[CERT_CODE_LEN + 1]);
/* Read a code as typed: the 16 characters in either case, grouped by
 * hyphens after every four or not at all. 0 with the canonical form in out,
 * or -1 for anything else (any other length, character or grouping). */
int cert_code_parse(const char *in, char out[CERT_CODE_LEN + 1]);

/* The printed certificate number of the seq-th certificate of `year`:
 * "ZYZM-2026-000123" (志愿证明); out needs 32 bytes. */
void cert_number_format(int year, int64_t seq, char out[32]);

/* The period from..to (dates "YYYY-MM-DD", already valid) asked for on
 * local date today_ymd (YYYYMMDD): 0, or -1 with *field and *message set
 * (from after to; a period reaching past today). */
int cert_period_check(const char *from, const char *to, int today_ymd, const char **field, const char **message);

/* The public lookup's throttle, per client address: a bucket of
 * CERT_LOOKUP_BURST lookups refilled at CERT_LOOKUPS_PER_MINUTE (docs/API.md
 * states both). Guessing one valid code of 2^80 at that rate is hopeless. */
#define CERT_LOOKUP_BURST 20
#define CERT_LOOKUPS_PER_MINUTE 10

#endif
