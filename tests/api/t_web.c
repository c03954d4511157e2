/* t_web.c - the embedded web app: index.html for every non-API path with
 * no-cache and an ETag (304 on If-None-Match), gzip when accepted with Vary,
 * content-hashed assets cached for a year, a missing asset 404 and /api/
 * still JSON; the service worker, the web app manifest and its icons served
 * as themselves with no-cache (issue 18). */
#include "tests.h"

#include <string.h>
#include <strings.h>

static struct resp *get(struct srv *s, const char *path, const char *header)
{
	return http_req(s, &(struct req){.method = "GET", .path = path, .extra_header = header});
}

void t_web_app_index_for_every_page_path(struct srv *s)
{
	const char *paths[] = {"/", "/login", "/my", "/checkin?token=1.2.3", "/no/such/page"};
	const char *etag0 = NULL;
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct resp *r = get(s, paths[i], NULL);
		if (!EXPECT_STATUS(r, 200))
			return;
		const char *ct = resp_header(r, "Content-Type");
		CHECKR(r, ct && strncasecmp(ct, "text/html", 9) == 0);
		CHECKR(r, strstr(r->body, "<html lang=\"zh-CN\">") != NULL);
		CHECK_STR(resp_header(r, "Cache-Control"), "no-cache");
		const char *etag = resp_header(r, "ETag");
		CHECKR(r, etag && etag[0] == '"');
		if (!etag0)
			etag0 = fmt("%s", etag);
		CHECK_STR(etag, etag0);
		const char *csp = resp_header(r, "Content-Security-Policy");
		CHECKR(r, csp && strstr(csp, "script-src 'self'") && strstr(csp, "connect-src 'self'") &&
				  strstr(csp, "frame-ancestors 'none'") && !strstr(csp, "unsafe-inline"));
	}
	struct resp *r = get(s, "/my", fmt("If-None-Match: %s", etag0));
	EXPECT_STATUS(r, 304);
	CHECKR(r, r->len == 0);
	EXPECT_STATUS(get(s, "/my", "If-None-Match: \"stale\""), 200);
}

void t_web_assets_gzip_and_immutable(struct srv *s)
{
	struct resp *idx = get(s, "/", NULL);
	if (!EXPECT_STATUS(idx, 200))
		return;
	const char *src = strstr(idx->body, "src=\"/assets/");
	CHECKR(idx, src != NULL);
	if (!src)
		return;
	src += 5;
	const char *end = strchr(src, '"');
	const char *js = fmt("%.*s", (int)(end - src), src);

	struct resp *plain = get(s, js, NULL);
	if (!EXPECT_STATUS(plain, 200))
		return;
	CHECKR(plain, resp_header(plain, "Content-Encoding") == NULL);
	CHECK_STR(resp_header(plain, "Cache-Control"), "public, max-age=31536000, immutable");
	CHECK_STR(resp_header(plain, "Vary"), "Accept-Encoding");
	const char *ct = resp_header(plain, "Content-Type");
	CHECKR(plain, ct && strncasecmp(ct, "text/javascript", 15) == 0);

	struct resp *gz = get(s, js, "Accept-Encoding: gzip, deflate, br");
	if (!EXPECT_STATUS(gz, 200))
		return;
	CHECK_STR(resp_header(gz, "Content-Encoding"), "gzip");
	CHECK_STR(resp_header(gz, "Vary"), "Accept-Encoding");
	CHECKR(gz, gz->len > 2 && (unsigned char)gz->body[0] == 0x1f && (unsigned char)gz->body[1] == 0x8b);
	CHECKR(gz, gz->len < plain->len);

	EXPECT_STATUS(get(s, "/", "Accept-Encoding: gzip;q=0"), 200);
	CHECKR(idx, resp_header(get(s, "/", "Accept-Encoding: gzip;q=0"), "Content-Encoding") == NULL);

	struct resp *missing = get(s, "/assets/main-NOSUCHHASH.js", NULL);
	CHECKR(missing, missing->status == 404 && strcmp(missing->body, "not found\n") == 0);
	EXPECT_ERR(get(s, "/api/v1/no-such-route", NULL), 404, "not_found", NULL);
	EXPECT_ERR(http(s, "POST", "/my", NULL, "{}"), 405, "method_not_allowed", NULL);
}

/* /sw.js is the worker (JavaScript naming this build's entry), not the main
 * page, and is revalidated like the manifest and the icons: not hashed, so
 * never cached for a year. */
void t_web_worker_manifest_and_icons(struct srv *s)
{
	struct resp *idx = get(s, "/", NULL);
	if (!EXPECT_STATUS(idx, 200))
		return;
	CHECKR(idx, strstr(idx->body, "<link rel=\"manifest\" href=\"/manifest.webmanifest\">") != NULL);
	const char *src = strstr(idx->body, "src=\"/assets/");
	if (!src)
		return;
	src += 5;
	const char *js = fmt("%.*s", (int)(strchr(src, '"') - src), src);

	static const struct {
		const char *path, *type;
	} files[] = {
		{"/sw.js", "text/javascript; charset=utf-8"},
		{"/manifest.webmanifest", "application/manifest+json"},
		{"/icons/icon-192.png", "image/png"},
		{"/icons/icon-512.png", "image/png"},
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		struct resp *r = get(s, files[i].path, NULL);
		if (!EXPECT_STATUS(r, 200))
			continue;
		CHECK_STR(resp_header(r, "Content-Type"), files[i].type);
		CHECK_STR(resp_header(r, "Cache-Control"), "no-cache");
		const char *etag = resp_header(r, "ETag");
		CHECKR(r, etag && etag[0] == '"');
		if (etag)
			EXPECT_STATUS(get(s, files[i].path, fmt("If-None-Match: %s", etag)), 304);
	}
	struct resp *sw = get(s, "/sw.js", NULL);
	CHECKR(sw, strstr(sw->body, "<html") == NULL && strstr(sw->body, "ld-shell-") != NULL);
	CHECKR(sw, strstr(sw->body, js) != NULL);
	struct resp *m = get(s, "/manifest.webmanifest", NULL);
	CHECKR(m, strstr(m->body, "\"start_url\": \"/my\"") && strstr(m->body, "\"display\": \"standalone\"") &&
			  strstr(m->body, "\"sizes\": \"512x512\""));
	struct resp *png = get(s, "/icons/icon-192.png", NULL);
	CHECKR(png, png->len > 8 && memcmp(png->body, "\x89PNG\r\n\x1a\n", 8) == 0);
}
