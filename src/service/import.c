/* import.c - one import job: the sheet's header mapped through the table of
 * domain/import_cols.h, then every row sent through the API's own path
 * (svc_create_in / svc_update_in with res_people, res_volunteers,
 * res_social_workers, for kind=clients res_clients, for kind=donations
 * res_donations: the same authorize and prepare hooks, GB 11643, category,
 * care level and consent rules, phones, scope, age rules, a gift's channel
 * rules, receipt number and journal entry, the audit), each row under a
 * savepoint so that a bad row leaves nothing while the good ones stay, all
 * rows in one transaction: committed by a real run, rolled back by a dry
 * run, by all_or_nothing when a row is bad, and by a stop. The ID number's
 * lookup hash (people.c) finds the person a row already is; a platform's
 * transaction (platform_ref, platform) the gift a row already is. */
#include "service/import.h"
#include "service/keys.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/idcard.h"
#include "domain/import_cols.h"
#include "domain/money.h"
#include "domain/timefmt.h"
#include "io/sheet.h"
#include "model/codec.h"
#include "service/care.h"
#include "service/funds.h"
#include "store/fund_store.h"
#include "store/store.h"

static const struct scope scope_all = {.all = 1};

/* ---- a run's state ---- */

struct org_name {
	const char *name;
	int64_t id;	/* 0: unknown, -1: several */
};

struct seen {	/* the keys (ID numbers, transactions) of the file so far, and their rows */
	const char **ids;
	int *rows;
	size_t cap, n;
};

struct run {
	struct ctx *x;
	const struct import_hooks *h;
	struct arena *ja;		/* the job's arena: lives for the run */
	const char *lang;
	enum import_kind kind;
	int update;			/* on_existing=update */
	int64_t fund;			/* kind=donations: the fund the gifts go into */
	const char *platform;		/* kind=donations: the platform, unless a row names one */
	int col_of[IC__COUNT];		/* the file's column of each field, or -1 */
	const char **header;		/* the headers as written */
	int nheader;
	int header_errors;
	int64_t created, updated, skipped, rejected, nerrors;
	char *errs;			/* the JSON list being written (xmalloc) */
	size_t elen, ecap;
	struct org_name orgs[64];
	int norgs;
	struct seen seen;
};

static void errs_add(struct run *r, const char *s)
{
	size_t n = strlen(s);
	if (r->elen + n + 2 > r->ecap) {
		r->ecap = (r->elen + n + 2) * 2;
		r->errs = xrealloc(r->errs, r->ecap);
	}
	memcpy(r->errs + r->elen, s, n + 1);
	r->elen += n;
}

/* The column's header as written, or NULL when the file has no such column. */
static const char *col_header(const struct run *r, int file_col)
{
	return file_col >= 0 && file_col < r->nheader ? r->header[file_col] : NULL;
}

/* One entry of the error list: row, column (header as written, or null),
 * message; `warning` marks what does not stop the row. */
static void report(struct run *r, int row, int file_col, const char *msg, int warning)
{
	const char *col = col_header(r, file_col);
	if (r->h && r->h->row_error)
		r->h->row_error(row, col, msg, warning, r->h->arg);
	r->nerrors++;
	if (r->nerrors > IMPORT_MAX_ERRORS)
		return;
	struct arena a = ARENA_INIT;
	errs_add(r, arena_printf(&a, "%s{\"row\":%d,\"column\":%s,\"message\":%s%s}", r->nerrors > 1 ? "," : "",
				 row, col ? codec_quote(col, &a) : "null", codec_quote(msg, &a),
				 warning ? ",\"level\":\"warning\"" : ""));
	arena_release(&a);
}

/* An importer's message m about column c of the row, with its values. */
static void report_msg2(struct run *r, int row, int file_col, enum import_msg m, const char *val, const char *val2)
{
	char buf[512];
	const char *col = col_header(r, file_col);
	import_msg_fill2(import_msg_text(m, r->lang), col ? col : "", val ? val : "", val2, buf, sizeof buf);
	report(r, row, file_col, buf, m == IM_VOLUNTEER_NO_IGNORED);
}

static void report_msg(struct run *r, int row, int file_col, enum import_msg m, const char *val)
{
	report_msg2(r, row, file_col, m, val, NULL);
}

/* ---- the header ---- */

static void map_header(struct run *r, const struct cell *cells, int n)
{
	for (int c = 0; c < IC__COUNT; c++)
		r->col_of[c] = -1;
	r->nheader = n;
	r->header = arena_alloc(r->ja, sizeof *r->header * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		r->header[i] = arena_strdup(r->ja, cells[i].text);
		if (!cells[i].text[0])
			continue; /* an unnamed column is read only if it holds something: see row_texts */
		const struct import_col_def *d = import_col_find(cells[i].text, r->kind);
		if (!d) {
			report_msg(r, 1, i, IM_UNKNOWN_HEADER, NULL);
			r->header_errors++;
		} else if (r->col_of[d->col] >= 0) {
			report_msg(r, 1, i, IM_DUP_HEADER, NULL);
			r->header_errors++;
		} else {
			r->col_of[d->col] = i;
			if (d->col == IC_VOLUNTEER_NO)
				report_msg(r, 1, i, IM_VOLUNTEER_NO_IGNORED, NULL);
		}
	}
	for (int c = 0; c < IC__COUNT; c++)
		if ((import_col_def((enum import_col)c)->required & r->kind) && r->col_of[c] < 0) {
			char buf[256];
			import_msg_fill(import_msg_text(IM_MISSING_COLUMN, r->lang), import_col_label((enum import_col)c),
					"", buf, sizeof buf);
			report(r, 1, -1, buf, 0);
			r->header_errors++;
		}
}

/* ---- a row ---- */

/* A row's values, normalised to what the API takes. */
struct row_vals {
	int row;			/* as the sheet shows it */
	const char *v[IC__COUNT];	/* NULL: empty or absent */
	int anonymous;			/* a gift whose donor is blank or 匿名 */
	int social_worker;		/* IC_ROLE said 社工 */
	int64_t org, sw_org;		/* resolved ids, 0 = none (org: the volunteer's, or the client's) */
	int64_t client_sw;		/* the client's social worker (IC_SOCIAL_WORKER), 0 = none */
};

static int64_t org_by_name(struct run *r, const char *name)
{
	for (int i = 0; i < r->norgs; i++)
		if (strcmp(r->orgs[i].name, name) == 0)
			return r->orgs[i].id;
	int64_t *ids, id = 0;
	int n = 0;
	if (store_orgs_named(r->x->c, name, &ids, &n, r->x->a))
		return 0;
	if (n)
		id = n > 1 ? -1 : ids[0];
	if (r->norgs < (int)(sizeof r->orgs / sizeof *r->orgs))
		r->orgs[r->norgs++] = (struct org_name){arena_strdup(r->ja, name), id};
	return id;
}

/* An org cell: an id, or a name (exact). 0 after reporting. */
static int64_t org_of(struct run *r, int row, enum import_col c, const char *text)
{
	char *end;
	long long id = strtoll(text, &end, 10);
	if (*text >= '0' && *text <= '9' && !*end && id > 0)
		return id;
	int64_t got = org_by_name(r, text);
	if (got <= 0)
		report_msg(r, row, r->col_of[c], got ? IM_ORG_AMBIGUOUS : IM_ORG_UNKNOWN, text);
	return got > 0 ? got : 0;
}

/* The client's social worker: an id, or the name of one of org's social
 * workers (exactly one). 0 after reporting. */
static int64_t social_worker_of(struct run *r, int row, int64_t org, const char *text)
{
	char *end;
	long long id = strtoll(text, &end, 10);
	if (*text >= '0' && *text <= '9' && !*end && id > 0)
		return id;
	int64_t *ids;
	int n = 0;
	if (store_social_workers_named(r->x->c, org, text, &ids, &n, r->x->a))
		n = 0;
	if (n != 1)
		report_msg(r, row, r->col_of[IC_SOCIAL_WORKER], n ? IM_SW_AMBIGUOUS : IM_SW_UNKNOWN, text);
	return n == 1 ? ids[0] : 0;
}

static size_t key_hash(const char *key)
{
	size_t h = 0;
	for (const char *p = key; *p; p++)
		h = h * 131 + (unsigned char)*p;
	return h;
}

/* The keys seen so far: 0 and remember it, or the earlier row. */
static int seen_before(struct run *r, const char *key, int row)
{
	struct seen *s = &r->seen;
	if (s->n * 2 >= s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		const char **keys = arena_alloc(r->ja, sizeof *keys * cap);
		int *rows = arena_alloc(r->ja, sizeof *rows * cap);
		for (size_t i = 0; i < s->cap; i++)
			if (s->ids[i]) {
				size_t h = key_hash(s->ids[i]);
				while (keys[h & (cap - 1)])
					h++;
				keys[h & (cap - 1)] = s->ids[i];
				rows[h & (cap - 1)] = s->rows[i];
			}
		s->ids = keys;
		s->rows = rows;
		s->cap = cap;
	}
	for (size_t h = key_hash(key);; h++) {
		size_t k = h & (s->cap - 1);
		if (!s->ids[k]) {
			s->ids[k] = arena_strdup(r->ja, key);
			s->rows[k] = row;
			s->n++;
			return 0;
		}
		if (strcmp(s->ids[k], key) == 0)
			return s->rows[k];
	}
}

/* A key (an ID number, a transaction) met once in the file: 0; met on an
 * earlier row: -1 after reporting m naming that row on column c. */
static int once_in_file(struct run *r, const char *key, int row, enum import_col c, enum import_msg m)
{
	int earlier = seen_before(r, key, row);
	if (!earlier)
		return 0;
	report_msg(r, row, r->col_of[c], m, arena_printf(r->x->a, "%d", earlier));
	return -1;
}

/* An ID number, or a long transaction number, that Excel stored as a
 * number has lost its last digits (Excel keeps 15). */
static int number_lost(int c, const struct cell *cell)
{
	if (cell->kind != CELL_NUMBER)
		return 0;
	return c == IC_ID_NUMBER || (c == IC_PLATFORM_REF && (strpbrk(cell->text, ".eE") || strlen(cell->text) > 15));
}

/* Cell text t of column c as the API takes it (*norm), or the message
 * saying what is wrong with it (IM__COUNT: nothing). */
static enum import_msg cell_norm(struct run *r, int c, const char *t, const char **norm, struct row_vals *out)
{
	struct arena *a = r->x->a;
	char buf[1024];
	int64_t fen;
	*norm = t;
	switch (c) {
	case IC_GENDER: return import_gender(t, norm) ? IM_GENDER : IM__COUNT;
	case IC_QUALIFICATION: return import_qualification(t, norm) ? IM_QUALIFICATION : IM__COUNT;
	case IC_GUARDIAN_CONSENT: case IC_CONSENT: return import_bool(t, norm) ? IM_BOOL : IM__COUNT;
	case IC_CATEGORY: return import_client_category(t, norm) ? IM_CATEGORY : IM__COUNT;
	case IC_CARE_LEVEL: return import_care_level(t, norm) ? IM_CARE_LEVEL : IM__COUNT;
	case IC_CAPACITY: return import_capacity(t, norm) ? IM_CAPACITY : IM__COUNT;
	case IC_ROLE: return import_role(t, &out->social_worker) ? IM_ROLE : IM__COUNT;
	case IC_BIRTH_DATE: case IC_RECEIVED_ON:
		if (c == IC_BIRTH_DATE ? import_date(t, buf) : import_date_time(t, buf))
			return c == IC_BIRTH_DATE ? IM_DATE : IM_DATE_TIME;
		*norm = arena_strdup(a, buf);
		return IM__COUNT;
	case IC_SKILLS:
		if (import_skills(t, buf, sizeof buf) < 0)
			return IM_SKILLS;
		*norm = arena_strdup(a, buf);
		return IM__COUNT;
	case IC_AMOUNT:
		if (money_parse_yuan(t, &fen))
			return IM_AMOUNT;
		*norm = arena_printf(a, "%lld", (long long)fen);
		return IM__COUNT;
	default: return IM__COUNT;
	}
}

/* Read and normalise the row's cells into out->v; 0, or -1 after
 * reporting each bad cell. */
static int cell_values(struct run *r, const struct cell *cells, int n, int row, struct row_vals *out)
{
	int bad = 0;
	for (int c = 0; c < IC__COUNT; c++) {
		int fc = r->col_of[c];
		if (fc < 0 || fc >= n || cells[fc].kind == CELL_EMPTY || !cells[fc].text[0])
			continue;
		const struct cell *cell = &cells[fc];
		enum import_msg m = cell->kind == CELL_FORMULA ? IM_FORMULA
				    : cell->kind == CELL_ERROR ? IM_ERROR_CELL
				    : number_lost(c, cell)	 ? IM_ID_AS_NUMBER
								 : cell_norm(r, c, cell->text, &out->v[c], out);
		if (m != IM__COUNT) {
			report_msg(r, row, fc, m, m == IM_ID_AS_NUMBER ? NULL : cell->text);
			out->v[c] = NULL;
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* A person's row (people, clients): the ID number is required and once in
 * the file; the orgs and the social worker it names are looked up. 0, or
 * -1 after reporting. */
static int person_values(struct run *r, int row, struct row_vals *out)
{
	if (!out->v[IC_ID_NUMBER]) {
		report_msg(r, row, r->col_of[IC_ID_NUMBER], IM_ID_REQUIRED, NULL);
		return -1;
	}
	struct idcard id;
	if (idcard_parse(out->v[IC_ID_NUMBER], strlen(out->v[IC_ID_NUMBER]), 99991231, &id) == IDCARD_OK &&
	    once_in_file(r, id.number, row, IC_ID_NUMBER, IM_DUP_IN_FILE))
		return -1;
	/* else the person's own check below says what is wrong, in the API's words */
	if (out->v[IC_ORG] && !(out->social_worker ? (out->sw_org = org_of(r, row, IC_ORG, out->v[IC_ORG]))
						   : (out->org = org_of(r, row, IC_ORG, out->v[IC_ORG]))))
		return -1;
	if (out->v[IC_SW_ORG] && !(out->sw_org = org_of(r, row, IC_SW_ORG, out->v[IC_SW_ORG])))
		return -1;
	if (out->v[IC_CLIENT_ORG] && !(out->org = org_of(r, row, IC_CLIENT_ORG, out->v[IC_CLIENT_ORG])))
		return -1;
	if (out->v[IC_SOCIAL_WORKER] && out->org &&
	    !(out->client_sw = social_worker_of(r, row, out->org, out->v[IC_SOCIAL_WORKER])))
		return -1;
	return 0;
}

/* A gift's row: a blank or 匿名 donor is anonymous; the platform is the
 * row's, else the job's; a transaction is once in the file. 0, or -1 after
 * reporting. */
static int gift_values(struct run *r, int row, struct row_vals *out)
{
	if (!out->v[IC_DONOR_NAME] || import_anonymous(out->v[IC_DONOR_NAME])) {
		out->v[IC_DONOR_NAME] = NULL;
		out->anonymous = 1;
	}
	if (!out->v[IC_PLATFORM])
		out->v[IC_PLATFORM] = r->platform;
	const char *ref = out->v[IC_PLATFORM_REF], *platform = out->v[IC_PLATFORM];
	if (!ref || !platform)
		return 0; /* the donation's own check says what is missing */
	return once_in_file(r, arena_printf(r->x->a, "%s\n%s", platform, ref), row, IC_PLATFORM_REF,
			    IM_REF_DUP_IN_FILE);
}

/* Read and normalise the row; 0, or -1 after reporting. */
static int row_values(struct run *r, const struct cell *cells, int n, int row, struct row_vals *out)
{
	memset(out, 0, sizeof *out);
	out->row = row;
	if (cell_values(r, cells, n, row, out))
		return -1;
	return r->kind == IK_DONATIONS ? gift_values(r, row, out) : person_values(r, row, out);
}

/* The file column an API error about `field` of `target` concerns. */
static int error_column(const struct run *r, enum import_target target, const char *field, const struct row_vals *v)
{
	if (!field || !*field)
		return -1;
	if (strcmp(field, "org_id") == 0) {
		if (r->kind == IK_DONATIONS)
			return -1; /* the fund's org: no column */
		if (r->kind == IK_CLIENTS)
			return r->col_of[IC_CLIENT_ORG];
		if (target == IT_SOCIAL_WORKER)
			return r->col_of[r->col_of[IC_SW_ORG] >= 0 && v->v[IC_SW_ORG] ? IC_SW_ORG : IC_ORG];
		return r->col_of[IC_ORG];
	}
	if (strcmp(field, "person_id") == 0 || strcmp(field, "id_number") == 0)
		return r->col_of[IC_ID_NUMBER];
	for (int c = 0; c < IC__COUNT; c++) {
		const struct import_col_def *d = import_col_def((enum import_col)c);
		if (d->field && strcmp(d->field, field) == 0 && (d->target == target || d->target == IT_PERSON))
			return r->col_of[c];
	}
	if (strcmp(field, "gender") == 0 || strcmp(field, "birth_date") == 0)
		return r->col_of[IC_ID_NUMBER];
	return -1;
}

/* An error the API path gave the row, in the run's language. */
static void report_api(struct run *r, int row, enum import_target target, const struct errinfo *ei,
		       const struct row_vals *v)
{
	int fc = error_column(r, target, ei->field, v);
	const char *col = col_header(r, fc);
	char buf[512];
	if (strcmp(r->lang, "en") == 0) {
		report(r, row, fc, ei->message, 0);
		return;
	}
	const char *zh = import_api_msg_zh(ei->field, err_code(ei->code));
	if (zh)
		import_msg_fill(zh, col ? col : ei->field, "", buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "此行无法导入：%s", ei->message);
	report(r, row, fc, buf, 0);
}

/* Decode the values of `target` (with extra name/text pairs first) as the
 * API decodes a body, then create (id 0) or update it. */
static enum err write_rec(struct run *r, const struct resource *res, enum import_target target,
			  const struct row_vals *v, const char *const *xn, const char *const *xt, int nx, int64_t id,
			  int64_t *out_id, struct errinfo *ei)
{
	const char *names[IC__COUNT + 4], *texts[IC__COUNT + 4]; /* nx <= 4 */
	int n = 0;
	for (int i = 0; i < nx; i++) {
		names[n] = xn[i];
		texts[n++] = xt[i];
	}
	for (int c = 0; c < IC__COUNT; c++) {
		const struct import_col_def *d = import_col_def((enum import_col)c);
		if (d->target == target && d->field && v->v[c] && !d->lookup) {
			names[n] = d->field;
			texts[n++] = v->v[c];
		}
	}
	struct rec rec;
	enum err e = codec_decode_texts(names, texts, n, res->e, id == 0, &rec, r->x->a, ei);
	if (e)
		return e;
	if (id)
		return svc_update_in(r->x, res, id, &rec, ei);
	return svc_create_in(r->x, res, &rec, out_id, ei);
}

/* A volunteer or social-worker record of the person in org: made when
 * missing; a social worker's updated with on_existing=update. */
static enum err workforce(struct run *r, const struct row_vals *v, int64_t person, int64_t org, int sw,
			  struct errinfo *ei, int *wrote)
{
	int64_t id;
	enum err err = store_workforce_of(r->x->c, sw, person, org, &id);
	if (err)
		return err_set(ei, err, NULL, NULL);
	if (id && !(sw && r->update))
		return ERR_OK;
	char ps[24], os[24];
	snprintf(ps, sizeof ps, "%lld", (long long)person);
	snprintf(os, sizeof os, "%lld", (long long)org);
	const char *xn[] = {"person_id", "org_id"}, *xt[] = {ps, os};
	int64_t made;
	*wrote = 1;
	return write_rec(r, sw ? &res_social_workers : &res_volunteers, sw ? IT_SOCIAL_WORKER : IT_VOLUNTEER, v, xn,
			 xt, id ? 0 : 2, id, &made, ei);
}

/* ROW_REJECTED: the row's write reported what is wrong itself. */
enum row_outcome { ROW_CREATED, ROW_UPDATED, ROW_SKIPPED, ROW_REJECTED };

/* The person the row's ID number already is (*person, 0 when none). */
static enum err person_of(struct run *r, const struct row_vals *v, int64_t *person, struct errinfo *ei)
{
	struct idcard id;
	enum err e;
	*person = 0;
	if (idcard_parse(v->v[IC_ID_NUMBER], strlen(v->v[IC_ID_NUMBER]), 99991231, &id) == IDCARD_OK) {
		if ((e = svc_person_by_id_number(r->x, id.number, person, ei)))
			return e;
	}
	return ERR_OK;
}

/* Create the person (in org, when not 0), or update the known one. */
static enum err person_write(struct run *r, const struct row_vals *v, int64_t org, int64_t *person,
			     struct errinfo *ei)
{
	char os[24];
	snprintf(os, sizeof os, "%lld", (long long)org);
	const char *xn[] = {"org_id"}, *xt[] = {os};
	return write_rec(r, &res_people, IT_PERSON, v, xn, xt, org ? 1 : 0, *person, person, ei);
}

/* A client row: the person (made when new, updated with on_existing=update)
 * and their open case in the row's org, made when missing, else skipped or
 * updated (through PATCH's path). */
static enum err client_write(struct run *r, const struct row_vals *v, enum row_outcome *out,
			     enum import_target *where, struct errinfo *ei)
{
	int64_t person, client = 0;
	enum err e;
	*where = IT_PERSON;
	if ((e = person_of(r, v, &person, ei)))
		return e;
	if (person && (e = store_client_of(r->x->c, person, v->org, v->v[IC_CATEGORY], &client)))
		return err_set(ei, e, NULL, NULL);
	if (client && !r->update) {
		*out = ROW_SKIPPED;
		return ERR_OK;
	}
	if ((!person || r->update) && (e = person_write(r, v, v->org, &person, ei)))
		return e;
	*where = IT_CLIENT;
	char ps[24], os[24], ss[24];
	snprintf(ps, sizeof ps, "%lld", (long long)person);
	snprintf(os, sizeof os, "%lld", (long long)v->org);
	snprintf(ss, sizeof ss, "%lld", (long long)v->client_sw);
	const char *xn[3], *xt[3];
	int nx = 0;
	if (v->client_sw) {
		xn[nx] = "social_worker_id";
		xt[nx++] = ss;
	}
	if (!client) { /* fixed after create: given only to a new case */
		xn[nx] = "person_id";
		xt[nx++] = ps;
		xn[nx] = "org_id";
		xt[nx++] = os;
	}
	int64_t made;
	*out = client ? ROW_UPDATED : ROW_CREATED;
	return write_rec(r, &res_clients, IT_CLIENT, v, xn, xt, nx, client, &made, ei);
}

/* A gift whose transaction is already donation `id`: skipped when it is
 * of the job's fund with the row's amount (recorded by hand or by an
 * earlier import), else rejected saying what differs. */
static enum err gift_matched(struct run *r, const struct row_vals *v, int64_t id, enum row_outcome *out,
			     struct errinfo *ei)
{
	struct rec d;
	enum err e = store_get(r->x->c, &donation_entity, id, &scope_all, &d, r->x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	const char *ref = v->v[IC_PLATFORM_REF];
	int64_t had = rec_int(&d, DONATION_AMOUNT_FEN, 0);
	char yuan[32];
	snprintf(yuan, sizeof yuan, "%lld.%02lld", (long long)(had / 100), (long long)(had % 100));
	*out = ROW_REJECTED;
	if (strcmp(rec_text(&d, DONATION_STATUS), "voided") == 0)
		report_msg(r, v->row, r->col_of[IC_PLATFORM_REF], IM_REF_VOIDED, ref);
	else if (rec_int(&d, DONATION_FUND_ID, 0) != r->fund)
		report_msg(r, v->row, r->col_of[IC_PLATFORM_REF], IM_REF_OTHER_FUND, ref);
	else if (!v->v[IC_AMOUNT] || strtoll(v->v[IC_AMOUNT], NULL, 10) != had)
		report_msg2(r, v->row, r->col_of[IC_AMOUNT], IM_REF_AMOUNT_DIFFERS, ref, yuan);
	else
		*out = ROW_SKIPPED;
	return ERR_OK;
}

/* A gift's row: recorded through POST /donations' path (channel
 * online_platform, into the job's fund), unless its transaction is
 * already a donation. */
static enum err gift_write(struct run *r, const struct row_vals *v, enum row_outcome *out, enum import_target *where,
			   struct errinfo *ei)
{
	int64_t id;
	enum err e = ERR_NOT_FOUND;
	*where = IT_DONATION;
	if (v->v[IC_PLATFORM_REF] && v->v[IC_PLATFORM])
		e = store_donation_by_platform_ref(r->x->c, v->v[IC_PLATFORM], v->v[IC_PLATFORM_REF], &id);
	if (e == ERR_OK)
		return gift_matched(r, v, id, out, ei);
	if (e != ERR_NOT_FOUND)
		return err_set(ei, e, NULL, NULL);
	char fs[24];
	snprintf(fs, sizeof fs, "%lld", (long long)r->fund);
	const char *xn[] = {"fund_id", "channel", "anonymous"}, *xt[] = {fs, "online_platform", "true"};
	*out = ROW_CREATED;
	return write_rec(r, &res_donations, IT_DONATION, v, xn, xt, v->anonymous ? 3 : 2, 0, &id, ei);
}

/* The row's writes (inside its savepoint). */
static enum err row_write(struct run *r, const struct row_vals *v, enum row_outcome *out, enum import_target *where,
			  struct errinfo *ei)
{
	int64_t person;
	enum err e;
	if (r->kind == IK_CLIENTS)
		return client_write(r, v, out, where, ei);
	if (r->kind == IK_DONATIONS)
		return gift_write(r, v, out, where, ei);
	*where = IT_PERSON;
	if ((e = person_of(r, v, &person, ei)))
		return e;
	if (person && !r->update) {
		*out = ROW_SKIPPED;
		return ERR_OK;
	}
	int existed = person != 0;
	if ((e = person_write(r, v, v->org ? v->org : v->sw_org, &person, ei)))
		return e;
	*out = existed ? ROW_UPDATED : ROW_CREATED;
	int wrote = 0;
	*where = IT_VOLUNTEER;
	if (v->org && (e = workforce(r, v, person, v->org, 0, ei, &wrote)))
		return e;
	*where = IT_SOCIAL_WORKER;
	if (v->sw_org && (e = workforce(r, v, person, v->sw_org, 1, ei, &wrote)))
		return e;
	return ERR_OK;
}

/* One data row: counted as created, updated, skipped or rejected. */
static enum err run_row(struct run *r, const struct cell *cells, int n, int row)
{
	struct row_vals v;
	if (row_values(r, cells, n, row, &v)) {
		r->rejected++;
		return ERR_OK;
	}
	enum err e = store_savepoint(r->x->c);
	if (e)
		return e;
	struct errinfo ei = {0};
	enum row_outcome out = ROW_SKIPPED;
	enum import_target where = IT_PERSON;
	e = row_write(r, &v, &out, &where, &ei);
	if (e == ERR_INTERNAL || e == ERR_UNAVAILABLE)
		return e; /* the store failed: the whole run fails */
	if (e)
		report_api(r, row, where, &ei, &v);
	if (e || out == ROW_REJECTED) {
		r->rejected++;
		if ((e = store_savepoint_rollback(r->x->c)))
			return e;
		return store_savepoint_release(r->x->c);
	}
	if (out == ROW_CREATED)
		r->created++;
	else if (out == ROW_UPDATED)
		r->updated++;
	else
		r->skipped++;
	return store_savepoint_release(r->x->c);
}

/* ---- the job row ---- */

static const char *accept_lang(const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? "en" : "zh";
}

/* kind=donations' options: the fund's id, skip (a gift is never edited),
 * a platform's name of 1..100 bytes if given. */
static enum err gift_opts_check(struct import_opts *o, struct errinfo *ei)
{
	if (!o->fund_id)
		return err_set(ei, ERR_REQUIRED, "fund_id", "fund_id is required: the fund the statement's gifts go into");
	char *end;
	long long id = strtoll(o->fund_id, &end, 10);
	if (!(*o->fund_id >= '0' && *o->fund_id <= '9') || *end || id < 1 || id > 9000000000000000LL)
		return err_set(ei, ERR_INVALID, "fund_id", "fund_id must be a fund's id");
	o->fund = id;
	if (strcmp(o->on_existing, "skip") != 0)
		return err_set(ei, ERR_INVALID, "on_existing",
			       "a gift is recorded once and never edited: on_existing is skip for kind=donations");
	if (o->platform && (!*o->platform || strlen(o->platform) > 100))
		return err_set(ei, ERR_INVALID, "platform", "platform must be 1 to 100 bytes");
	return ERR_OK;
}

enum err import_opts_check(struct import_opts *o, struct errinfo *ei)
{
	if (!o->kind)
		o->kind = "people";
	enum import_kind kind = import_kind_parse(o->kind);
	o->fund = 0;
	if (!kind)
		return err_set(ei, ERR_INVALID, "kind", "kind must be people, clients or donations");
	if (!o->on_existing)
		o->on_existing = "skip";
	if (strcmp(o->on_existing, "skip") != 0 && strcmp(o->on_existing, "update") != 0)
		return err_set(ei, ERR_INVALID, "on_existing", "on_existing must be skip or update");
	if (o->filename && strlen(o->filename) > 255)
		return err_set(ei, ERR_INVALID, "filename", "filename must be at most 255 bytes");
	if (kind == IK_DONATIONS)
		return gift_opts_check(o, ei);
	if (o->fund_id || o->platform)
		return err_set(ei, ERR_INVALID, o->fund_id ? "fund_id" : "platform",
			       "fund_id and platform are options of kind=donations only");
	return ERR_OK;
}

/* The sheet's header (its first row) has column c of a sheet of `kind`. */
static int header_has(struct sheet *sh, enum import_kind kind, enum import_col c)
{
	const struct cell *cells;
	int n, row;
	struct errinfo ei;
	if (sheet_next(sh, &cells, &n, &row, &ei) != 1)
		return 0;
	for (int i = 0; i < n; i++) {
		const struct import_col_def *d = import_col_find(cells[i].text, kind);
		if (d && d->col == c)
			return 1;
	}
	return 0;
}

/* kind=donations: the fund exists, the caller may record gifts into it
 * (record_staff, as POST /donations' authorize asks), and the platform is
 * named by the option or by a column of the sheet. */
static enum err gift_job_check(struct ctx *x, const struct import_opts *o, struct sheet *sh, struct errinfo *ei)
{
	struct rec f;
	enum err e = store_get(x->c, &fund_entity, o->fund, NULL, &f, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, "fund_id", "no fund with id %lld", (long long)o->fund);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if ((e = record_staff(x, rec_int(&f, FUND_ORG_ID, 0), ei)))
		return e == ERR_FORBIDDEN ? err_set(ei, e, "fund_id", "only staff of the fund's org record its gifts") : e;
	if (!o->platform && !header_has(sh, IK_DONATIONS, IC_PLATFORM))
		return err_set(ei, ERR_REQUIRED, "platform",
			       "platform is required: the sheet has no 平台 column to name the fundraising platform");
	return ERR_OK;
}

enum err svc_import_new(struct ctx *x, const struct import_opts *o, const char *data, size_t len, struct rec *job,
			struct errinfo *ei)
{
	if (x->who && !access_platform(x->who) &&
	    !(x->who->role_mask & (ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN))))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only staff of an organisation may import");
	struct import_opts checked = *o;
	enum err e = import_opts_check(&checked, ei);
	if (e)
		return e;
	const char *kind = checked.kind, *on = checked.on_existing;
	if (len == 0)
		return err_set(ei, ERR_INVALID, "file", "the file is empty");
	struct sheet *sh;
	e = sheet_open(data, len, x->a, &sh, ei);
	if (e)
		return e;
	enum sheet_format fmt = sheet_format(sh);
	if (checked.fund)
		e = gift_job_check(x, &checked, sh, ei);
	sheet_close(sh);
	if (e)
		return e;

	rec_init(job, &import_entity);
	rec_set_text(job, IMPORT_KIND, kind);
	rec_set_int(job, IMPORT_DRY_RUN, o->dry_run != 0);
	rec_set_text(job, IMPORT_STATUS, "queued");
	rec_set_int(job, IMPORT_PROGRESS, 0);
	rec_set_int(job, IMPORT_TOTAL, 0);
	rec_set_int(job, IMPORT_CREATED, 0);
	rec_set_int(job, IMPORT_UPDATED, 0);
	rec_set_int(job, IMPORT_SKIPPED, 0);
	rec_set_int(job, IMPORT_REJECTED, 0);
	rec_set_text(job, IMPORT_ERRORS, "[]");
	if (o->filename)
		rec_set_text(job, IMPORT_FILENAME, o->filename);
	else
		rec_set_null(job, IMPORT_FILENAME);
	rec_set_int(job, IMPORT_SIZE, (int64_t)len);
	rec_set_text(job, IMPORT_FORMAT, fmt == SHEET_XLSX ? "xlsx" : fmt == SHEET_CSV_GB18030 ? "csv-gb18030" : "csv-utf8");
	rec_set_text(job, IMPORT_ON_EXISTING, on);
	rec_set_int(job, IMPORT_ALL_OR_NOTHING, o->all_or_nothing != 0);
	rec_set_text(job, IMPORT_LANG, accept_lang(o->lang));
	if (checked.fund)
		rec_set_int(job, IMPORT_FUND_ID, checked.fund);
	else
		rec_set_null(job, IMPORT_FUND_ID);
	if (checked.platform)
		rec_set_text(job, IMPORT_PLATFORM, checked.platform);
	else
		rec_set_null(job, IMPORT_PLATFORM);
	if (x->who)
		rec_set_int(job, IMPORT_CREATED_BY, x->who->user_id);
	else
		rec_set_null(job, IMPORT_CREATED_BY);
	rec_set_int(job, IMPORT_CREATED_AT, x->now);
	rec_set_null(job, IMPORT_FINISHED_AT);
	rec_set_null(job, IMPORT_MESSAGE);
	if ((e = store_begin(x->c, 1)))
		return err_set(ei, e, NULL, NULL);
	if ((e = store_insert(x->c, job, ei)) || (e = store_commit(x->c))) {
		store_rollback(x->c);
		return err_set(ei, e, NULL, NULL);
	}
	return ERR_OK;
}

/* Write the job row (and, when it ended, its audit entry) in x's open
 * transaction. */
static enum err job_save(struct ctx *x, struct rec *job, int ended)
{
	enum err e = store_update(x->c, job, NULL);
	if (e || !ended)
		return e;
	const char *name = rec_text(job, IMPORT_FILENAME);
	const char *after = arena_printf(
		x->a,
		"{\"filename\":%s,\"size\":%lld,\"kind\":%s,\"dry_run\":%s,\"status\":%s,\"created\":%lld,"
		"\"updated\":%lld,\"skipped\":%lld,\"rejected\":%lld,\"fund_id\":%s}",
		name ? codec_quote(name, x->a) : "null", (long long)rec_int(job, IMPORT_SIZE, 0),
		codec_quote(rec_text(job, IMPORT_KIND), x->a), rec_int(job, IMPORT_DRY_RUN, 0) ? "true" : "false",
		codec_quote(rec_text(job, IMPORT_STATUS), x->a), (long long)rec_int(job, IMPORT_CREATED, 0),
		(long long)rec_int(job, IMPORT_UPDATED, 0), (long long)rec_int(job, IMPORT_SKIPPED, 0),
		(long long)rec_int(job, IMPORT_REJECTED, 0),
		rec_has(job, IMPORT_FUND_ID) && rec_int(job, IMPORT_FUND_ID, 0)
			? arena_printf(x->a, "%lld", (long long)rec_int(job, IMPORT_FUND_ID, 0))
			: "null");
	return store_audit(x->c, x->now, x->who ? x->who->user_id : 0,
			   rec_int(job, IMPORT_DRY_RUN, 0) ? "import_dry_run" : "import", "imports", job->id, NULL,
			   after);
}

/* Save the job in a transaction of its own. */
static enum err job_save_tx(struct ctx *x, struct rec *job, int ended)
{
	enum err e = store_begin(x->c, 1);
	if (e)
		return e;
	if ((e = job_save(x, job, ended)) || (e = store_commit(x->c)))
		store_rollback(x->c);
	return e;
}

/* Data rows of the sheet (the header not counted); -1 on a malformed file. */
static int64_t count_rows(const char *data, size_t len, struct arena *a, struct errinfo *ei)
{
	struct sheet *sh;
	struct arena ta = ARENA_INIT;
	(void)a;
	if (sheet_open(data, len, &ta, &sh, ei)) {
		arena_release(&ta);
		return -1;
	}
	const struct cell *cells;
	int n, row, got;
	int64_t rows = -1;
	while ((got = sheet_next(sh, &cells, &n, &row, ei)) == 1)
		rows++;
	sheet_close(sh);
	arena_release(&ta);
	return got < 0 ? -1 : rows < 0 ? 0 : rows;
}

static void finish(struct ctx *x, struct rec *job, const char *status, const char *message)
{
	rec_set_text(job, IMPORT_STATUS, status);
	if (message)
		rec_set_text(job, IMPORT_MESSAGE, message);
	rec_set_int(job, IMPORT_FINISHED_AT, x->now);
}

static void set_counts(struct rec *job, const struct run *r, int64_t done)
{
	rec_set_int(job, IMPORT_PROGRESS, done);
	rec_set_int(job, IMPORT_CREATED, r->created);
	rec_set_int(job, IMPORT_UPDATED, r->updated);
	rec_set_int(job, IMPORT_SKIPPED, r->skipped);
	rec_set_int(job, IMPORT_REJECTED, r->rejected);
}

/* The rows, in the transaction the caller opened; 1 when stopped. */
static int run_rows(struct run *r, struct sheet *sh, int64_t total, const struct import_hooks *h, enum err *err,
		    struct errinfo *ei, int64_t *done)
{
	struct ctx *x = r->x;
	struct arena *job_a = x->a;
	const struct cell *cells;
	int n, row, got;
	*err = ERR_OK;
	while ((got = sheet_next(sh, &cells, &n, &row, ei)) == 1) {
		if (h && h->stop && atomic_load(h->stop))
			return 1;
		struct arena ra = ARENA_INIT;
		x->a = &ra;
		*err = run_row(r, cells, n, row);
		x->a = job_a;
		arena_release(&ra);
		if (*err) {
			err_set(ei, *err, NULL, NULL);
			return 0;
		}
		++*done;
		if (h && h->progress)
			h->progress(*done, total, h->arg);
	}
	if (got < 0)
		*err = ERR_INVALID;
	return 0;
}

enum err svc_import_run(struct ctx *x, int64_t id, const char *data, size_t len, const struct import_hooks *h,
			struct rec *job, struct errinfo *ei)
{
	enum err e = store_get(x->c, &import_entity, id, &scope_all, job, x->a);
	if (e)
		return err_set(ei, e, "id", "no such import");
	struct run r = {.x = x, .h = h, .ja = x->a, .lang = rec_text(job, IMPORT_LANG),
			.kind = import_kind_parse(rec_text(job, IMPORT_KIND)),
			.update = strcmp(rec_text(job, IMPORT_ON_EXISTING), "update") == 0,
			.fund = rec_int(job, IMPORT_FUND_ID, 0), .platform = rec_text(job, IMPORT_PLATFORM)};
	errs_add(&r, "[");

	struct errinfo fe = {0};
	int64_t total = count_rows(data, len, x->a, &fe), done = 0;
	struct sheet *sh = NULL;
	rec_set_text(job, IMPORT_STATUS, "running");
	rec_set_int(job, IMPORT_TOTAL, total < 0 ? 0 : total);
	if ((e = job_save_tx(x, job, 0))) {
		free(r.errs);
		return err_set(ei, e, NULL, NULL);
	}
	if (h && h->progress)
		h->progress(0, total, h->arg);
	const struct cell *cells;
	int n, row, stopped = 0, dry = (int)rec_int(job, IMPORT_DRY_RUN, 0);
	if (total < 0 || sheet_open(data, len, x->a, &sh, &fe) || sheet_next(sh, &cells, &n, &row, &fe) != 1) {
		finish(x, job, "failed", total < 0 || fe.message[0] ? fe.message : import_msg_text(IM_NO_ROWS, r.lang));
		goto save;
	}
	map_header(&r, cells, n);
	if (total == 0)
		report_msg(&r, 1, -1, IM_NO_ROWS, NULL);
	if ((e = store_begin(x->c, 1))) {
		finish(x, job, "failed", "the store could not begin the import");
		goto save;
	}
	if (!r.header_errors)
		stopped = run_rows(&r, sh, total, h, &e, &fe, &done);
	set_counts(job, &r, done);
	errs_add(&r, "]");
	rec_set_text(job, IMPORT_ERRORS, r.errs);
	if (stopped || e) {
		store_rollback(x->c);
		r.created = r.updated = r.skipped = 0;
		set_counts(job, &r, done);
		finish(x, job, "failed", stopped ? "the server stopped while the import ran; nothing was written"
					  : fe.message[0] ? fe.message : "the import failed; nothing was written");
		goto save;
	}
	if (r.header_errors || (rec_int(job, IMPORT_ALL_OR_NOTHING, 0) && r.rejected && !dry)) {
		store_rollback(x->c);
		r.created = r.updated = r.skipped = 0;
		set_counts(job, &r, done);
		finish(x, job, "failed", import_msg_text(r.header_errors ? IM_HEADER_ERRORS : IM_ALL_OR_NOTHING, r.lang));
		goto save;
	}
	finish(x, job, "done", NULL);
	if (dry) {
		store_rollback(x->c);
		goto save;
	}
	/* a real run: the job's row and audit entry commit with the rows */
	if ((e = job_save(x, job, 1)) || (e = store_commit(x->c))) {
		store_rollback(x->c);
		r.created = r.updated = r.skipped = 0;
		set_counts(job, &r, done);
		finish(x, job, "failed", "the store refused the import; nothing was written");
		goto save;
	}
	goto out;
save:
	if (!rec_has(job, IMPORT_ERRORS) || strcmp(rec_text(job, IMPORT_ERRORS), "[]") == 0) {
		if (r.errs[r.elen - 1] != ']')
			errs_add(&r, "]");
		rec_set_text(job, IMPORT_ERRORS, r.errs);
	}
	e = job_save_tx(x, job, 1);
out:
	if (sh)
		sheet_close(sh);
	rec_set_text(job, IMPORT_ERRORS, arena_strdup(x->a, r.errs));
	free(r.errs);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err svc_import_get(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei)
{
	enum err e = svc_get(x, &res_imports, id, out, ei);
	int64_t done, total;
	if (!e && import_runner_progress(x->app, id, &done, &total)) {
		rec_set_int(out, IMPORT_PROGRESS, done);
		rec_set_int(out, IMPORT_TOTAL, total);
	}
	return e;
}

const struct resource res_imports = {
	.e = &import_entity,
	.no_create = 1,
	.no_update = 1,
};
