/* static.c - the web app, served from the embedded assets (http/assets.h).
 *
 * Every GET outside /api/ comes here. A known file is answered gzipped when
 * the client accepts it (Vary: Accept-Encoding either way); content-hashed
 * files are cacheable for a year; the others (index.html, the service worker
 * /sw.js, /manifest.webmanifest, /icons/) must be revalidated (no-cache) and
 * answer 304 to a matching If-None-Match. Any other path that is not
 * under /assets/ gets index.html, so the app's own routes (/my, /checkin?...)
 * survive a reload; a missing /assets/ file is a plain 404, so a stale page
 * never gets HTML for its script. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/assets.h"
#include "http/http.h"

static const char not_built[] =
	"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>联动</title></head><body>"
	"<p>网页界面尚未构建（运行 make）。The web UI was not built: run make.</p>"
	"<p><a href=\"/api/v1/health\">/api/v1/health</a></p></body></html>";

static const struct asset *asset_find(const char *path)
{
	for (int i = 0; i < web_assets_count; i++)
		if (strcmp(web_assets[i].path, path) == 0)
			return &web_assets[i];
	return NULL;
}

/* Does an Accept-Encoding value allow gzip? A listed "gzip" (or "*") counts
 * unless its q is 0. */
int http_accepts_gzip(const char *ae)
{
	if (!ae)
		return 0;
	const char *p = ae;
	while (*p) {
		p += strspn(p, " \t,");
		size_t n = strcspn(p, ",;");
		size_t tok = n;
		while (tok && (p[tok - 1] == ' ' || p[tok - 1] == '\t'))
			tok--;
		int hit = (tok == 4 && strncasecmp(p, "gzip", 4) == 0) || (tok == 1 && p[0] == '*');
		const char *q = p + n;
		int zero = 0;
		if (*q == ';') {
			size_t plen = strcspn(q, ",");
			const char *qv = q + 1;
			qv += strspn(qv, " \t");
			if ((qv[0] == 'q' || qv[0] == 'Q') && qv[1] == '=') {
				qv += 2;
				zero = qv[0] == '0' && strspn(qv + 1, ".0") == strcspn(qv + 1, ", \t");
			}
			q += plen;
		}
		if (hit)
			return !zero;
		p = q;
	}
	return 0;
}

static int etag_matches(const char *inm, const char *etag)
{
	return inm && (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

void static_serve(struct req *r)
{
	if (web_assets_count == 0) {
		r->status = 200;
		r->resp = not_built;
		r->resp_len = sizeof not_built - 1;
		r->resp_static = 1;
		r->content_type = "text/html; charset=utf-8";
		resp_header(r, "Cache-Control", "no-store");
		return;
	}
	const struct asset *a = asset_find(r->path);
	if (!a && strncmp(r->path, "/assets/", 8) == 0) {
		static const char nf[] = "not found\n";
		r->status = 404;
		r->resp = nf;
		r->resp_len = sizeof nf - 1;
		r->resp_static = 1;
		r->content_type = "text/plain; charset=utf-8";
		resp_header(r, "Cache-Control", "no-store");
		return;
	}
	if (!a)
		a = asset_find("/index.html");
	if (!a) /* broken invariant: web/build.mjs always writes index.html */
		abort();

	resp_header(r, "Cache-Control", a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
	resp_header(r, "ETag", a->etag);
	resp_header(r, "Vary", "Accept-Encoding");
	r->content_type = a->type;
	r->resp_static = 1;
	if (etag_matches(req_header(r, "If-None-Match"), a->etag)) {
		r->status = 304;
		r->resp = "";
		r->resp_len = 0;
		return;
	}
	r->status = 200;
	if (http_accepts_gzip(req_header(r, "Accept-Encoding"))) {
		resp_header(r, "Content-Encoding", "gzip");
		r->resp = a->gz;
		r->resp_len = a->gz_len;
	} else {
		r->resp = a->raw;
		r->resp_len = a->raw_len;
	}
}
