/* password.h - the rule a new password must pass (issue 13).
 *
 * A password is refused when it is shorter than PASSWORD_MIN or longer than
 * PASSWORD_MAX bytes, made only of white space, made of fewer than three
 * distinct characters ("11111111", "abababab"), contains the username
 * (case-insensitive), or is one of the most common passwords (password.c,
 * case-insensitive). Pure: no I/O, no allocation. */
#ifndef LD_DOMAIN_PASSWORD_H
#define LD_DOMAIN_PASSWORD_H

#define PASSWORD_MIN 8
#define PASSWORD_MAX 200

/* NULL if `password` may be used by `username` (which may be NULL); else a
 * static English sentence saying why not, for the 422 naming "password". */
const char *password_weakness(const char *username, const char *password);

#endif
