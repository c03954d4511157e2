/* fuzz_route.c - the router's matching (http/router.c, router_match: the
 * route table, {id} and other {name} segments, 404 against 405) and the
 * query of a list (http/handlers/resources.c, list_query: limit, cursor and
 * every list filter of the entity), with no request and no store.
 *
 * Input: byte 0 picks the method, the rest is "path[?query]" as the server
 * sees it (the query split at & and =, %XX and + decoded, as libmicrohttpd
 * does). Properties: a hit's {id} is a decimal below 10^15 and its other
 * segment 1..64 bytes without '/'; the path rebuilt from the pattern and
 * what was extracted matches the same route with the same values; a miss
 * says 405 only when another method has the path; a list query accepted
 * gives a limit in range, a cursor >= 0 and filter values of their type,
 * and one refused names the parameter; a `q` (domain/utf8.c) is accepted
 * only as well-formed UTF-8 of at most LIST_Q_MAX characters without
 * control characters, and refused otherwise (the seeds q_* bring an
 * overlong form, a surrogate and a truncated sequence). */
#include "fuzz.h"

#include "domain/limits.h"
#include "domain/utf8.h"
#include "http/handlers/handlers.h"
#include "service/service.h"

#define MAXQ 32

struct query {
	int n;
	char *name[MAXQ], *val[MAXQ];
};

static const char *query_get(void *src, const char *name)
{
	struct query *q = src;
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0)
			return q->val[i];
	return NULL;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode %XX and + in place. */
static void unescape(char *s)
{
	char *w = s;
	for (; *s; s++) {
		if (*s == '+') {
			*w++ = ' ';
		} else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*w++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = 0;
}

static void parse_query(char *s, struct query *q)
{
	char *save = NULL;
	q->n = 0;
	for (char *kv = strtok_r(s, "&", &save); kv && q->n < MAXQ; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq)
			*eq++ = 0;
		unescape(kv);
		if (eq)
			unescape(eq);
		q->name[q->n] = kv;
		q->val[q->n++] = eq ? eq : (char *)"";
	}
}

/* The path of pattern p with {id} and the other segment filled in. */
static void rebuild(const char *p, const struct route_hit *h, char *out, size_t n)
{
	size_t w = 0;
	while (*p && w + 1 < n) {
		if (*p == '{') {
			const char *v = strncmp(p, "{id}", 4) == 0 ? NULL : h->seg;
			char num[24];
			if (!v) {
				snprintf(num, sizeof num, "%lld", (long long)h->id);
				v = num;
			}
			w += (size_t)snprintf(out + w, n - w, "%s", v);
			p += strcspn(p, "}") + 1;
		} else {
			out[w++] = *p++;
		}
	}
	out[w < n ? w : n - 1] = 0;
}

static void check_list(const struct resource *res, struct query *q)
{
	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	struct val f[ENTITY_MAX_FILTERS];
	int64_t after = -1;
	int limit = 0;
	const struct entity *e = res->e;
	const char *qv = NULL;
	for (int i = 0; i < e->nfilters; i++)
		if (strcmp(e->filters[i].param, "q") == 0)
			qv = query_get(q, "q");
	int q_ok = 1;
	if (qv) {
		long chars = utf8_chars(qv, strlen(qv));
		q_ok = chars >= 0 && chars <= LIST_Q_MAX;
		for (const char *c = qv; *c; c++)
			q_ok &= (unsigned char)*c >= 0x20 && *c != 0x7f;
	}
	if (list_query(e, query_get, q, &after, &limit, f, &a, &ei) == ERR_OK) {
		FUZZ_CHECK(q_ok);
		FUZZ_CHECK(limit >= 1 && limit <= LIST_LIMIT_MAX && after >= 0);
		for (int i = 0; i < e->nfilters; i++) {
			const char *given = query_get(q, e->filters[i].param);
			FUZZ_CHECK(f[i].set == (given != NULL));
			if (f[i].set && e->filters[i].type != FT_INT && e->filters[i].type != FT_TIME)
				FUZZ_CHECK(strcmp(f[i].s, given) == 0);
		}
	} else {
		FUZZ_CHECK(ei.field[0] && query_get(q, ei.field) != NULL);
		FUZZ_CHECK(strcmp(ei.field, "q") != 0 || !q_ok);
	}
	arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum http_method m = (enum http_method)(data[0] % (M_OTHER + 1));
	char *s = fuzz_str(data + 1, size - 1);
	char *qs = strchr(s, '?');
	if (qs)
		*qs++ = 0;
	struct route_hit hit;
	if (router_match(m, s, &hit)) {
		FUZZ_CHECK(hit.fn && hit.pattern && hit.path_known);
		FUZZ_CHECK(hit.id >= 0 && hit.id < 1000000000000000LL);
		FUZZ_CHECK(strlen(hit.seg) <= 64 && !strchr(hit.seg, '/'));
		FUZZ_CHECK(strstr(hit.pattern, "{") || strncmp(hit.pattern, s, strlen(hit.pattern)) == 0);
		char again[256];
		rebuild(hit.pattern, &hit, again, sizeof again);
		struct route_hit h2;
		FUZZ_CHECK(router_match(m, again, &h2));
		FUZZ_CHECK(h2.fn == hit.fn && h2.arg == hit.arg && h2.id == hit.id && strcmp(h2.seg, hit.seg) == 0);
		struct query q = {0};
		if (qs)
			parse_query(qs, &q);
		if (hit.fn == h_list)
			check_list(hit.arg, &q);
		else if (hit.fn == h_nested_list)
			check_list(((const struct nested *)hit.arg)->res, &q);
	} else if (hit.path_known) {
		int other = 0;
		for (int k = 0; k < M_OTHER; k++) {
			struct route_hit h2;
			other |= k != (int)m && router_match((enum http_method)k, s, &h2);
		}
		FUZZ_CHECK(other);
	}
	free(s);
	return 0;
}
