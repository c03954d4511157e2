/* certificates.c - issuing, listing, checking and printing certificates of
 * service hours (certificates.h). The rules of codes, numbers and periods
 * are domain/certificate.c; the SQL is store/cert_store.c; the PDF is
 * pdf/certpdf.c. */
#include "service/certificates.h"

#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/certificate.h"
#include "domain/mask.h"
#include "domain/service_rules.h"
#include "domain/timefmt.h"
#include "pdf/certpdf.h"
#include "store/cert_store.h"
#include "store/store.h"

static const char *pdf_url(struct ctx *x, const char *code)
{
	return arena_printf(x->a, "/api/v1/certificates/%s/pdf", code);
}

/* hours at issue */
static void cert_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	rec_set_real(r, CERTIFICATE_HOURS, minutes_to_hours(rec_int(r, CERTIFICATE_MINUTES, 0)));
	rec_set_text(r, CERTIFICATE_PDF_URL, pdf_url(x, rec_text(r, CERTIFICATE_CODE)));
}

/* status and revoked_at from the records as they are now; a failed read of
 * them fails the request (fail closed: never "valid" by default) */
static enum err cert_status(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	int64_t at = 0;
	enum err e = store_cert_revoked_at(x->c, r->id, &at);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INTERNAL : e, NULL,
			       "cannot read whether the certificate was revoked");
	rec_set_text(r, CERTIFICATE_STATUS, at ? "revoked" : "valid");
	if (at)
		rec_set_int(r, CERTIFICATE_REVOKED_AT, at);
	else
		rec_set_null(r, CERTIFICATE_REVOKED_AT);
	return ERR_OK;
}

const struct resource res_certificates = {
	.e = &certificate_entity,
	.present = cert_present,
	.derive = cert_status,
	.no_create = 1,
	.no_update = 1,
};

/* Caller holds a staff role over org_id. */
static int staff_of(struct ctx *x, int64_t org_id)
{
	const char *path;
	struct errinfo ignored;
	return org_paths(x, org_id, "org_id", &path, NULL, &ignored) == ERR_OK &&
	       access_org(x->who, ROLES_ORG_STAFF, path);
}

struct issue {
	int64_t volunteer_id, id;
	struct rec *in;
};

/* The most distinct recording orgs looked at for a caller who is staff of
 * one of them. */
#define CERT_ORGS_MAX 200

/* Who may issue, and in whose name and over which records: the volunteer,
 * staff of the volunteer's org and platform admins issue in the volunteer's
 * org's name over every org's records (*only 0); staff of an org that
 * recorded hours in the period, in their org's name over that org's
 * records only (*only that org). Each recording org is checked once. */
static enum err issuing_org(struct ctx *x, const struct rec *vol, int64_t from, int64_t to, int64_t *org_id,
			    int64_t *only, struct errinfo *ei)
{
	*org_id = rec_int(vol, VOLUNTEER_ORG_ID, 0);
	*only = 0;
	if (access_platform(x->who) || rec_int(vol, VOLUNTEER_PERSON_ID, 0) == x->who->person_id ||
	    staff_of(x, *org_id))
		return ERR_OK;
	int64_t *orgs;
	int n;
	enum err e = store_cert_period_orgs(x->c, vol->id, from, to, CERT_ORGS_MAX, &orgs, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++)
		if (staff_of(x, orgs[i])) {
			*org_id = *only = orgs[i];
			return ERR_OK;
		}
	return err_set(ei, ERR_FORBIDDEN, "volunteer_id",
		       "only the volunteer, staff of the volunteer's org or of an org that recorded the hours may issue a certificate");
}

static enum err do_issue(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct issue *is = arg;
	struct rec vol, *in = is->in;
	enum err e = store_get(x->c, &vol_entity, is->volunteer_id, NULL, &vol, x->a);
	if (e)
		return err_set(ei, e, e == ERR_NOT_FOUND ? "id" : NULL, NULL);
	const char *from = rec_text(in, CERTIFICATE_FROM), *to = rec_text(in, CERTIFICATE_TO);
	int64_t t0 = date_start(from), t1 = date_start(to) + 86400, org_id, only;
	if ((e = issuing_org(x, &vol, t0, t1, &org_id, &only, ei)))
		return e;
	struct cert_line *lines = NULL;
	int n = 0;
	if ((e = store_cert_period(x->c, is->volunteer_id, only, t0, t1, CERT_MAX_RECORDS + 1, &lines, &n, x->a)))
		return err_set(ei, e, NULL, NULL);
	const char *field, *message;
	if (cert_period_check(from, to, today_ymd(x->now), &field, &message))
		return err_set(ei, ERR_INVALID, field, message);
	if (n == 0)
		return err_set(ei, ERR_RULE, "from", "the volunteer has no verified hours between from and to");
	if (n > CERT_MAX_RECORDS)
		return err_setf(ei, ERR_RULE, "from", "a certificate counts at most %d records: ask for a shorter period",
				CERT_MAX_RECORDS);
	int64_t minutes = 0, seq;
	for (int i = 0; i < n; i++)
		minutes += lines[i].minutes;
	/* what the certificate states, frozen now */
	struct rec person, issuer;
	if ((e = store_get(x->c, &person_entity, rec_int(&vol, VOLUNTEER_PERSON_ID, 0), NULL, &person, x->a)) ||
	    (e = store_get(x->c, &org_entity, org_id, NULL, &issuer, x->a)))
		return err_set(ei, e, NULL, NULL);
	int year = today_ymd(x->now) / 10000;
	if ((e = store_counter_next(x->c, arena_printf(x->a, "certificate:%d", year), &seq)))
		return err_set(ei, e, NULL, NULL);
	unsigned char raw[CERT_CODE_BYTES];
	char code[CERT_CODE_LEN + 1], number[32];
	crypto_random_bytes(raw, sizeof raw);
	cert_code_format(raw, code);
	cert_number_format(year, seq, number);
	struct rec nw = *in;
	rec_set_int(&nw, CERTIFICATE_VOLUNTEER_ID, is->volunteer_id);
	rec_set_int(&nw, CERTIFICATE_ORG_ID, org_id);
	rec_set_text(&nw, CERTIFICATE_CODE, arena_strdup(x->a, code));
	rec_set_text(&nw, CERTIFICATE_NUMBER, arena_strdup(x->a, number));
	rec_set_int(&nw, CERTIFICATE_MINUTES, minutes);
	rec_set_int(&nw, CERTIFICATE_ISSUED_BY_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_int(&nw, CERTIFICATE_ISSUED_AT, x->now);
	rec_set_text(&nw, CERTIFICATE_HOLDER_NAME, rec_text(&person, PERSON_NAME));
	if (rec_has(&vol, VOLUNTEER_VOLUNTEER_NO))
		rec_set_text(&nw, CERTIFICATE_VOLUNTEER_NO, rec_text(&vol, VOLUNTEER_VOLUNTEER_NO));
	rec_set_text(&nw, CERTIFICATE_ISSUER_NAME, rec_text(&issuer, ORG_NAME));
	if ((e = store_insert(x->c, &nw, ei)))
		return e;
	if ((e = store_cert_records_add(x->c, nw.id, lines, n)))
		return err_set(ei, e, NULL, NULL);
	is->id = nw.id;
	return svc_audit(x, "create", &res_certificates, nw.id, NULL, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									   : ERR_OK;
}

enum err svc_cert_issue(struct ctx *x, int64_t volunteer_id, struct rec *in, struct rec *out, struct errinfo *ei)
{
	struct issue is = {volunteer_id, 0, in};
	enum err e = svc_tx(x, do_issue, &is, ei);
	return e ? e : svc_get(x, &res_certificates, is.id, out, ei);
}

static enum err no_such_code(struct errinfo *ei)
{
	return err_set(ei, ERR_NOT_FOUND, "code", "no certificate has this code");
}

/* The certificate of a code as typed; every miss is the same 404. */
static enum err by_code(struct ctx *x, const char *typed, struct rec *cert, struct errinfo *ei)
{
	char code[CERT_CODE_LEN + 1];
	int64_t id;
	enum err e;
	if (cert_code_parse(typed, code) || (e = store_cert_by_code(x->c, code, &id)) == ERR_NOT_FOUND)
		return no_such_code(ei);
	if (e || (e = store_get(x->c, &certificate_entity, id, NULL, cert, x->a)))
		return err_set(ei, e, NULL, NULL);
	cert_present(x, cert, 0);
	return cert_status(x, cert, ei);
}

/* The distinct names among n strings, in the order met. */
static const char **distinct(struct ctx *x, const char *const *s, int n, int *out_n)
{
	const char **d = arena_alloc(x->a, sizeof *d * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int j = 0; j < k && !seen; j++)
			seen = strcmp(d[j], s[i]) == 0;
		if (!seen)
			d[k++] = s[i];
	}
	*out_n = k;
	return d;
}

struct cert_facts {
	struct rec cert, vol;
	struct cert_line *lines;
	int nlines;
	const char **orgs, **contents;
	int norgs, ncontents;
};

static enum err facts(struct ctx *x, const char *typed, struct cert_facts *f, struct errinfo *ei)
{
	enum err e = by_code(x, typed, &f->cert, ei);
	if (e)
		return e;
	if ((e = store_get(x->c, &vol_entity, rec_int(&f->cert, CERTIFICATE_VOLUNTEER_ID, 0), NULL, &f->vol, x->a)) ||
	    (e = store_cert_lines(x->c, f->cert.id, &f->lines, &f->nlines, x->a)))
		return err_set(ei, e, NULL, NULL);
	const char **names = arena_alloc(x->a, sizeof *names * (size_t)(f->nlines + 1));
	const char **contents = arena_alloc(x->a, sizeof *contents * (size_t)(f->nlines + 1));
	for (int i = 0; i < f->nlines; i++) {
		names[i] = f->lines[i].org_name;
		contents[i] = f->lines[i].content;
	}
	f->orgs = distinct(x, names, f->nlines, &f->norgs);
	f->contents = distinct(x, contents, f->nlines, &f->ncontents);
	return ERR_OK;
}

enum err svc_cert_public(struct ctx *x, const char *code, struct cert_public *out, struct errinfo *ei)
{
	struct cert_facts f;
	enum err e = facts(x, code, &f, ei);
	if (e)
		return e;
	const char *name = rec_text(&f.cert, CERTIFICATE_HOLDER_NAME);
	size_t len = mask_name_ends(name, NULL, 0);
	char *masked = arena_alloc(x->a, len + 1);
	mask_name_ends(name, masked, len + 1);
	*out = (struct cert_public){
		.code = rec_text(&f.cert, CERTIFICATE_CODE),
		.number = rec_text(&f.cert, CERTIFICATE_NUMBER),
		.name = masked,
		.volunteer_no = rec_text(&f.cert, CERTIFICATE_VOLUNTEER_NO),
		.from = rec_text(&f.cert, CERTIFICATE_FROM),
		.to = rec_text(&f.cert, CERTIFICATE_TO),
		.status = rec_text(&f.cert, CERTIFICATE_STATUS),
		.hours = rec_real(&f.cert, CERTIFICATE_HOURS, 0),
		.orgs = f.orgs,
		.norgs = f.norgs,
		.revoked_at = rec_int(&f.cert, CERTIFICATE_REVOKED_AT, 0),
	};
	return ERR_OK;
}

/* "a、b、c", at most `max` items, then "等" */
static const char *joined(struct ctx *x, const char **s, int n, int max)
{
	const char *out = "";
	for (int i = 0; i < n && i < max; i++)
		out = arena_printf(x->a, "%s%s%s", out, i ? "、" : "", s[i]);
	return n > max ? arena_printf(x->a, "%s等", out) : out;
}

static const char *local_date(struct ctx *x, int64_t t)
{
	int ymd = today_ymd(t);
	return arena_printf(x->a, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* The volunteer, staff of the issuing org, platform admins; to anyone
 * else the code is unknown (the same 404 as a code never issued, so the
 * route tells nobody else whether a code exists). */
static enum err may_print(struct ctx *x, const struct cert_facts *f, struct errinfo *ei)
{
	if (access_platform(x->who) || rec_int(&f->vol, VOLUNTEER_PERSON_ID, 0) == x->who->person_id ||
	    staff_of(x, rec_int(&f->cert, CERTIFICATE_ORG_ID, 0)))
		return ERR_OK;
	return no_such_code(ei);
}

enum err svc_cert_pdf(struct ctx *x, const char *code, const char *link_base, char **pdf, size_t *len,
		      struct errinfo *ei)
{
	struct cert_facts f;
	enum err e = facts(x, code, &f, ei);
	if (e || (e = may_print(x, &f, ei)))
		return e;
	struct certpdf_line *lines = arena_alloc(x->a, sizeof *lines * (size_t)(f.nlines + 1));
	for (int i = 0; i < f.nlines; i++)
		lines[i] = (struct certpdf_line){local_date(x, f.lines[i].starts_at), f.lines[i].content,
						 f.lines[i].place, f.lines[i].org_name,
						 arena_printf(x->a, "%.2f", minutes_to_hours(f.lines[i].minutes))};
	const char *cc = rec_text(&f.cert, CERTIFICATE_CODE);
	int64_t revoked = rec_int(&f.cert, CERTIFICATE_REVOKED_AT, 0);
	struct certpdf_doc d = {
		.name = rec_text(&f.cert, CERTIFICATE_HOLDER_NAME),
		.volunteer_no = rec_text(&f.cert, CERTIFICATE_VOLUNTEER_NO),
		.from = rec_text(&f.cert, CERTIFICATE_FROM),
		.to = rec_text(&f.cert, CERTIFICATE_TO),
		.hours = arena_printf(x->a, "%.2f", rec_real(&f.cert, CERTIFICATE_HOURS, 0)),
		.summary = joined(x, f.contents, f.ncontents, 8),
		.units = joined(x, f.orgs, f.norgs, 20),
		.number = rec_text(&f.cert, CERTIFICATE_NUMBER),
		.code = cc,
		.verify_url = arena_printf(x->a, "%s/verify/%s", link_base, cc),
		.issuer = rec_text(&f.cert, CERTIFICATE_ISSUER_NAME),
		.issued_on = local_date(x, rec_int(&f.cert, CERTIFICATE_ISSUED_AT, 0)),
		.school = rec_has(&f.cert, CERTIFICATE_SCHOOL) ? rec_text(&f.cert, CERTIFICATE_SCHOOL) : NULL,
		.revoked_on = revoked ? local_date(x, revoked) : NULL,
		.lines = lines,
		.nlines = f.nlines,
	};
	char err[200];
	if (certpdf_render(&d, x->a, pdf, len, err, sizeof err))
		return err_set(ei, ERR_UNAVAILABLE, NULL, arena_strdup(x->a, err));
	return ERR_OK;
}
