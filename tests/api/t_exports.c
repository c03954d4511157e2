/* t_exports.c - GET /api/v1/exports/{kind}: every kind as CSV (UTF-8 with
 * BOM, CRLF), GB18030 (decoded with iconv and checked) and XLSX (unzipped
 * with unzip(1), the sheet's XML checked); the national layouts' exact
 * header rows; scope and masking as on the list endpoints; CSV injection;
 * bad parameters; the audit entry; the command line. */
#include "svc_world.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const kinds[] = {"people", "volunteers", "social-workers", "service-records", "hours",
				    "national-volunteers", "national-service-records"};

#define NATIONAL_VOL_HEADER "志愿者编号,姓名,性别,出生日期,联系方式,所属志愿服务组织,注册状态,累计志愿服务时长(小时)"
#define NATIONAL_REC_HEADER                                                                                        \
	"志愿者编号,姓名,志愿服务活动名称,服务开始时间,服务结束时间,志愿服务时长(小时),服务内容,服务地点,"    \
	"记录组织,活动负责人,服务对象,记录日期"

static struct resp *get_export(struct srv *s, const char *tok, const char *path)
{
	return http(s, "GET", path, tok, NULL);
}

/* The line of body that contains `needle`, as a tracked string without its CRLF. */
static char *line_with(const char *body, const char *needle)
{
	const char *p = body ? strstr(body, needle) : NULL;
	if (!p)
		return NULL;
	const char *b = p;
	while (b > body && b[-1] != '\n')
		b--;
	const char *e = strstr(p, "\r\n");
	return fmt("%.*s", (int)(e ? e - b : (long)strlen(b)), b);
}

/* Cell `col` (0-based) of an unquoted CSV line, tracked. */
static char *cell(const char *line, int col)
{
	if (!line)
		return NULL;
	const char *p = line;
	for (int i = 0; i < col; i++) {
		p = strchr(p, ',');
		if (!p)
			return NULL;
		p++;
	}
	size_t n = strcspn(p, ",");
	return fmt("%.*s", (int)n, p);
}

/* GB18030 bytes decoded to UTF-8 (tracked), or NULL when they are not GB18030. */
static char *from_gb18030(const char *in, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 2 + 16, outleft = cap;
	char *out = track(calloc(1, cap + 1), free), *o = out;
	char *i = (char *)in;
	size_t inleft = len;
	size_t rc = iconv(cd, &i, &inleft, &o, &outleft);
	iconv_close(cd);
	return rc == (size_t)-1 ? NULL : out;
}

/* The first sheet's XML of an XLSX body, through unzip(1); tracked. */
static char *xlsx_sheet(struct srv *s, const struct resp *r)
{
	char *path = fmt("%s/export.xlsx", s->dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return NULL;
	fwrite(r->body, 1, r->len, f);
	fclose(f);
	int st;
	char *out = cmd_output(fmt("unzip -p '%s' xl/worksheets/sheet1.xml", path), &st);
	return out && st == 0 && *out ? out : NULL;
}

static long long verified_record(struct srv *srv, struct svc *s, long long v)
{
	long long id = MK(srv, s->staff, "/api/v1/service-records",
			  fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"place\":\"幸福社区\",\"starts_at\":\"%s\","
			      "\"ends_at\":\"%s\",\"hours\":3,\"person_in_charge\":\"李主任\"}",
			      v, at(-10 * 86400), at(-10 * 86400 + 4 * 3600)));
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", id), verifier_of(srv, s), NULL), 200);
	return id;
}

void t_exports_every_kind_in_csv_gb18030_and_xlsx(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	verified_record(srv, &s, s.vol[0]);
	MK(srv, srv->admin, "/api/v1/social-workers",
	   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"none\"}", s.person[0], s.org));
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		const char *base = fmt("/api/v1/exports/%s", kinds[k]);
		struct resp *r = get_export(srv, srv->admin, base);
		if (!EXPECT_STATUS(r, 200))
			continue;
		CHECK_STR(resp_header(r, "Content-Type"), "text/csv; charset=utf-8");
		const char *cd = resp_header(r, "Content-Disposition");
		CHECKR(r, cd && strncmp(cd, "attachment; filename=\"", 22) == 0 && strstr(cd, "filename*=UTF-8''%E"));
		CHECKR(r, r->len > 3 && memcmp(r->body, "\xef\xbb\xbf", 3) == 0);
		CHECKR(r, strstr(r->body, "\r\n") != NULL);
		CHECKR(r, strstr(r->body, "志愿者0") != NULL);
		/* rows: the header, then one per record (CRLF each) */
		int lines = 0;
		for (const char *p = r->body; (p = strstr(p, "\r\n")); p += 2)
			lines++;
		CHECKM(lines >= 2, "%s: %d lines", kinds[k], lines);
		CHECK_INT(atoll(resp_header(r, "X-Export-Rows") ? resp_header(r, "X-Export-Rows") : "-1"), lines - 1);
		if (strcmp(kinds[k], "national-volunteers") == 0)
			CHECK_STR(fmt("%.*s", (int)strlen(NATIONAL_VOL_HEADER), r->body + 3), NATIONAL_VOL_HEADER);
		if (strcmp(kinds[k], "national-service-records") == 0) {
			CHECK_STR(fmt("%.*s", (int)strlen(NATIONAL_REC_HEADER), r->body + 3), NATIONAL_REC_HEADER);
			/* the person is their volunteer number, never an ID number */
			CHECKR(r, strstr(r->body, "42100219") == NULL);
			CHECKR(r, strstr(r->body, "李主任") != NULL && strstr(r->body, ",3.00,") != NULL);
		}

		struct resp *g = get_export(srv, srv->admin, fmt("%s?encoding=gb18030", base));
		if (EXPECT_STATUS(g, 200)) {
			CHECK_STR(resp_header(g, "Content-Type"), "text/csv; charset=GB18030");
			CHECKR(g, memcmp(g->body, "\xef\xbb\xbf", 3) != 0);
			char *u = from_gb18030(g->body, g->len);
			CHECKM(u && strcmp(u, r->body + 3) == 0, "%s: the GB18030 file decodes to the UTF-8 one", kinds[k]);
		}

		struct resp *x = get_export(srv, srv->admin, fmt("%s?format=xlsx", base));
		if (EXPECT_STATUS(x, 200)) {
			CHECK_STR(resp_header(x, "Content-Type"),
				  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
			CHECKR(x, x->len > 1000 && memcmp(x->body, "PK\x03\x04", 4) == 0);
			char *sheet = xlsx_sheet(srv, x);
			CHECKM(sheet && strstr(sheet, "志愿者0") && strstr(sheet, "<f>") == NULL,
			       "%s: the sheet holds the rows and no formula", kinds[k]);
		}
	}
}

void t_exports_scoped_and_masked_like_the_lists(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "东站", "social_work_station", w.town1, 0);
	long long b = MK_ORG(s, s->admin, "西站", "social_work_station", w.town2, 0);
	char ida[19], idb[19];
	idnum(ida, "421002", 1980, 3, 4, 411);
	idnum(idb, "421002", 1981, 5, 6, 412);
	long long pa = MK_PERSON(s, s->admin, "甲方人", ida, "13711112222", a);
	long long pb = MK_PERSON(s, s->admin, "乙方人", idb, "13733334444", b);
	MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", pa, a));
	MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", pb, b));
	MK_USER(s, s->admin, "a_admin", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a));
	MK_USER(s, s->admin, "a_sw", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", a));
	const char *admin_a = LOGIN(s, "a_admin", USER_PASS), *sw_a = LOGIN(s, "a_sw", USER_PASS);
	if (!admin_a || !sw_a)
		return;

	/* the org admin: only their org's rows; ID numbers and phones masked
	 * (issue 13: in full was the finding) */
	struct resp *r = get_export(s, admin_a, "/api/v1/exports/volunteers");
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, strstr(r->body, "甲方人") && !strstr(r->body, "乙方人"));
		char *line = line_with(r->body, "甲方人");
		CHECKR(r, is_masked_id(cell(line, 3), ida) && is_masked_phone(cell(line, 4), "13711112222"));
	}
	/* a social worker of the org: both masked (issue 13) */
	r = get_export(s, sw_a, "/api/v1/exports/people");
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, strstr(r->body, "甲方人") && !strstr(r->body, "乙方人") && !strstr(r->body, ida));
		char *line = line_with(r->body, "甲方人");
		const char *got = cell(line, 2);
		CHECKM(is_masked_id(got, ida), "ID cell %s is not masked", got ? got : "(none)");
		CHECKR(r, is_masked_phone(cell(line, 3), "13711112222"));
	}
	/* filters as on the list: the platform admin, org b only */
	r = get_export(s, s->admin, fmt("/api/v1/exports/volunteers?org_id=%lld", b));
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, strstr(r->body, "乙方人") && !strstr(r->body, "甲方人"));
	/* the national layout never carries the ID number */
	r = get_export(s, s->admin, "/api/v1/exports/national-volunteers");
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, strstr(r->body, "甲方人") && !strstr(r->body, ida) && !strstr(r->body, idb));
}

void t_exports_defuse_csv_injection(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "站", "social_work_station", w.town1, 0);
	MK(s, s->admin, "/api/v1/people",
	   fmt("{\"name\":\"=HYPERLINK(\\\"http://x.test\\\",\\\"y\\\")\",\"org_id\":%lld}", org));
	MK(s, s->admin, "/api/v1/people", fmt("{\"name\":\"@SUM(A1)\",\"org_id\":%lld,\"address\":\"+1 路\"}", org));
	struct resp *r = get_export(s, s->admin, "/api/v1/exports/people");
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, strstr(r->body, ",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"y\"\")\",") != NULL);
		CHECKR(r, strstr(r->body, ",'@SUM(A1),") != NULL && strstr(r->body, ",'+1 路,") != NULL);
	}
	struct resp *x = get_export(s, s->admin, "/api/v1/exports/people?format=xlsx");
	if (EXPECT_STATUS(x, 200)) {
		char *sheet = xlsx_sheet(s, x);
		CHECKM(sheet && strstr(sheet, "<t>=HYPERLINK(") && strstr(sheet, "<f>") == NULL,
		       "the formula is a string cell, never a formula");
	}
}

void t_exports_bad_parameters_named(struct srv *s)
{
	EXPECT_ERR(get_export(s, s->admin, "/api/v1/exports/nope"), 404, "not_found", NULL);
	EXPECT_ERR(get_export(s, s->admin, "/api/v1/exports/people?format=pdf"), 422, "invalid_value", "format");
	EXPECT_ERR(get_export(s, s->admin, "/api/v1/exports/people?encoding=latin1"), 422, "invalid_value", "encoding");
	EXPECT_ERR(get_export(s, s->admin, "/api/v1/exports/people?format=xlsx&encoding=gb18030"), 422,
		   "invalid_value", "encoding");
	EXPECT_ERR(get_export(s, s->admin, "/api/v1/exports/volunteers?org_id=abc"), 400, NULL, "org_id");
	EXPECT_STATUS(get_export(s, NULL, "/api/v1/exports/people"), 401);
	EXPECT_STATUS(http(s, "POST", "/api/v1/exports/people", s->admin, "{}"), 405);
}

void t_exports_audited_and_the_command_line(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	struct resp *r = get_export(srv, s.staff, fmt("/api/v1/exports/volunteers?org_id=%lld", s.org));
	if (!EXPECT_STATUS(r, 200))
		return;
	json_t *items = LIST_ALL(srv, srv->admin, "/api/v1/audit?entity=volunteers");
	json_t *hit = NULL, *it;
	size_t i;
	json_array_foreach(items, i, it) {
		const char *a = jstr(it, "action");
		if (a && strcmp(a, "export") == 0)
			hit = it;
	}
	if (CHECKM(hit != NULL, "no export entry in the audit log")) {
		CHECK_STR(jstr(hit, "after.kind"), "volunteers");
		CHECK_STR(jstr(hit, "after.format"), "csv");
		CHECK_INT(jint(hit, "after.rows"), 1);
		CHECK_INT(jint(hit, "after.filters.org_id"), s.org);
		CHECK_INT(jint(hit, "user_id"), jint(track_json(json_incref(http(srv, "GET", "/api/v1/me", s.staff, NULL)->json)), "id"));
	}

	/* the command line: as the platform, unmasked, and audited */
	char *out = fmt("%s/vol.xlsx", srv->dir), *csv = fmt("%s/vol.csv", srv->dir);
	const char *x[] = {srv->bin, "export", "--db", srv->db, "--key-file", srv->key, "--kind", "volunteers",
			   "--format", "xlsx", "--out", out, NULL};
	const char *c[] = {srv->bin, "export", "--db", srv->db, "--key-file", srv->key, "--kind", "national-service-records",
			   "--encoding", "gb18030", "--out", csv, NULL};
	const char *bad[] = {srv->bin, "export", "--db", srv->db, "--key-file", srv->key, "--kind", "nope", "--out", csv, NULL};
	CHECK(run_tool(srv, x, NULL) == 0);
	CHECK(run_tool(srv, c, NULL) == 0);
	CHECK(run_tool(srv, bad, NULL) == 2);
	/* GB18030 is for CSV only, as over HTTP; a directory that is not there
	 * writes nothing and says so */
	const char *mixed[] = {srv->bin, "export", "--db", srv->db, "--key-file", srv->key, "--kind", "volunteers",
			       "--format", "xlsx", "--encoding", "gb18030", "--out", out, NULL};
	CHECK(run_tool(srv, mixed, NULL) == 2);
	const char *nodir[] = {srv->bin, "export", "--db", srv->db, "--key-file", srv->key, "--kind", "volunteers",
			       "--out", fmt("%s/no-such-dir/v.csv", srv->dir), NULL};
	CHECK(run_tool(srv, nodir, NULL) == 1);
	CHECK(access(fmt("%s/no-such-dir", srv->dir), F_OK) != 0);
	size_t len = 0;
	char *body = slurp(out, &len);
	CHECKM(body && len > 1000 && memcmp(body, "PK", 2) == 0, "the CLI wrote no XLSX");
	char *gb = slurp(csv, &len);
	char *u = gb ? from_gb18030(gb, len) : NULL;
	CHECKM(u && strncmp(u, NATIONAL_REC_HEADER, strlen(NATIONAL_REC_HEADER)) == 0, "CLI GB18030 national header");
	items = LIST_ALL(srv, srv->admin, "/api/v1/audit?entity=service-records");
	int n = 0;
	json_array_foreach(items, i, it) {
		const char *a = jstr(it, "action");
		n += a && strcmp(a, "export") == 0 && (jget(it, "user_id") == NULL || jisnull(it, "user_id"));
	}
	CHECKM(n == 1, "%d CLI export entries for service records, want 1", n);
}

/* An export longer than a page (500 rows) reads page after page into one
 * arena, reset between pages: every row comes once, in id order, and every
 * page's ID numbers and phones are opened and masked, not only the first
 * page's (the request's keys once lived in the arena of the page that
 * asked for them: a later page read them after that arena was gone). */
void t_exports_page_after_page_every_row_masked(struct srv *s)
{
	enum { N = 1201 };
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "长队站", "social_work_station", w.town1, 0);
	size_t cap = 100 * (N + 1), len = 0;
	char *csv = track(malloc(cap), free);
	len += (size_t)snprintf(csv, cap, "姓名,身份证号,手机号,所属组织\r\n");
	for (int i = 0; i < N; i++) {
		char id[19], phone[12];
		idnum_n(id, 5000 + i);
		phone_n(phone, 5000 + i);
		len += (size_t)snprintf(csv + len, cap - len, "队员%d,%s,%s,%lld\r\n", i, id, phone, org);
	}
	struct resp *r = post_sheet(s, s->admin, "kind=people", csv, 0, "text/csv", "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	job_counts(wait_job(s, s->admin, jint(r->json, "id")), N, 0, 0, 0);
	r = get_export(s, s->admin, fmt("/api/v1/exports/volunteers?org_id=%lld", org));
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT(atoll(resp_header(r, "X-Export-Rows") ? resp_header(r, "X-Export-Rows") : "-1"), N);
	const char *p = strstr(r->body, "\r\n");
	long long last = 0;
	int rows = 0, masked = 0;
	for (; p && p[2]; p = strstr(p + 2, "\r\n"), rows++) {
		const char *line = p + 2;
		long long id = atoll(line);
		CHECKM(id > last, "row %d: id %lld after %lld", rows, id, last);
		last = id;
		/* 系统编号,志愿者编号,姓名,身份证号,手机号,... */
		const char *c = line;
		for (int k = 0; k < 3 && c; k++)
			c = strchr(c, ',') + 1;
		masked += strncmp(c, "421002********", 14) == 0 && strncmp(strchr(c, ',') + 1, "139****", 7) == 0;
	}
	CHECK_INT(rows, N);
	CHECK_INT(masked, N);
}
