/* forwarded.h - who the client is behind trusted reverse proxies.
 *
 * Pure text functions (no sockets, no libmicrohttpd), so that they can be
 * fuzzed (tests/fuzz/fuzz_forwarded.c); http/server.c applies them to the
 * TCP peer's address and the request's X-Forwarded-For. */
#ifndef LD_HTTP_FORWARDED_H
#define LD_HTTP_FORWARDED_H

#include <stddef.h>

/* Whether the text address ip is one of list's (a comma list of IPv4 or
 * IPv6 addresses, compared as binary addresses; NULL: none). */
int proxy_in_list(const char *list, const char *ip);

/* The client address named by xff (an X-Forwarded-For value) sent by a
 * trusted proxy: ip holds the proxy's address on entry (n bytes of room)
 * and, on return, the right-most entry that is not itself in list; when
 * every entry is, the left-most. An entry that is not an address stops the
 * walk (nothing left of it is believed): ip keeps the last good one. */
void forwarded_client(const char *list, const char *xff, char *ip, size_t n);

#endif
