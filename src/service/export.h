/* export.h - exports of people, volunteers, social workers, service records,
 * the hours summary and the national record layout (docs/NATIONAL_EXPORT.md)
 * as CSV or XLSX files, scoped and masked for the caller as the list
 * endpoints are, read page by page, each one audited. */
#ifndef LD_SERVICE_EXPORT_H
#define LD_SERVICE_EXPORT_H

#include <stdint.h>

#include "io/export.h"
#include "service/service.h"

struct export_kind;

/* The kind named `name` ("volunteers", "national-service-records", ...), or
 * NULL. Its entity gives the filters the request may carry (as on the
 * kind's list endpoint). */
const struct export_kind *export_kind_find(const char *name);
const struct entity *export_kind_entity(const struct export_kind *k);
/* The file's name without extension, in Chinese ("志愿者"). */
const char *export_kind_title(const struct export_kind *k);

struct export_req {
	const struct export_kind *kind;
	enum export_format format;
	enum export_encoding encoding;
	struct val *filters;		/* one per entity filter, as h_list reads them */
	const char *filters_json;	/* the filters given, as JSON text, for the audit entry */
};

/* Write the export for x's caller to `path`; *rows gets the data rows
 * written. The audit entry (action "export", the kind, format, filters, row
 * count, whether ID numbers and phones were unmasked) is written after the
 * file is complete. */
enum err svc_export(struct ctx *x, const struct export_req *rq, const char *path, int64_t *rows,
		    struct errinfo *ei);

#endif
