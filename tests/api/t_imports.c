/* t_imports.c - POST /imports and GET /imports/{id}: CSV sheets in UTF-8
 * (with and without a BOM) and GB18030 as Excel and WPS save them (the
 * files in tests/fixtures/import/), a dry run that writes nothing, row
 * errors by row number and header in the page's language, re-imports that
 * skip or update instead of duplicating, all_or_nothing, unknown headers,
 * the caller's scope, the 64 MiB cap, files that are not sheets, and the
 * audit entry. */
#include "tests.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#define CSV "text/csv"

/* A fixture's bytes (tests/fixtures/import/ beside the binary's build dir). */
char *import_fixture(struct srv *s, const char *name, size_t *len)
{
	char *bin = track(strdup(s->bin), free);
	char *p = slurp(fmt("%s/../tests/fixtures/import/%s", dirname(bin), name), len);
	CHECKM(p != NULL, "fixture %s is missing", name);
	return p;
}

struct resp *post_sheet(struct srv *s, const char *tok, const char *query, const char *body, size_t len,
			       const char *ctype, const char *lang)
{
	return http_req(s, &(struct req){.method = "POST", .path = fmt("/api/v1/imports?%s", query), .token = tok,
					 .body = body, .body_len = len, .content_type = ctype,
					 .extra_header = lang ? fmt("Accept-Language: %s", lang) : NULL,
					 .timeout_ms = 60000});
}

/* GET the job until it is done or failed (20 s at most). */
json_t *wait_job(struct srv *s, const char *tok, long long id)
{
	for (int i = 0; i < 400; i++) {
		struct resp *r = http(s, "GET", fmt("/api/v1/imports/%lld", id), tok, NULL);
		if (!EXPECT_STATUS(r, 200))
			return NULL;
		const char *st = jstr(r->json, "status");
		if (st && (strcmp(st, "done") == 0 || strcmp(st, "failed") == 0))
			return r->json;
		usleep(50000);
	}
	check_fail(__FILE__, __LINE__, NULL, "import %lld did not finish", id);
	return NULL;
}

/* Upload, expect 202, wait for the end. */
static json_t *run_import(struct srv *s, const char *tok, const char *query, const char *file, const char *lang)
{
	size_t len = 0;
	char *body = import_fixture(s, file, &len);
	if (!body)
		return NULL;
	struct resp *r = post_sheet(s, tok, query, body, len, CSV, lang);
	if (!EXPECT_STATUS(r, 202))
		return NULL;
	CHECK(jstr(r->json, "status") != NULL);
	CHECK_INT(jint(r->json, "size"), (long long)len);
	return wait_job(s, tok, jint(r->json, "id"));
}

#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Upload an XLSX fixture, expect 202, wait for the end. */
static json_t *run_xlsx(struct srv *s, const char *query, const char *file)
{
	size_t len = 0;
	char *body = import_fixture(s, file, &len);
	if (!body)
		return NULL;
	struct resp *r = post_sheet(s, s->admin, query, body, len, XLSX, "en");
	if (!EXPECT_STATUS(r, 202))
		return NULL;
	return wait_job(s, s->admin, jint(r->json, "id"));
}

void job_counts(json_t *j, long long created, long long updated, long long skipped, long long rejected)
{
	if (!CHECK(j != NULL))
		return;
	CHECK_INT(jint(j, "created"), created);
	CHECK_INT(jint(j, "updated"), updated);
	CHECK_INT(jint(j, "skipped"), skipped);
	CHECK_INT(jint(j, "rejected"), rejected);
}

/* The job's first n errors are at rows[i], columns cols[i]. */
void check_errors(json_t *j, int n, const int *rows, const char *const *cols)
{
	for (int i = 0; i < n; i++) {
		CHECK_INT(jint(j, fmt("errors.%d.row", i)), rows[i]);
		CHECK_STR(jstr(j, fmt("errors.%d.column", i)), cols[i]);
	}
}

void t_import_dry_run_then_import_and_reimport_without_duplicates(struct srv *s)
{
	json_t *j = run_import(s, s->admin, "kind=people&dry_run=true&filename=people_utf8.csv", "people_utf8.csv", NULL);
	job_counts(j, 3, 0, 0, 0);
	CHECK_STR(jstr(j, "status"), "done");
	CHECK(jget(j, "dry_run") == json_true());
	CHECK_INT(jint(j, "progress"), 3);
	CHECK_INT(jint(j, "total"), 3);
	CHECK_STR(jstr(j, "format"), "csv-utf8");
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);

	/* the same people saved as GB18030 by Excel: created once */
	j = run_import(s, s->admin, "kind=people&dry_run=false&filename=people_gb18030.csv", "people_gb18030.csv", NULL);
	job_counts(j, 3, 0, 0, 0);
	CHECK_STR(jstr(j, "format"), "csv-gb18030");
	CHECK_INT(COUNT(s, "/api/v1/people"), 3);
	json_t *people = LIST_ALL(s, s->admin, "/api/v1/people?q=%E5%BC%A0%E4%BC%9F");
	CHECK_INT((long long)json_array_size(people), 1);
	CHECK_STR(jstr(people, "0.gender"), "male");
	CHECK_INT(jint(people, "0.birth_year"), 1985); /* the date is masked to its year (issue 13) */
	CHECK_STR(jstr(people, "0.skills.1"), "驾驶");

	/* again, with a BOM: skipped by default, updated on request; never twice */
	j = run_import(s, s->admin, "kind=people", "people_utf8_bom.csv", NULL);
	job_counts(j, 0, 0, 3, 0);
	j = run_import(s, s->admin, "kind=people&on_existing=update", "people_utf8.csv", NULL);
	job_counts(j, 0, 3, 0, 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 3);

	/* each import is in the audit log with its file's name, size and counts */
	json_t *audit = LIST_ALL(s, s->admin, "/api/v1/audit?entity=imports");
	size_t i;
	json_t *it;
	int real = 0, dry = 0;
	json_array_foreach(audit, i, it)
	{
		const char *act = jstr(it, "action");
		if (act && strcmp(act, "import") == 0)
			real++;
		if (act && strcmp(act, "import_dry_run") == 0) {
			dry++;
			CHECK_STR(jstr(it, "after.filename"), "people_utf8.csv");
			CHECK_INT(jint(it, "after.size"), 277);
			CHECK_INT(jint(it, "after.created"), 3);
		}
	}
	CHECK_INT(real, 3);
	CHECK_INT(dry, 1);
}

void t_import_row_errors_by_row_and_column_in_the_page_language(struct srv *s)
{
	json_t *j = run_import(s, s->admin, "kind=people&dry_run=true", "people_errors.csv", "en-US,en;q=0.9");
	job_counts(j, 1, 0, 0, 4);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
	check_errors(j, 4, (const int[]){2, 3, 4, 5}, (const char *const[]){"身份证号", "手机号", "性别", "姓名"});
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "check digit"));

	/* Chinese by default */
	j = run_import(s, s->admin, "kind=people&dry_run=true", "people_errors.csv", NULL);
	CHECK(jstr(j, "errors.1.message") && strstr(jstr(j, "errors.1.message"), "手机号不是有效的手机号"));

	/* all_or_nothing: one bad row and nothing is written */
	j = run_import(s, s->admin, "kind=people&all_or_nothing=true", "people_errors.csv", "en");
	CHECK_STR(jstr(j, "status"), "failed");
	job_counts(j, 0, 0, 0, 4);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);

	/* without it, the good row goes in and the bad ones are listed */
	j = run_import(s, s->admin, "kind=people", "people_errors.csv", "en");
	CHECK_STR(jstr(j, "status"), "done");
	job_counts(j, 1, 0, 0, 4);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
}

void t_import_unknown_header_is_reported_and_nothing_written(struct srv *s)
{
	json_t *j = run_import(s, s->admin, "kind=people", "people_unknown_header.csv", "en");
	CHECK_STR(jstr(j, "status"), "failed");
	CHECK_INT(jint(j, "errors.0.row"), 1);
	CHECK_STR(jstr(j, "errors.0.column"), "备注");
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "unknown column"));
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
}

void t_import_volunteers_within_the_callers_scope(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "Station A", "social_work_station", w.town1, 0);
	long long b = MK_ORG(s, s->admin, "Station B", "social_work_station", w.town2, 0);
	MK_USER(s, s->admin, "oa_a", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a));
	const char *tok = LOGIN(s, "oa_a", USER_PASS);
	char id1[19], id2[19], id3[19];
	idnum_n(id1, 1);
	idnum_n(id2, 2);
	idnum_n(id3, 3);
	const char *csv = fmt("姓名,身份证号,所属组织,志愿者编号\r\n甲,%s,Station A,X1\r\n乙,%s,Station B,\r\n丙,%s,%lld,\r\n", id1,
			      id2, id3, b);
	struct resp *r = post_sheet(s, tok, "kind=people", csv, 0, CSV, "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	long long job = jint(r->json, "id");
	json_t *j = wait_job(s, tok, job);
	job_counts(j, 1, 0, 0, 2);
	/* the volunteer-number column is reported, not silently dropped */
	CHECK_INT(jint(j, "errors.0.row"), 1);
	CHECK_STR(jstr(j, "errors.0.column"), "志愿者编号");
	CHECK_STR(jstr(j, "errors.0.level"), "warning");
	CHECK_INT(jint(j, "errors.1.row"), 3);
	CHECK_STR(jstr(j, "errors.1.column"), "所属组织");
	CHECK_INT(jint(j, "errors.2.row"), 4);
	CHECK_STR(jstr(j, "errors.2.column"), "所属组织");
	/* the row in scope is a person of org A and a volunteer at applied */
	json_t *vols = LIST_ALL(s, s->admin, "/api/v1/volunteers");
	CHECK_INT((long long)json_array_size(vols), 1);
	CHECK_INT(jint(vols, "0.org_id"), a);
	CHECK_STR(jstr(vols, "0.stage"), "applied");
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
	/* a job is its author's */
	MK_USER(s, s->admin, "oa_b", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", b));
	const char *tok_b = LOGIN(s, "oa_b", USER_PASS);
	r = http(s, "GET", fmt("/api/v1/imports/%lld", job), tok_b, NULL);
	CHECKR(r, r->status == 403 || r->status == 404);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/imports/%lld", job), s->admin, NULL), 200);
	/* a volunteer-only user may not import */
	MK_USER(s, s->admin, "vol", 0, "[{\"role\":\"volunteer\"}]");
	const char *tok_v = LOGIN(s, "vol", USER_PASS);
	EXPECT_ERR(post_sheet(s, tok_v, "kind=people", csv, 0, CSV, NULL), 403, "forbidden", NULL);
}

void t_import_bad_files_and_options_are_refused(struct srv *s)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
	EXPECT_ERR(post_sheet(s, s->admin, "kind=people", png, sizeof png - 1, CSV, NULL), 422, "invalid_value", "file");
	EXPECT_ERR(post_sheet(s, s->admin, "kind=people", "", 0, CSV, NULL), 422, "invalid_value", "file");
	EXPECT_ERR(post_sheet(s, s->admin, "kind=people", "姓名\r\n", 0, "application/json", NULL), 415,
		   "unsupported_media_type", NULL);
	EXPECT_ERR(post_sheet(s, s->admin, "kind=dogs", "姓名\r\n", 0, CSV, NULL), 422, "invalid_value", "kind");
	EXPECT_ERR(post_sheet(s, s->admin, "kind=people&on_existing=merge", "姓名\r\n", 0, CSV, NULL), 422,
		   "invalid_value", "on_existing");
	EXPECT_ERR(post_sheet(s, s->admin, "kind=people&dry_run=maybe", "姓名\r\n", 0, CSV, NULL), 422,
		   "invalid_value", "dry_run");
	EXPECT_ERR(http(s, "GET", "/api/v1/imports/999", s->admin, NULL), 404, "not_found", NULL);

	/* a 100 MB upload: 413, JSON error, nothing written; other routes keep 1 MiB */
	size_t n = (size_t)100 << 20;
	char *big = track(malloc(n), free);
	memset(big, 'a', n);
	memcpy(big, "姓名\r\n", strlen("姓名\r\n"));
	struct resp *r = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/imports?kind=people",
						   .token = s->admin, .body = big, .body_len = n,
						   .content_type = CSV, .allow_expect = true, .timeout_ms = 120000});
	EXPECT_ERR(r, 413, "payload_too_large", NULL);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
	/* 2 MiB is fine here (a sheet of one long unknown column) */
	size_t m = (size_t)2 << 20;
	char *mid = track(malloc(m), free);
	memset(mid, 'b', m);
	memcpy(mid, "x\r\n", 3);
	r = post_sheet(s, s->admin, "kind=people", mid, m, CSV, "en");
	EXPECT_STATUS(r, 202);
}

/* A server stopped while a job writes: the job's transaction rolls back and
 * the job is failed, so no row of it is in the store; after a restart the
 * job says so. */
void t_import_server_stop_mid_job_writes_nothing(struct srv *s)
{
	enum { ROWS = 40000 };
	size_t cap = (size_t)ROWS * 64 + 64, len = 0;
	char *csv = track(malloc(cap), free);
	len += (size_t)snprintf(csv, cap, "姓名,身份证号,手机号\r\n");
	for (int i = 0; i < ROWS; i++) {
		char id[19], ph[12];
		idnum_n(id, i);
		phone_n(ph, i);
		len += (size_t)snprintf(csv + len, cap - len, "P%d,%s,%s\r\n", i, id, ph);
	}
	struct resp *r = post_sheet(s, s->admin, "kind=people", csv, len, CSV, "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	long long id = jint(r->json, "id");
	/* wait until the job is writing rows */
	bool running = false;
	for (int i = 0; i < 500 && !running; i++) {
		struct resp *g = http(s, "GET", fmt("/api/v1/imports/%lld", id), s->admin, NULL);
		running = jstr(g->json, "status") && strcmp(jstr(g->json, "status"), "running") == 0 &&
			  jint(g->json, "progress") > 0;
		if (!running)
			usleep(10000);
	}
	if (!CHECKM(running, "the job never ran"))
		return;
	srv_stop(s, SIGTERM);
	if (!CHECK(srv_start(s)))
		return;
	struct resp *g = http(s, "GET", fmt("/api/v1/imports/%lld", id), s->admin, NULL);
	EXPECT_STATUS(g, 200);
	CHECK_STR(jstr(g->json, "status"), "failed");
	CHECK(jstr(g->json, "message") && strstr(jstr(g->json, "message"), "nothing was written"));
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
}

/* An XLSX workbook (tests/fixtures/import/people.xlsx, made as Excel writes
 * one): a date cell and a phone stored as a number are read; an ID number
 * Excel stored as a number lost its last digits and is refused by name; a
 * formula is refused by name; the good row is written. */
void t_import_xlsx_reads_cells_and_refuses_ids_stored_as_numbers(struct srv *s)
{
	json_t *j = run_xlsx(s, "kind=people&dry_run=true&filename=people.xlsx", "people.xlsx");
	job_counts(j, 1, 0, 0, 2);
	if (!j)
		return;
	CHECK_STR(jstr(j, "format"), "xlsx");
	CHECK_INT(jint(j, "total"), 3);
	CHECK_INT(jint(j, "errors.0.row"), 3);
	CHECK_STR(jstr(j, "errors.0.column"), "身份证号");
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "stored as a number"));
	CHECK_INT(jint(j, "errors.1.row"), 4);
	CHECK_STR(jstr(j, "errors.1.column"), "住址");
	CHECK(jstr(j, "errors.1.message") && strstr(jstr(j, "errors.1.message"), "formula"));
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);

	j = run_xlsx(s, "kind=people&filename=people.xlsx", "people.xlsx");
	job_counts(j, 1, 0, 0, 2);
	json_t *people = LIST_ALL(s, s->admin, "/api/v1/people");
	if (!CHECK_INT((long long)json_array_size(people), 1))
		return;
	CHECK_STR(jstr(people, "0.name"), "赵敏");
	CHECK_INT(jint(people, "0.birth_year"), 1992); /* the date is masked to its year (issue 13) */
	CHECK_STR(jstr(people, "0.gender"), "female");
	CHECK_STR(jstr(people, "0.skills.0"), "助老");
}

/* kind=clients: org A (沙市区社工站, as the fixtures name it) with its social
 * worker 陈静 (社会工作师: the sheet's left-behind child needs one, issue 15),
 * and org B; *tok_a and *tok_b are their org admins. */
static long long clients_world(struct srv *s, long long *b, long long *sw, const char **tok_a, const char **tok_b)
{
	struct world w;
	if (!world_regions(s, &w))
		return -1;
	long long a = MK_ORG(s, s->admin, "沙市区社工站", "social_work_station", w.town1, 0);
	*b = MK_ORG(s, s->admin, "荆州区社工站", "social_work_station", w.town2, 0);
	char id[19];
	idnum_n(id, 50);
	long long p = MK_PERSON(s, s->admin, "陈静", id, NULL, a);
	*sw = MK(s, s->admin, "/api/v1/social-workers",
		 fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"intermediate\",\"certificate_no\":\"C-1\"}",
		     p, a));
	MK_USER(s, s->admin, "oa_a", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a));
	MK_USER(s, s->admin, "oa_b", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", *b));
	*tok_a = LOGIN(s, "oa_a", USER_PASS);
	*tok_b = LOGIN(s, "oa_b", USER_PASS);
	return a;
}

void t_import_clients_dry_run_import_reimport_and_scope(struct srv *s)
{
	long long b, sw;
	const char *tok_a, *tok_b;
	long long a = clients_world(s, &b, &sw, &tok_a, &tok_b);
	if (a <= 0 || !tok_a || !tok_b)
		return;
	json_t *j = run_import(s, tok_a, "kind=clients&dry_run=true", "clients_gb18030.csv", "en");
	job_counts(j, 3, 0, 0, 0);
	CHECK_STR(jstr(j, "kind"), "clients");
	CHECK_STR(jstr(j, "format"), "csv-gb18030");
	CHECK_INT(COUNT(s, "/api/v1/clients"), 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);

	/* an org admin of another org: every row refused on its org, nothing written */
	j = run_import(s, tok_b, "kind=clients", "clients_gb18030.csv", "en");
	job_counts(j, 0, 0, 0, 3);
	CHECK_INT(jint(j, "errors.0.row"), 2);
	CHECK_STR(jstr(j, "errors.0.column"), "所属组织");
	CHECK_INT(COUNT(s, "/api/v1/clients"), 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);

	j = run_import(s, tok_a, "kind=clients", "clients_gb18030.csv", "en");
	job_counts(j, 3, 0, 0, 0);
	json_t *cl = LIST_ALL(s, tok_a, "/api/v1/clients?category=elderly");
	CHECK_INT((long long)json_array_size(cl), 1);
	CHECK_STR(jstr(cl, "0.person_name"), "刘桂兰");
	CHECK_STR(jstr(cl, "0.care_level"), "partial");
	CHECK_STR(jstr(cl, "0.service_package.0"), "定期上门探访");
	CHECK_INT(jint(cl, "0.social_worker_id"), sw);
	CHECK_INT(jint(cl, "0.org_id"), a);
	CHECK_STR(jstr(cl, "0.case_stage"), "intake");
	cl = LIST_ALL(s, tok_a, "/api/v1/clients?category=left_behind_child");
	CHECK_INT((long long)json_array_size(cl), 1);
	CHECK_STR(jstr(cl, "0.capacity"), "limited");
	cl = LIST_ALL(s, tok_a, "/api/v1/clients?category=disabled");
	CHECK_INT((long long)json_array_size(cl), 1);
	CHECK_STR(jstr(cl, "0.capacity"), "full");
	CHECK(jisnull(cl, "0.social_worker_id") || jint(cl, "0.social_worker_id") == -1);

	/* the same clients in UTF-8 with a BOM: skipped, then updated; never twice */
	j = run_import(s, tok_a, "kind=clients", "clients_utf8.csv", "en");
	job_counts(j, 0, 0, 3, 0);
	CHECK_STR(jstr(j, "format"), "csv-utf8");
	j = run_import(s, tok_a, "kind=clients&on_existing=update", "clients_utf8.csv", "en");
	job_counts(j, 0, 3, 0, 0);
	CHECK_INT(COUNT(s, "/api/v1/clients"), 3);
	CHECK_INT(COUNT(s, "/api/v1/people"), 4);
}

void t_import_clients_row_errors_by_row_and_column(struct srv *s)
{
	long long b, sw;
	const char *tok_a, *tok_b;
	if (clients_world(s, &b, &sw, &tok_a, &tok_b) <= 0 || !tok_a)
		return;
	char id[5][19];
	for (int i = 0; i < 5; i++)
		idnum_n(id[i], 60 + i);
	const char *csv = fmt("姓名,身份证号,类别,护理等级,服务机构,知情同意,负责社工\r\n"
			      "甲,%s,青少年,,沙市区社工站,是,\r\n"
			      "乙,%s,老年人,,沙市区社工站,是,\r\n"
			      "丙,%s,其他,,沙市区社工站,否,\r\n"
			      "丁,%s,残疾人,,沙市区社工站,是,李四\r\n"
			      "戊,%s,其他,,沙市区社工站,是,陈静\r\n",
			      id[0], id[1], id[2], id[3], id[4]);
	struct resp *r = post_sheet(s, tok_a, "kind=clients&dry_run=true", csv, 0, CSV, "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	json_t *j = wait_job(s, tok_a, jint(r->json, "id"));
	job_counts(j, 1, 0, 0, 4);
	check_errors(j, 4, (const int[]){2, 3, 4, 5}, (const char *const[]){"类别", "护理等级", "知情同意", "负责社工"});
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "老年人"));
	CHECK_INT(COUNT(s, "/api/v1/clients"), 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);

	/* in Chinese by default */
	r = post_sheet(s, tok_a, "kind=clients&dry_run=true", csv, 0, CSV, NULL);
	if (!EXPECT_STATUS(r, 202))
		return;
	j = wait_job(s, tok_a, jint(r->json, "id"));
	CHECK(jstr(j, "errors.1.message") && strstr(jstr(j, "errors.1.message"), "照护等级"));

	/* a sheet of clients without its 知情同意 column: nothing is read */
	r = post_sheet(s, tok_a, "kind=clients", fmt("姓名,身份证号,类别,所属组织\r\n甲,%s,其他,沙市区社工站\r\n", id[0]), 0,
		       CSV, "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	j = wait_job(s, tok_a, jint(r->json, "id"));
	CHECK_STR(jstr(j, "status"), "failed");
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "知情同意"));
	/* and a people-only column is unknown in a sheet of clients */
	r = post_sheet(s, tok_a, "kind=clients",
		       fmt("姓名,身份证号,类别,所属组织,知情同意,技能\r\n甲,%s,其他,沙市区社工站,是,急救\r\n", id[0]), 0, CSV,
		       "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	j = wait_job(s, tok_a, jint(r->json, "id"));
	CHECK_STR(jstr(j, "status"), "failed");
	CHECK_STR(jstr(j, "errors.0.column"), "技能");
	CHECK_INT(COUNT(s, "/api/v1/clients"), 0);
}

/* `liandong import FILE`: exit 0 when every row was good (a dry run writes
 * nothing), 1 for a sheet with a bad row, a path it cannot read (a
 * directory) or a file that is not there. */
void t_import_from_the_command_line(struct srv *s)
{
	char *bin = track(strdup(s->bin), free);
	const char *dir = fmt("%s/../tests/fixtures/import", dirname(bin));
	const char *dry[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "people", "--dry-run",
			     fmt("%s/people_utf8.csv", dir), NULL};
	CHECK_INT(run_tool(s, dry, NULL), 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
	const char *real[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "people",
			      fmt("%s/people_gb18030.csv", dir), NULL};
	CHECK_INT(run_tool(s, real, NULL), 0);
	CHECK_INT(COUNT(s, "/api/v1/people"), 3);
	const char *bad[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "people", "--dry-run",
			     fmt("%s/people_errors.csv", dir), NULL};
	CHECK_INT(run_tool(s, bad, NULL), 1);
	const char *folder[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "people", dir, NULL};
	CHECK_INT(run_tool(s, folder, NULL), 1);
	const char *none[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "people",
			      fmt("%s/no-such-file.csv", dir), NULL};
	CHECK_INT(run_tool(s, none, NULL), 1);
	CHECK_INT(COUNT(s, "/api/v1/people"), 3);
}

/* An org cell names its org exactly: among ten orgs whose names start the
 * same it finds the one (once a prefix search with a page of 8 missed it),
 * and "%" in a cell is a character, not a pattern. */
void t_import_finds_an_org_by_its_exact_name(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	for (int i = 1; i <= 9; i++)
		MK_ORG(s, s->admin, fmt("沙市区志愿队%d分队", i), "volunteer_team", w.d1, 0);
	long long team = MK_ORG(s, s->admin, "沙市区志愿队", "volunteer_team", w.d1, 0);
	char id1[19], id2[19];
	idnum_n(id1, 1);
	idnum_n(id2, 2);
	const char *csv = fmt("姓名,身份证号,所属组织\r\n甲,%s,沙市区志愿队\r\n乙,%s,沙市区志愿%%\r\n", id1, id2);
	struct resp *r = post_sheet(s, s->admin, "kind=people", csv, 0, CSV, "en");
	if (!EXPECT_STATUS(r, 202))
		return;
	json_t *j = wait_job(s, s->admin, jint(r->json, "id"));
	job_counts(j, 1, 0, 0, 1);
	CHECK_INT(jint(j, "errors.0.row"), 3);
	CHECK_STR(jstr(j, "errors.0.column"), "所属组织");
	json_t *vols = LIST_ALL(s, s->admin, "/api/v1/volunteers");
	if (CHECK_INT((long long)json_array_size(vols), 1))
		CHECK_INT(jint(vols, "0.org_id"), team);
}
