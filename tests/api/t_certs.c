/* t_certs.c - certificates of service hours (志愿服务记录证明): issue and
 * list, the PDF read through poppler (pdftoppm renders it, pdftotext finds
 * the name, hours and code, pdffonts shows the font embedded), the public
 * check by code, who may do what, every bad input, revocation after a void
 * and the lookup throttle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care_world.h"
#include "svc_world.h"

/* A record of `hours` by `tok` (staff of org, 0 = the volunteer's),
 * verified by the platform admin (never its own recorder). */
static long long verified(struct srv *srv, const char *tok, long long org, long long v, const char *content,
			  const char *hours)
{
	long long id = MK(srv, tok, "/api/v1/service-records",
			  fmt("{\"volunteer_id\":%lld,%s\"content\":\"%s\",\"place\":\"幸福社区\",\"starts_at\":\"%s\","
			      "\"ends_at\":\"%s\",\"hours\":%s,\"person_in_charge\":\"李社工\"}", v, org ? fmt("\"org_id\":%lld,", org) : "", content,
			      at(-10 * 86400), at(-10 * 86400 + 8 * 3600), hours));
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", id), srv->admin, NULL), 200);
	return id;
}

/* A local date `days` ago, "YYYY-MM-DD" (negative: ahead). */
static const char *day(int days)
{
	int y, m, d;
	date_ago(0, days, &y, &m, &d);
	return fmt("%04d-%02d-%02d", y, m, d);
}

static struct resp *issue(struct srv *srv, const char *tok, long long v, const char *body)
{
	return http(srv, "POST", fmt("/api/v1/volunteers/%lld/certificates", v), tok, body);
}

static const char *period(void)
{
	return fmt("{\"from\":\"%s\",\"to\":\"%s\"}", day(30), day(0));
}

/* The code of a certificate the volunteer v (token vtok) issues for the
 * last 30 days over one verified record of 2 hours; NULL (the failure
 * reported) if it is not issued. */
static const char *two_hours_issued(struct srv *srv, struct svc *s, long long v, const char *vtok)
{
	verified(srv, s->staff, 0, v, "入户探访", "2");
	struct resp *c = issue(srv, vtok, v, period());
	if (!EXPECT_STATUS(c, 201))
		return NULL;
	return track(strdup(jstr(c->json, "code") ? jstr(c->json, "code") : ""), free);
}

static bool well_formed_code(const char *c)
{
	if (!c || strlen(c) != 19)
		return false;
	for (int i = 0; i < 19; i++)
		if (i % 5 == 4 ? c[i] != '-' : !strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c[i]))
			return false;
	return true;
}

/* The PDF of r written to dir/name.pdf; its path. */
static const char *save_pdf(struct srv *srv, const struct resp *r, const char *name)
{
	const char *path = fmt("%s/%s.pdf", srv->dir, name);
	FILE *f = fopen(path, "wb");
	if (!CHECKM(f != NULL, "cannot write %s", path))
		return NULL;
	fwrite(r->body, 1, r->len, f);
	fclose(f);
	return path;
}

/* Render with pdftoppm, return pdftotext's text; check the fonts embedded. */
static const char *pdf_text(struct srv *srv, const char *path)
{
	int st;
	cmd_output(fmt("pdftoppm -r 40 -png '%s' '%s/page' 2>&1", path, srv->dir), &st);
	CHECKM(st == 0, "pdftoppm could not render %s", path);
	char *png = slurp(fmt("%s/page-1.png", srv->dir), NULL);
	CHECKM(png && memcmp(png, "\x89PNG", 4) == 0, "pdftoppm made no first page image");
	const char *fonts = cmd_output(fmt("pdffonts '%s' 2>&1", path), &st);
	CHECKM(st == 0 && fonts, "pdffonts failed");
	int nfonts = 0;
	for (const char *l = fonts ? strchr(fonts, '\n') : NULL; l && (l = strchr(l + 1, '\n')) && l[1];) {
		/* lines after the two header lines: name type encoding emb sub uni ... */
		char name[200], type[40], enc[40], emb[8];
		char line[400];
		size_t n = strcspn(l + 1, "\n");
		snprintf(line, sizeof line, "%.*s", (int)n, l + 1);
		if (sscanf(line, "%199s %39s %*s %39s %7s", name, type, enc, emb) < 3)
			continue;
		nfonts++;
		CHECKM(strstr(line, " yes yes yes ") || strstr(line, " yes yes no "), "font not embedded: %s", line);
	}
	CHECKM(nfonts > 0, "pdffonts lists no font:\n%s", fonts ? fonts : "");
	const char *text = cmd_output(fmt("pdftotext -enc UTF-8 '%s' - 2>&1", path), &st);
	CHECKM(st == 0 && text, "pdftotext failed");
	return text ? text : "";
}

static struct resp *get_pdf(struct srv *srv, const char *tok, const char *code)
{
	return http(srv, "GET", fmt("/api/v1/certificates/%s/pdf", code), tok, NULL);
}

void t_cert_issue_pdf_shows_name_hours_and_code(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/people/%lld", s.person[0]), srv->admin, "{\"name\":\"王秀兰\"}"),
		      200);
	verified(srv, s.staff, 0, v, "入户探访", "2");
	verified(srv, s.staff, 0, v, "助老送餐", "3.5");
	/* a record not yet verified is not counted */
	MK(srv, s.staff, "/api/v1/service-records",
	   fmt("{\"volunteer_id\":%lld,\"content\":\"未核实\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"hours\":1,"
	       "\"person_in_charge\":\"李社工\"}", v, at(-5 * 86400), at(-5 * 86400 + 3600)));
	struct resp *c = issue(srv, s.vtok[0], v, period());
	if (!EXPECT_STATUS(c, 201))
		return;
	const char *code = track(strdup(jstr(c->json, "code") ? jstr(c->json, "code") : ""), free);
	CHECKM(well_formed_code(code), "code %s is not four groups of four base32 characters", code);
	CHECK(jint(c->json, "id") > 0);
	CHECK_INT(jint(c->json, "volunteer_id"), v);
	CHECK_STR(jstr(c->json, "from"), day(30));
	CHECK_STR(jstr(c->json, "to"), day(0));
	CHECKM(json_number_value(jget(c->json, "hours")) == 5.5, "want 5.5 hours");
	CHECK_STR(jstr(c->json, "status"), "valid");
	CHECK(jstr(c->json, "issued_at") != NULL);
	CHECK(jstr(c->json, "number") != NULL && strncmp(jstr(c->json, "number"), "ZYZM-", 5) == 0);
	CHECK_STR(jstr(c->json, "pdf_url"), fmt("/api/v1/certificates/%s/pdf", code));
	CHECK(jget(c->json, "minutes") == NULL);

	struct resp *p = get_pdf(srv, s.vtok[0], code);
	if (!EXPECT_STATUS(p, 200))
		return;
	CHECK_STR(resp_header(p, "Content-Type"), "application/pdf");
	CHECKM(p->len > 1000 && p->len < 300 * 1024, "PDF of %zu bytes, want under 300 KB", p->len);
	CHECK(memcmp(p->body, "%PDF-", 5) == 0);
	const char *text = pdf_text(srv, save_pdf(srv, p, "cert"));
	const char *vno = jstr(http(srv, "GET", fmt("/api/v1/volunteers/%lld", v), srv->admin, NULL)->json, "volunteer_no");
	const char *want[] = {"志愿服务记录证明", "王秀兰", "5.50", code, vno ? vno : "?", jstr(c->json, "number"),
			      "入户探访", "助老送餐", "中山街道社工站"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		CHECKM(strstr(text, want[i]) != NULL, "the PDF's text lacks %s:\n%s", want[i], text);
	CHECKM(strstr(text, "未核实") == NULL, "an unverified record is on the certificate");
	const char *idn = jstr(http(srv, "GET", fmt("/api/v1/people/%lld", s.person[0]), srv->admin, NULL)->json, "id_number");
	CHECKM(idn && strlen(idn) == 18 && strstr(text, idn) == NULL && strstr(text, idn + 10) == NULL,
	       "the PDF never shows the ID number (%s)", idn ? idn : "?");
	CHECKM(strstr(text, "学分") == NULL, "a plain certificate names no school credit");

	/* the school variant: the same certificate with the school named */
	struct resp *sc = issue(srv, s.staff, v, fmt("{\"from\":\"%s\",\"to\":\"%s\",\"school\":\"武汉大学\"}", day(30), day(0)));
	if (EXPECT_STATUS(sc, 201)) {
		CHECK_STR(jstr(sc->json, "school"), "武汉大学");
		struct resp *sp = get_pdf(srv, s.staff, jstr(sc->json, "code"));
		if (EXPECT_STATUS(sp, 200)) {
			const char *st = pdf_text(srv, save_pdf(srv, sp, "school"));
			CHECKM(strstr(st, "武汉大学") && strstr(st, "学分") && strstr(st, "王秀兰"), "school PDF:\n%s", st);
		}
	}

	/* the public check, without signing in */
	struct resp *pub = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	if (EXPECT_STATUS(pub, 200)) {
		CHECK_STR(jstr(pub->json, "code"), code);
		CHECK_STR(jstr(pub->json, "name"), "王*兰");
		CHECK_STR(jstr(pub->json, "volunteer_no"), vno);
		CHECK_STR(jstr(pub->json, "status"), "valid");
		CHECK(jisnull(pub->json, "revoked_at"));
		CHECKM(json_number_value(jget(pub->json, "hours")) == 5.5, "public hours");
		CHECK_STR(jstr(pub->json, "orgs.0"), "中山街道社工站");
		CHECK_STR(jstr(pub->json, "number"), jstr(c->json, "number"));
		CHECK(jget(pub->json, "volunteer_id") == NULL && jget(pub->json, "id_number") == NULL);
	}
	/* typed in lower case without hyphens, it is the same certificate */
	char typed[17];
	int k = 0;
	for (const char *q = code; *q && k < 16; q++)
		if (*q != '-')
			typed[k++] = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
	typed[k] = 0;
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/certificates/%s", typed), NULL, NULL)->json, "code"), code);

	json_t *mine = LIST_ALL(srv, s.vtok[0], fmt("/api/v1/volunteers/%lld/certificates", v));
	CHECKM(mine && json_array_size(mine) == 2, "the volunteer lists both certificates");
	CHECK_STR(jstr(mine, "0.status"), "valid");
	json_t *audit = LIST_ALL(srv, srv->admin, "/api/v1/audit?entity=certificates");
	CHECKM(audit && json_array_size(audit) == 2, "each issue is in the audit log");
}

void t_cert_bad_input_is_refused_and_changes_nothing(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	verified(srv, s.staff, 0, v, "入户探访", "2");
	const char *t = s.vtok[0];
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\"}", day(0), day(30))), 422, "invalid_value", "to");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\"}", day(30), day(-1))), 422, "invalid_value", "to");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\"}", day(-2), day(-5))), 422, "invalid_value", "from");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\"}", day(400), day(300))), 422, "rule_violation", "from");
	EXPECT_ERR(issue(srv, t, v, "{\"from\":\"2026-02-30\",\"to\":\"2026-03-01\"}"), 422, "invalid_value", "from");
	EXPECT_ERR(issue(srv, t, v, "{\"from\":\"yesterday\",\"to\":\"2026-03-01\"}"), 422, "invalid_value", "from");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"to\":\"%s\"}", day(0))), 422, "required", "from");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\"}", day(1))), 422, "required", "to");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\",\"hours\":99}", day(30), day(0))), 422,
		   "read_only", "hours");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\",\"code\":\"X\"}", day(30), day(0))), 422,
		   "read_only", "code");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\",\"pages\":1}", day(30), day(0))), 400,
		   "unknown_field", "pages");
	EXPECT_ERR(issue(srv, t, v, fmt("{\"from\":\"%s\",\"to\":\"%s\",\"school\":\"\"}", day(30), day(0))), 422,
		   "invalid_value", "school");
	EXPECT_ERR(issue(srv, t, v, "[1]"), 400, "bad_request", NULL);
	EXPECT_ERR(issue(srv, srv->admin, 999999, period()), 404, "not_found", NULL);
	EXPECT_ERR(issue(srv, NULL, v, period()), 401, "unauthorized", NULL);
	json_t *none = LIST_ALL(srv, srv->admin, fmt("/api/v1/volunteers/%lld/certificates", v));
	CHECKM(none && json_array_size(none) == 0, "no bad request made a certificate");
	CHECK_INT(COUNT(srv, "/api/v1/audit?entity=certificates"), 0);
	/* and a good one still can be issued */
	EXPECT_STATUS(issue(srv, t, v, period()), 201);
}

void t_cert_who_may_issue_and_print(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long v = s.vol[0];
	long long other = MK_ORG(srv, srv->admin, "幸福社区服务站", "social_work_station", s.w.town2, 0);
	MK_USER(srv, srv->admin, "staffb", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", other));
	const char *staffb = LOGIN(srv, "staffb", USER_PASS);
	long long org3 = MK_ORG(srv, srv->admin, "无关社工站", "social_work_station", s.w.town2, 0);
	MK_USER(srv, srv->admin, "staffc", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org3));
	const char *staffc = LOGIN(srv, "staffc", USER_PASS);
	verified(srv, s.staff, 0, v, "入户探访", "2");

	/* another volunteer, staff of an unrelated org: 403, nothing made */
	EXPECT_ERR(issue(srv, s.vtok[1], v, period()), 403, "forbidden", "volunteer_id");
	EXPECT_ERR(issue(srv, staffc, v, period()), 403, "forbidden", "volunteer_id");
	/* staff of an org that recorded none of the period's hours: 403 too */
	EXPECT_ERR(issue(srv, staffb, v, period()), 403, "forbidden", "volunteer_id");
	json_t *none = LIST_ALL(srv, srv->admin, fmt("/api/v1/volunteers/%lld/certificates", v));
	CHECKM(none && json_array_size(none) == 0, "refused issues made nothing");

	/* once org B recorded hours, its staff issue in B's name, over B's
	 * records only: A's record (content, place) is neither counted nor
	 * printed */
	verified(srv, staffb, other, v, "环境保护", "1.5");
	struct resp *b = issue(srv, staffb, v, period());
	const char *bcode = NULL;
	if (EXPECT_STATUS(b, 201)) {
		CHECK_INT(jint(b->json, "org_id"), other);
		CHECKM(json_number_value(jget(b->json, "hours")) == 1.5, "only B's hours are counted");
		bcode = track(strdup(jstr(b->json, "code") ? jstr(b->json, "code") : ""), free);
		struct resp *bp = http(srv, "GET", fmt("/api/v1/certificates/%s", bcode), NULL, NULL);
		CHECKM(json_array_size(jget(bp->json, "orgs")) == 1, "B's certificate names B only");
		CHECK_STR(jstr(bp->json, "orgs.0"), "幸福社区服务站");
		struct resp *pdf = get_pdf(srv, staffb, bcode);
		if (EXPECT_STATUS(pdf, 200)) {
			const char *text = pdf_text(srv, save_pdf(srv, pdf, "b"));
			CHECKM(strstr(text, "环境保护") && !strstr(text, "入户探访"), "B's PDF lists B's records only:\n%s",
			       text);
		}
		/* the volunteer's org's staff did not issue it: no PDF for them */
		EXPECT_ERR(get_pdf(srv, s.staff, bcode), 404, "not_found", "code");
		EXPECT_STATUS(get_pdf(srv, s.vtok[0], bcode), 200);
	}
	struct resp *a = issue(srv, s.staff, v, period());
	if (!EXPECT_STATUS(a, 201))
		return;
	CHECK_INT(jint(a->json, "org_id"), s.org);
	const char *code = jstr(a->json, "code");
	struct resp *pub = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	CHECKM(json_array_size(jget(pub->json, "orgs")) == 2, "both recording units are listed");
	EXPECT_STATUS(issue(srv, srv->admin, v, period()), 201);

	/* the PDF: the volunteer, the issuing org's staff, admins; to anyone
	 * else (a recording org's staff included) the code is unknown, the
	 * same 404 as a code never issued */
	EXPECT_STATUS(get_pdf(srv, s.vtok[0], code), 200);
	EXPECT_STATUS(get_pdf(srv, s.staff, code), 200);
	EXPECT_STATUS(get_pdf(srv, srv->admin, code), 200);
	struct resp *unknown = get_pdf(srv, srv->admin, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
	EXPECT_ERR(unknown, 404, "not_found", "code");
	const char *outsiders[] = {staffb, s.vtok[1], staffc};
	for (size_t i = 0; i < 3; i++) {
		struct resp *r = get_pdf(srv, outsiders[i], code);
		if (EXPECT_ERR(r, 404, "not_found", "code") && unknown->body)
			CHECKM(r->body && strcmp(r->body, unknown->body) == 0, "answers otherwise than an unknown code: %s",
			       r->body ? r->body : "");
	}
	EXPECT_ERR(get_pdf(srv, NULL, code), 401, "unauthorized", NULL);
	/* lists: the other volunteer sees none of them */
	json_t *theirs = LIST_ALL(srv, s.vtok[1], fmt("/api/v1/volunteers/%lld/certificates", v));
	CHECKM(theirs && json_array_size(theirs) == 0, "another volunteer lists none of them");
	json_t *mine = LIST_ALL(srv, s.vtok[0], fmt("/api/v1/volunteers/%lld/certificates", v));
	CHECKM(mine && json_array_size(mine) == 3, "the volunteer lists all three");
}

void t_cert_unknown_and_malformed_codes_are_the_same_404(struct srv *srv)
{
	struct resp *unknown = http(srv, "GET", "/api/v1/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ", NULL, NULL);
	EXPECT_ERR(unknown, 404, "not_found", "code");
	const char *bad[] = {"abc", "ZZZZ-ZZZZ-ZZZZ-ZZZI", "ZZZZZ-ZZZ-ZZZZ-ZZZZ", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-", "ZZZZZZZZZZZZZZZ",
			     "ZZZZZZZZZZZZZZZZZ", "ZZZZ_ZZZZ_ZZZZ_ZZZZ", "ZZZZ-ZZZZ-ZZZZ-ZZZ%25", "1%20OR%201%3D1",
			     "%E7%8E%8B%E7%A7%80%E5%85%B0"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct resp *r = http(srv, "GET", fmt("/api/v1/certificates/%s", bad[i]), NULL, NULL);
		if (EXPECT_ERR(r, 404, "not_found", "code") && unknown->body)
			CHECKM(strcmp(r->body, unknown->body) == 0, "%s answers otherwise than an unknown code: %s", bad[i],
			       r->body);
	}
	/* the QR code's page is the web app's, for any code */
	struct resp *page = http(srv, "GET", "/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ", NULL, NULL);
	if (EXPECT_STATUS(page, 200))
		CHECK(resp_header(page, "Content-Type") && strstr(resp_header(page, "Content-Type"), "text/html"));
	/* a NUL ends the path before the code: no route, still a 404 */
	CHECK_INT(http(srv, "GET", "/api/v1/certificates/%00ZZZ-ZZZZ-ZZZZ-ZZZZ", NULL, NULL)->status, 404);
}

void t_cert_revoked_after_a_record_is_voided(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	verified(srv, s.staff, 0, v, "入户探访", "2");
	long long b = verified(srv, s.staff, 0, v, "助老送餐", "3.5");
	struct resp *c = issue(srv, s.vtok[0], v, period());
	if (!EXPECT_STATUS(c, 201))
		return;
	const char *code = jstr(c->json, "code");
	long long id = jint(c->json, "id");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", b), s.staff, "{\"reason\":\"时长记错\"}"),
		      200);
	struct resp *pub = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	if (EXPECT_STATUS(pub, 200)) {
		CHECK_STR(jstr(pub->json, "status"), "revoked");
		CHECK(jstr(pub->json, "revoked_at") != NULL);
		CHECKM(json_number_value(jget(pub->json, "hours")) == 5.5, "the hours stay those at issue");
	}
	json_t *mine = LIST_ALL(srv, s.vtok[0], fmt("/api/v1/volunteers/%lld/certificates", v));
	json_t *it = mine ? arr_find_id(mine, id) : NULL;
	CHECK_STR(jstr(it, "status"), "revoked");
	CHECK(jstr(it, "revoked_at") != NULL);
	struct resp *p = get_pdf(srv, s.vtok[0], code);
	if (EXPECT_STATUS(p, 200)) {
		const char *text = pdf_text(srv, save_pdf(srv, p, "revoked"));
		CHECKM(strstr(text, "撤销") != NULL, "the revoked PDF says so:\n%s", text);
	}
	/* a new certificate counts only the records still verified */
	struct resp *again = issue(srv, s.vtok[0], v, period());
	if (EXPECT_STATUS(again, 201)) {
		CHECK_STR(jstr(again->json, "status"), "valid");
		CHECKM(json_number_value(jget(again->json, "hours")) == 2.0, "only the 2 verified hours remain");
	}
}

void t_cert_lookups_are_throttled_per_address(struct srv *srv)
{
	int ok = 0;
	struct resp *r = NULL;
	for (int i = 0; i < 40; i++) {
		r = http(srv, "GET", fmt("/api/v1/certificates/ZZZZ-ZZZZ-ZZZZ-%04d", i), NULL, NULL);
		if (r->status != 404)
			break;
		ok++;
	}
	CHECK_INT(ok, 20);
	if (EXPECT_ERR(r, 429, "too_many_requests", NULL)) {
		const char *ra = resp_header(r, "Retry-After");
		CHECKM(ra && strtol(ra, NULL, 10) >= 1 && strtol(ra, NULL, 10) <= 6, "Retry-After %s", ra ? ra : "missing");
	}
	/* signed-in routes are not throttled by it */
	EXPECT_STATUS(http(srv, "GET", "/api/v1/me", srv->admin, NULL), 200);
}

/* A failed read of the revocation state is an error, never "valid": with
 * the certificate's records unreadable, the list and the public check
 * answer 5xx; once readable again, valid. */
void t_cert_revocation_fails_closed(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	const char *code = two_hours_issued(srv, &s, v, s.vtok[0]);
	if (!code)
		return;
	const char *list = fmt("/api/v1/volunteers/%lld/certificates", v);
	if (!db_exec(srv, "ALTER TABLE certificate_records RENAME TO certificate_records_away"))
		return;
	struct resp *l = http(srv, "GET", list, s.vtok[0], NULL);
	CHECKR(l, l->status >= 500 && (!l->body || !strstr(l->body, "\"valid\"")));
	struct resp *pub = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	CHECKR(pub, pub->status >= 500 && (!pub->body || !strstr(pub->body, "\"valid\"")));
	db_exec(srv, "ALTER TABLE certificate_records_away RENAME TO certificate_records");
	struct resp *back = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	if (EXPECT_STATUS(back, 200))
		CHECK_STR(jstr(back->json, "status"), "valid");
	json_t *mine = LIST_ALL(srv, s.vtok[0], list);
	CHECK_STR(jstr(mine, "0.status"), "valid");
}

/* What a certificate states is frozen at issue: renaming the holder or the
 * org afterwards changes neither the public check nor the PDF. */
void t_cert_states_what_it_stated_at_issue(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/people/%lld", s.person[0]), srv->admin, "{\"name\":\"王秀兰\"}"),
		      200);
	const char *code = two_hours_issued(srv, &s, v, s.vtok[0]);
	if (!code)
		return;
	struct resp *before = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	if (!EXPECT_STATUS(before, 200))
		return;
	const char *was = track(strdup(before->body), free);
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/people/%lld", s.person[0]), srv->admin, "{\"name\":\"李四\"}"),
		      200);
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/orgs/%lld", s.org), srv->admin, "{\"name\":\"改名社工站\"}"), 200);
	struct resp *after = http(srv, "GET", fmt("/api/v1/certificates/%s", code), NULL, NULL);
	if (EXPECT_STATUS(after, 200)) {
		CHECK_STR(jstr(after->json, "name"), "王*兰");
		CHECK_STR(jstr(after->json, "orgs.0"), "中山街道社工站");
		CHECKM(strcmp(after->body, was) == 0, "the check changed after the renames:\n%s\n%s", was, after->body);
	}
	struct resp *p = get_pdf(srv, s.vtok[0], code);
	if (EXPECT_STATUS(p, 200)) {
		const char *text = pdf_text(srv, save_pdf(srv, p, "renamed"));
		CHECKM(strstr(text, "王秀兰") && strstr(text, "中山街道社工站") && !strstr(text, "李四") &&
			       !strstr(text, "改名社工站"),
		       "the PDF states what it stated at issue:\n%s", text);
	}
	/* a new certificate states the names as they are now */
	struct resp *again = issue(srv, s.vtok[0], v, period());
	if (EXPECT_STATUS(again, 201)) {
		struct resp *pub = http(srv, "GET", fmt("/api/v1/certificates/%s", jstr(again->json, "code")), NULL, NULL);
		CHECK_STR(jstr(pub->json, "name"), "李*");
		CHECK_STR(jstr(pub->json, "orgs.0"), "改名社工站");
	}
}

/* The verification link printed in the PDF: the request's Host without
 * --public-url (a Host too long or not a host name is refused), the
 * configured base with it, whatever the Host says. */
void t_cert_pdf_link_base_is_the_public_url(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0];
	const char *code = two_hours_issued(srv, &s, v, s.vtok[0]);
	if (!code)
		return;
	const char *path = fmt("/api/v1/certificates/%s/pdf", code);
	struct resp *p = http_req(srv, &(struct req){.method = "GET", .path = path, .token = s.vtok[0],
						     .extra_header = "Host: verify.example"});
	if (EXPECT_STATUS(p, 200)) {
		const char *text = pdf_text(srv, save_pdf(srv, p, "host"));
		CHECKM(strstr(text, "http://verify.example/verify/"), "the link from Host:\n%s", text);
	}
	char *longhost = track(malloc(4000), free);
	memset(longhost, 'a', 3990);
	memcpy(longhost, "Host: ", 6);
	longhost[3990] = 0;
	EXPECT_ERR(http_req(srv, &(struct req){.method = "GET", .path = path, .token = s.vtok[0], .extra_header = longhost}),
		   400, "bad_request", "Host");
	EXPECT_ERR(http_req(srv, &(struct req){.method = "GET", .path = path, .token = s.vtok[0],
					       .extra_header = "Host: evil.example/x?"}),
		   400, "bad_request", "Host");
	/* with --public-url, the Host no longer matters */
	srv_stop(srv, 15);
	srv->public_url = "https://liandong.example.org/";
	bool up = srv_start(srv);
	srv->public_url = NULL;
	if (!CHECKM(up, "the server restarts with --public-url"))
		return;
	const char *tok = LOGIN(srv, "vol0", USER_PASS);
	p = http_req(srv, &(struct req){.method = "GET", .path = path, .token = tok, .extra_header = "Host: evil.example"});
	if (EXPECT_STATUS(p, 200)) {
		const char *text = pdf_text(srv, save_pdf(srv, p, "public"));
		CHECKM(strstr(text, "https://liandong.example.org/verify/") && !strstr(text, "evil.example"),
		       "the link from --public-url:\n%s", text);
	}
	EXPECT_STATUS(http_req(srv, &(struct req){.method = "GET", .path = path, .token = tok, .extra_header = longhost}),
		      200);
}
