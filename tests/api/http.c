/* http.c - the request helper (one libcurl easy handle per request, so it is
 * safe from any thread), response header and cookie lookup, and small JSON
 * path accessors over jansson. */
#include "harness.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct buf {
	char *p;
	size_t len, cap;
};

static bool buf_add(struct buf *b, const char *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *np = realloc(b->p, cap);
		if (np == NULL)
			return false;
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	return buf_add(ud, data, size * nmemb) ? size * nmemb : 0;
}

/* Keep only the last response's headers (drop "100 Continue" blocks). */
static size_t on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	size_t n = size * nmemb;
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0)
		b->len = 0;
	return buf_add(b, data, n) ? n : 0;
}

void resp_free(struct resp *r)
{
	if (r == NULL)
		return;
	json_decref(r->json);
	free(r->body);
	free(r->headers);
	free(r);
}

static void resp_free_v(void *p)
{
	resp_free(p);
}

struct resp *http_req(struct srv *s, const struct req *q)
{
	struct resp *r = calloc(1, sizeof *r);
	if (r == NULL)
		abort();
	snprintf(r->what, sizeof r->what, "%s %s", q->method, q->path);
	CURL *c = curl_easy_init();
	if (c == NULL) {
		snprintf(r->err, sizeof r->err, "curl_easy_init failed");
		goto out;
	}
	char url[1200];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", s->port, q->path);
	struct curl_slist *hl = NULL;
	char line[1200];
	if (q->token != NULL) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", q->token);
		hl = curl_slist_append(hl, line);
	}
	if (q->csrf != NULL) {
		snprintf(line, sizeof line, "X-CSRF-Token: %s", q->csrf);
		hl = curl_slist_append(hl, line);
	}
	if (q->cookie != NULL)
		curl_easy_setopt(c, CURLOPT_COOKIE, q->cookie);
	if (q->extra_header != NULL)
		hl = curl_slist_append(hl, q->extra_header);
	if (q->extra_header2 != NULL)
		hl = curl_slist_append(hl, q->extra_header2);
	if (!q->allow_expect)
		hl = curl_slist_append(hl, "Expect:");
	if (q->body != NULL) {
		snprintf(line, sizeof line, "Content-Type: %s",
			q->content_type ? q->content_type : "application/json");
		hl = curl_slist_append(hl, line);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, q->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
			(curl_off_t)(q->body_len ? q->body_len : strlen(q->body)));
	}
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, q->method);
	if (strcmp(q->method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, q->timeout_ms ? q->timeout_ms : 15000L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	struct buf body = {0}, hdr = {0};
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hdr);
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	} else {
		snprintf(r->err, sizeof r->err, "%s: %.200s", curl_easy_strerror(rc), errbuf);
		r->status = 0;
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	r->body = body.p ? body.p : calloc(1, 1);
	r->len = body.len;
	r->headers = hdr.p ? hdr.p : calloc(1, 1);
	if (r->len > 0)
		r->json = json_loadb(r->body, r->len, 0, NULL);
out:
	if (r->body == NULL)
		r->body = calloc(1, 1);
	if (r->headers == NULL)
		r->headers = calloc(1, 1);
	if (!q->untracked) {
		r->tracked = true;
		track(r, resp_free_v);
	}
	return r;
}

struct resp *http(struct srv *s, const char *method, const char *path,
	const char *token, const char *body)
{
	return http_req(s, &(struct req){.method = method, .path = path,
		.token = token, .body = body});
}

/* Calls fn(value, vlen, ud) for each header `name`; stops when it returns true. */
static const char *each_header(const struct resp *r, const char *name,
	bool (*fn)(const char *v, size_t vlen, void *ud), void *ud)
{
	size_t nl = strlen(name);
	for (const char *l = r->headers; l != NULL && *l != '\0';) {
		const char *end = strstr(l, "\r\n");
		if (end == NULL)
			end = l + strlen(l);
		if ((size_t)(end - l) > nl && strncasecmp(l, name, nl) == 0 && l[nl] == ':') {
			const char *v = l + nl + 1;
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			size_t vlen = (size_t)(end - v);
			while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (fn(v, vlen, ud))
				return fmt("%.*s", (int)vlen, v);
		}
		l = *end ? end + 2 : end;
	}
	return NULL;
}

static bool any(const char *v, size_t vlen, void *ud)
{
	(void)v;
	(void)vlen;
	(void)ud;
	return true;
}

const char *resp_header(const struct resp *r, const char *name)
{
	return each_header(r, name, any, NULL);
}

static bool cookie_named(const char *v, size_t vlen, void *ud)
{
	const char *name = ud;
	size_t nl = strlen(name);
	return vlen > nl && strncmp(v, name, nl) == 0 && v[nl] == '=';
}

const char *resp_set_cookie(const struct resp *r, const char *cookie)
{
	return each_header(r, "Set-Cookie", cookie_named, (void *)cookie);
}

const char *resp_cookie(const struct resp *r, const char *cookie)
{
	const char *line = resp_set_cookie(r, cookie);
	if (line == NULL)
		return NULL;
	const char *v = line + strlen(cookie) + 1;
	size_t n = strcspn(v, ";");
	return fmt("%.*s", (int)n, v);
}

char *url_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *out = fmt("%s", e ? e : "");
	curl_free(e);
	return out;
}

json_t *jget(json_t *j, const char *path)
{
	char key[128];
	const char *p = path;
	while (j != NULL && *p != '\0') {
		size_t n = strcspn(p, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		p += n + (p[n] == '.');
		if (json_is_array(j)) {
			char *end;
			long idx = strtol(key, &end, 10);
			if (*end != '\0' || idx < 0)
				return NULL;
			j = json_array_get(j, (size_t)idx);
		} else {
			j = json_object_get(j, key);
		}
	}
	return j;
}

const char *jstr(json_t *j, const char *path)
{
	return json_string_value(jget(j, path));
}

long long jint(json_t *j, const char *path)
{
	json_t *v = jget(j, path);
	return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

bool jisnull(json_t *j, const char *path)
{
	return json_is_null(jget(j, path));
}
