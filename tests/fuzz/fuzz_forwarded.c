/* fuzz_forwarded.c - who the client is behind trusted proxies
 * (http/forwarded.c: forwarded_client, proxy_in_list) and whether an
 * incoming X-Request-Id may be kept (core/log.c: log_req_id_ok).
 *
 * Input: "TRUSTED\nX-FORWARDED-FOR" (no newline: an empty trusted list).
 * Properties: the client found is the peer's address or an entry of the
 * header, and exactly the one a plain reference walk finds (split at ',',
 * trim blanks, from the right, stop at an entry that is not an address,
 * past entries that are trusted); it is always a valid address; a request
 * id accepted is 1..64 of A-Z a-z 0-9 - _ . : and nothing else. */
#include <arpa/inet.h>

#include "fuzz.h"

#include "core/log.h"
#include "http/forwarded.h"

#define PEER "192.0.2.77"

static int is_addr(const char *s)
{
	unsigned char bin[16];
	return inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, bin) == 1;
}

/* The reference: entries into a list, then walked from the right. */
static void reference(const char *list, const char *xff, char *out, size_t n)
{
	char *copy = fuzz_str((const uint8_t *)xff, strlen(xff));
	char *ent[4096];
	int k = 0;
	for (char *p = copy; k < 4096;) {
		ent[k++] = p;
		char *c = strchr(p, ',');
		if (!c)
			break;
		*c = 0;
		p = c + 1;
	}
	snprintf(out, n, "%s", PEER);
	for (int i = k - 1; i >= 0; i--) {
		char *e = ent[i];
		while (*e == ' ' || *e == '\t')
			e++;
		size_t len = strlen(e);
		while (len && (e[len - 1] == ' ' || e[len - 1] == '\t'))
			e[--len] = 0;
		if (!len || len >= INET6_ADDRSTRLEN || !is_addr(e))
			break;
		snprintf(out, n, "%s", e);
		if (!proxy_in_list(list, e))
			break;
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size);
	char *nl = strchr(in, '\n');
	const char *list = "", *xff = in;
	if (nl) {
		*nl = 0;
		list = in;
		xff = nl + 1;
	}
	char ip[INET6_ADDRSTRLEN], want[INET6_ADDRSTRLEN];
	memcpy(ip, PEER, sizeof PEER);
	forwarded_client(list, xff, ip, sizeof ip);
	reference(list, xff, want, sizeof want);
	FUZZ_CHECK(strcmp(ip, want) == 0);
	FUZZ_CHECK(is_addr(ip));
	FUZZ_CHECK(strcmp(ip, PEER) == 0 || strstr(xff, ip) != NULL);

	if (log_req_id_ok(xff)) {
		size_t n = strlen(xff);
		FUZZ_CHECK(n >= 1 && n <= LOG_REQ_ID_MAX);
		FUZZ_CHECK(strspn(xff, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") == n);
	}
	free(in);
	return 0;
}
