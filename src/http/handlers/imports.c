/* imports.c - POST /imports (the sheet as the request body, the options in
 * the query: kind, dry_run, on_existing, all_or_nothing, filename, lang, and
 * for kind=donations fund_id and platform) answers 202 with the queued job;
 * GET /imports/{id} the job with its progress. The work is
 * service/import.c's, on the runner's thread. */
#include <string.h>
#include <strings.h>

#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/import.h"


/* The media type without parameters is `want`. */
static int media_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

int query_bool(struct req *r, const char *name, int dflt)
{
	const char *v = req_query(r, name);
	if (!v)
		return dflt;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	reply_errc(r, ERR_INVALID, name, arena_printf(&r->arena, "%s must be true or false", name));
	return -1;
}

/* The page's language: ?lang=, else Accept-Language; Chinese unless English
 * is asked for first. */
static const char *page_lang(struct req *r)
{
	const char *l = req_query(r, "lang");
	if (!l)
		l = req_header(r, "Accept-Language");
	return l && strncasecmp(l, "en", 2) == 0 ? "en" : "zh";
}

void h_import_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	const char *ct = req_header(r, "Content-Type");
	if (!media_is(ct, "text/csv") && !media_is(ct, XLSX_TYPE)) {
		reply_errc(r, ERR_MEDIA_TYPE, "file", "the body must be the file: text/csv or " XLSX_TYPE);
		return;
	}
	struct import_opts o = {
		.kind = req_query(r, "kind"),
		.on_existing = req_query(r, "on_existing"),
		.filename = req_query(r, "filename"),
		.lang = page_lang(r),
		.fund_id = req_query(r, "fund_id"),
		.platform = req_query(r, "platform"),
	};
	if ((o.dry_run = query_bool(r, "dry_run", 0)) < 0 ||
	    (o.all_or_nothing = query_bool(r, "all_or_nothing", 0)) < 0)
		return;
	struct rec job;
	struct errinfo ei;
	if (svc_import_new(x, &o, r->body, r->body_len, &job, &ei) ||
	    svc_import_submit(x, job.id, r->body, r->body_len, &ei)) {
		reply_err(r, &ei);
		return;
	}
	resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/imports/%lld", (long long)job.id));
	reply_json(r, 202, codec_encode(&job, 0));
}

void h_import_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	enum err e = svc_import_get(x, r->path_id, &out, &ei);
	reply_rec(r, e, &ei, &out, 200);
}
