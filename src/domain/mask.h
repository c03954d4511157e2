/* mask.h - masking of personal identifiers for display.
 *
 * ID numbers keep their first 6 and last 4 characters ("420102********1234"),
 * phones their first 3 and last 4 ("138****5678"). Anything no longer than
 * what is kept is masked whole, so a mask never reveals a short value. */
#ifndef LD_DOMAIN_MASK_H
#define LD_DOMAIN_MASK_H

#include <stddef.h>

/* Write the masked form of `in` into out[0..n) (NUL-terminated, truncated if
 * n is too small). Returns the length of the full masked string. */
size_t mask_id_number(const char *in, char *out, size_t n);
size_t mask_phone(const char *in, char *out, size_t n);
/* A name keeps its first character (UTF-8), one '*' for each other
 * character ("王秀英" -> "王**"); a one-character name becomes "*". */
size_t mask_name(const char *in, char *out, size_t n);
/* As mask_name, but a name of three or more characters keeps its last one
 * too ("王秀兰" -> "王*兰", "欧阳娜娜" -> "欧**娜", "李四" -> "李*"): what a
 * certificate's public check shows, enough to tell it is the holder's. */
size_t mask_name_ends(const char *in, char *out, size_t n);

#endif
