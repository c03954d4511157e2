/* project_report.h - a service project's report (issue 16, item 4: 督导
 * 验收 needs it on paper): the project's header, its indicators against
 * the period, its activities, verified hours by volunteer team, budget
 * against spend by line, and its evaluations. The same report two ways: a
 * PDF through the PDF module (pdf/reportpdf.h, the certificate's pen) and
 * an XLSX workbook through the exporter (io/export.h), one sheet a section.
 *
 * Read by whoever reads the project (404 missing, 403 out of scope, as GET
 * /projects/{id}); each download is audited as an export (action "export",
 * entity "projects", the project's id, {"kind":"project_report","format"}). */
#ifndef LD_SERVICE_PROJECT_REPORT_H
#define LD_SERVICE_PROJECT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "service/service.h"

/* The PDF into *pdf (x's arena) of *len bytes; *title the project's title
 * (for the file's name). 503 when the font is missing. */
enum err svc_project_report_pdf(struct ctx *x, int64_t id, char **pdf, size_t *len, const char **title,
				struct errinfo *ei);
/* The XLSX written to `path`; *title as above. */
enum err svc_project_report_xlsx(struct ctx *x, int64_t id, const char *path, const char **title,
				 struct errinfo *ei);

#endif
