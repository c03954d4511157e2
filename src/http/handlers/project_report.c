/* project_report.c - GET /api/v1/projects/{id}/report.pdf and
 * /report.xlsx: a service project's report (service/project_report.c).
 * The PDF is made in memory as a certificate is; the workbook is written
 * to a temp file and streamed as an export is (export.c). */
#include <unistd.h>

#include "http/handlers/handlers.h"
#include "service/project_report.h"

/* The file's names: "project-<id>-report.<ext>", and the title's. */
static void names(struct req *r, const char *title, const char *ext, const char **ascii, const char **utf8)
{
	*ascii = arena_printf(&r->arena, "project-%lld-report.%s", (long long)r->path_id, ext);
	*utf8 = arena_printf(&r->arena, "%s-项目报告.%s", title, ext);
}

void h_project_report_pdf(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	char *pdf;
	size_t len;
	const char *title, *ascii, *utf8;
	struct errinfo ei;
	if (svc_project_report_pdf(x, r->path_id, &pdf, &len, &title, &ei)) {
		reply_err(r, &ei);
		return;
	}
	names(r, title, "pdf", &ascii, &utf8);
	resp_header(r, "Content-Disposition", disposition(r, "inline", ascii, utf8));
	resp_header(r, "Cache-Control", "no-store");
	r->status = 200;
	r->resp = pdf;
	r->resp_len = len;
	r->content_type = "application/pdf";
}

void h_project_report_xlsx(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	char *path;
	const char *title, *ascii, *utf8;
	struct errinfo ei;
	int fd = download_tmp(r, &path);
	if (fd < 0)
		return;
	enum err e = svc_project_report_xlsx(x, r->path_id, path, &title, &ei);
	unlink(path); /* the open descriptor keeps the bytes until they are sent */
	if (e) {
		close(fd);
		reply_err(r, &ei);
		return;
	}
	names(r, title, "xlsx", &ascii, &utf8);
	reply_download(r, fd, XLSX_TYPE, ascii, utf8);
}
