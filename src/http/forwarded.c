/* forwarded.c - X-Forwarded-For read from the right (forwarded.h). Each
 * proxy appends the address it saw: the right-most entry that is not a
 * trusted proxy is the client, anything further left the client wrote. */
#include "http/forwarded.h"

#include <arpa/inet.h>
#include <string.h>

int proxy_in_list(const char *list, const char *ip)
{
	unsigned char want[16], got[16];
	int fam = strchr(ip, ':') ? AF_INET6 : AF_INET;
	if (!list || inet_pton(fam, ip, got) != 1)
		return 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		char one[INET6_ADDRSTRLEN];
		if (n < sizeof one) {
			memcpy(one, p, n);
			one[n] = 0;
			if (inet_pton(fam, one, want) == 1 && memcmp(want, got, fam == AF_INET ? 4 : 16) == 0)
				return 1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

void forwarded_client(const char *list, const char *xff, char *ip, size_t n)
{
	size_t end = xff ? strlen(xff) : 0;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		const char *e = xff + start;
		size_t len = end - start;
		while (len && (*e == ' ' || *e == '\t')) {
			e++;
			len--;
		}
		while (len && (e[len - 1] == ' ' || e[len - 1] == '\t'))
			len--;
		char one[INET6_ADDRSTRLEN];
		unsigned char bin[16];
		if (len == 0 || len >= sizeof one || len >= n)
			return;
		memcpy(one, e, len);
		one[len] = 0;
		if (inet_pton(strchr(one, ':') ? AF_INET6 : AF_INET, one, bin) != 1)
			return;
		memcpy(ip, one, len + 1);
		if (!proxy_in_list(list, one) || start == 0)
			return;
		end = start - 1;
	}
}
