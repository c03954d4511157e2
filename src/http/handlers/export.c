/* export.c - GET /api/v1/exports/{kind}: the file as an attachment.
 *
 * The export is written to an unlinked temp file first (so any failure is
 * still a JSON error, and the store connection is back in the pool before
 * the first byte goes out), then streamed from that file by the adapter
 * (resp_file): memory stays bounded whatever its size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "service/export.h"

/* format and encoding: 0, or -1 after replying 422 naming the parameter. */
static int export_params(struct req *r, enum export_format *f, enum export_encoding *enc)
{
	struct errinfo ei;
	if (export_parse(req_query(r, "format"), req_query(r, "encoding"), f, enc, &ei) == 0)
		return 0;
	reply_err(r, &ei);
	return -1;
}

/* The filters given, as compact JSON for the audit entry. */
static const char *filters_json(struct req *r, const struct entity *e, const struct val *f)
{
	json_t *o = json_object();
	for (int i = 0; i < e->nfilters; i++) {
		if (!f[i].set)
			continue;
		const struct filter *fl = &e->filters[i];
		json_object_set_new(o, fl->param, fl->type == FT_TEXT ? json_string(f[i].s) : json_integer(f[i].i));
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	const char *out = arena_strdup(&r->arena, s ? s : "{}");
	free(s);
	return out;
}

/* RFC 5987 value: UTF-8 bytes outside the unreserved set percent-encoded. */
static const char *pct_utf8(struct req *r, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(&r->arena, n * 3 + 1), *p = out;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    strchr("-._~", *c))
			*p++ = (char)*c;
		else
			p += snprintf(p, 4, "%%%02X", *c);
	}
	*p = 0;
	return out;
}

int download_tmp(struct req *r, char **path)
{
	const char *dir = getenv("TMPDIR");
	*path = arena_printf(&r->arena, "%s/liandong-export-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(*path);
	if (fd < 0)
		reply_errc(r, ERR_INTERNAL, NULL, "cannot create a temporary file for the export");
	return fd;
}

const char *disposition(struct req *r, const char *how, const char *ascii, const char *utf8)
{
	return arena_printf(&r->arena, "%s; filename=\"%s\"; filename*=UTF-8''%s", how, ascii, pct_utf8(r, utf8));
}

void reply_download(struct req *r, int fd, const char *type, const char *ascii, const char *utf8)
{
	struct stat st;
	if (fstat(fd, &st)) {
		close(fd);
		reply_errc(r, ERR_INTERNAL, NULL, "cannot read the export file back");
		return;
	}
	r->content_type = type;
	resp_header(r, "Content-Disposition", disposition(r, "attachment", ascii, utf8));
	resp_header(r, "Cache-Control", "no-store");
	resp_file(r, 200, fd, (uint64_t)st.st_size);
}

void h_export(struct req *r, struct ctx *x, const void *arg)
{
	const struct export_kind *k = export_kind_find(arg);
	enum export_format f;
	enum export_encoding enc;
	struct val filt[ENTITY_MAX_FILTERS];
	struct errinfo ei;
	if (!k) {
		reply_errc(r, ERR_NOT_FOUND, NULL, "no such export");
		return;
	}
	const struct entity *e = export_kind_entity(k);
	if (export_params(r, &f, &enc) || list_filters(r, e, filt))
		return;
	char *path;
	int fd = download_tmp(r, &path);
	if (fd < 0)
		return;
	struct export_req rq = {k, f, enc, filt, filters_json(r, e, filt)};
	int64_t rows = 0;
	enum err err = svc_export(x, &rq, path, &rows, &ei);
	unlink(path); /* the open descriptor keeps the bytes until they are sent */
	if (err) {
		close(fd);
		reply_err(r, &ei);
		return;
	}
	char day[32];
	time_format(x->now, day);
	const char *ext = f == EXPORT_XLSX ? "xlsx" : "csv";
	const char *stem = arena_printf(&r->arena, "%.4s%.2s%.2s", day, day + 5, day + 8);
	resp_header(r, "X-Export-Rows", arena_printf(&r->arena, "%lld", (long long)rows));
	reply_download(r, fd,
		       f == EXPORT_XLSX	       ? XLSX_TYPE
		       : enc == EXPORT_GB18030 ? "text/csv; charset=GB18030"
					       : "text/csv; charset=utf-8",
		       arena_printf(&r->arena, "%s-%s.%s", (const char *)arg, stem, ext),
		       arena_printf(&r->arena, "%s-%s.%s", export_kind_title(k), stem, ext));
}
