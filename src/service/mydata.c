/* mydata.c - GET /me/data (issue 13, PIPL Art. 45): everything stored
 * about the signed-in user's person, in one document.
 *
 * Each section is read with a scope of the caller's own rows alone (the
 * entity's scope_self: the person, its volunteer and social-worker
 * records, sign-ups, attendance, records, ... and the user's
 * notifications), never the caller's org or region scope, so a staff
 * member's or an admin's export holds only what is about them. Two
 * sections are read otherwise: the client cases whose client is the
 * person (by the person_id filter), and the audit entries about the user,
 * the person and its volunteer and social-worker records (by entity and
 * entity id). Each list holds at most MYDATA_MAX rows, then says
 * `truncated`. The values are presented as the person reads them (their
 * own ID number and phone in full); sessions never show a token hash or a
 * CSRF token, and the account never its password hash. */
#include <string.h>

#include "service/care.h"
#include "service/certificates.h"
#include "service/emergency.h"
#include "service/keys.h"
#include "service/matching.h"
#include "service/service.h"
#include "store/store.h"

#define MYDATA_PAGE 100

enum how { SELF, BY_PERSON };

static const struct {
	const char *name;
	const struct resource *res;
	enum how how;
} sections[] = {
	{"volunteers", &res_volunteers, SELF},
	{"volunteer_stages", &res_stage_events, SELF},
	{"social_workers", &res_social_workers, SELF},
	{"signups", &res_signups, SELF},
	{"attendance", &res_attendance, SELF},
	{"service_records", &res_service_records, SELF},
	{"corrections", &res_corrections, SELF},
	{"honors", &res_volunteer_honors, SELF},
	{"certificates", &res_certificates, SELF},
	{"course_completions", &res_completions, SELF},
	{"course_attendance", &res_session_attendance, SELF},
	{"invitations", &res_invitations, SELF},
	{"callouts", &res_callouts, SELF},
	{"emergency_reports", &res_emergency_reports, SELF},
	{"needs", &res_needs, SELF},
	{"client_cases", &res_clients, BY_PERSON},
	{"notifications", &res_notifications, SELF},
};

struct reader {
	struct ctx *x;
	const struct mydata_sink *sink;
	struct scope self;
	struct rec *page;
	/* the ids the audit section looks up, besides the user and person */
	int64_t vols[MYDATA_MAX], sws[MYDATA_MAX];
	int nvols, nsws;
};

/* Present the rows as a list read does; keep the ids of the caller's
 * volunteer and social-worker records for the audit section. */
static enum err present(struct reader *rd, const struct resource *res, struct rec *rows, int n, struct errinfo *ei)
{
	enum err e;
	for (int i = 0; i < n; i++) {
		if (res->present)
			res->present(rd->x, &rows[i], 0);
		if (res->derive && (e = res->derive(rd->x, &rows[i], ei)))
			return e;
		if (res == &res_volunteers && rd->nvols < MYDATA_MAX)
			rd->vols[rd->nvols++] = rows[i].id;
		if (res == &res_social_workers && rd->nsws < MYDATA_MAX)
			rd->sws[rd->nsws++] = rows[i].id;
	}
	return ERR_OK;
}

/* Up to `*left` rows of res under scope sc and filters f, page by page to
 * the sink; *left goes down, and *more says a row was left out (each page
 * asks for one row beyond what is left, to know). */
static enum err read_rows(struct reader *rd, const char *section, const struct resource *res,
			  const struct scope *sc, const struct val *f, int *left, int *more, struct errinfo *ei)
{
	int64_t after = 0;
	for (;;) {
		int n = 0, want = *left < MYDATA_PAGE ? *left + 1 : MYDATA_PAGE;
		enum err e = store_list(rd->x->c, res->e, sc, after, want, f, rd->page, &n, rd->x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		int take = n > *left ? *left : n;
		*more = n > *left;
		if ((e = present(rd, res, rd->page, take, ei)))
			return e;
		rd->sink->rows(rd->sink->arg, section, rd->page, take);
		*left -= take;
		if (*more || n < want)
			return ERR_OK;
		after = rd->page[n - 1].id;
	}
}

/* The person or the user: one row under the self scope, or none. */
static enum err read_one(struct reader *rd, const char *section, const struct resource *res, int64_t id,
			 struct errinfo *ei)
{
	struct rec r;
	enum err e = id ? store_get(rd->x->c, res->e, id, &rd->self, &r, rd->x->a) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		rd->sink->one(rd->sink->arg, section, NULL);
		return ERR_OK;
	}
	if (e)
		return err_set(ei, e, NULL, NULL);
	if ((e = present(rd, res, &r, 1, ei)))
		return e;
	rd->sink->one(rd->sink->arg, section, &r);
	return ERR_OK;
}

static enum err read_section(struct reader *rd, size_t i, struct errinfo *ei)
{
	static const struct scope all = {.all = 1};
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	int left = MYDATA_MAX, more = 0;
	enum err e = ERR_OK;
	if (sections[i].how == SELF)
		e = read_rows(rd, sections[i].name, sections[i].res, &rd->self, f, &left, &more, ei);
	else if (rd->self.self_person_id) {
		entity_filter_int(sections[i].res->e, f, "person_id", rd->self.self_person_id);
		e = read_rows(rd, sections[i].name, sections[i].res, &all, f, &left, &more, ei);
	}
	if (!e)
		rd->sink->end(rd->sink->arg, sections[i].name, more);
	return e;
}

/* What an audit entry is about: an entity's name and a row's id. */
struct subject {
	const char *entity;
	int64_t id;
};

/* The audit entries about the user, the person and its volunteer and
 * social-worker records, MYDATA_MAX in all. */
static enum err read_audit(struct reader *rd, struct errinfo *ei)
{
	static const struct scope all = {.all = 1};
	struct subject *about = arena_alloc(rd->x->a, sizeof *about * (2 + 2 * MYDATA_MAX));
	int n = 0, left = MYDATA_MAX, more = 0;
	about[n++] = (struct subject){res_users.e->name, rd->self.self_user_id};
	if (rd->self.self_person_id)
		about[n++] = (struct subject){res_people.e->name, rd->self.self_person_id};
	for (int i = 0; i < rd->nvols; i++)
		about[n++] = (struct subject){res_volunteers.e->name, rd->vols[i]};
	for (int i = 0; i < rd->nsws; i++)
		about[n++] = (struct subject){res_social_workers.e->name, rd->sws[i]};
	int fe = entity_filter(&audit_entity, "entity");
	for (int i = 0; i < n && !more; i++) {
		struct val f[ENTITY_MAX_FILTERS] = {{0}};
		f[fe] = (struct val){.set = 1, .s = about[i].entity};
		entity_filter_int(&audit_entity, f, "entity_id", about[i].id);
		enum err e = read_rows(rd, "audit", &res_audit, &all, f, &left, &more, ei);
		if (e)
			return e;
	}
	rd->sink->end(rd->sink->arg, "audit", more);
	return ERR_OK;
}

static enum err read_sessions(struct reader *rd, const char *token, struct errinfo *ei)
{
	char cur[KEYSET_MAX][65];
	int nh = svc_token_hashes(rd->x, token, 0, cur);
	if (!nh)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "this server does not hold the database's key");
	struct session_info *s = arena_alloc(rd->x->a, sizeof *s * (MYDATA_MAX + 1));
	int n = 0;
	enum err e = store_sessions_of_user(rd->x->c, rd->self.self_user_id, rd->x->now, cur[0], cur[nh > 1],
					    MYDATA_MAX + 1, s, &n);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n && i < MYDATA_MAX; i++)
		rd->sink->session(rd->sink->arg, s[i].created_at, s[i].expires_at, s[i].current);
	rd->sink->end(rd->sink->arg, "sessions", n > MYDATA_MAX);
	return ERR_OK;
}

enum err svc_me_data(struct ctx *x, const char *token, const struct mydata_sink *sink, struct errinfo *ei)
{
	struct reader *rd = arena_alloc(x->a, sizeof *rd);
	memset(rd, 0, sizeof *rd);
	rd->x = x;
	rd->sink = sink;
	rd->self.self_person_id = x->who->person_id;
	rd->self.self_user_id = x->who->user_id;
	rd->page = arena_alloc(x->a, sizeof *rd->page * MYDATA_PAGE);
	enum err e;
	if ((e = read_one(rd, "user", &res_users, x->who->user_id, ei)) ||
	    (e = read_one(rd, "person", &res_people, x->who->person_id, ei)))
		return e;
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		if ((e = read_section(rd, i, ei)))
			return e;
	if ((e = read_audit(rd, ei)) || (e = read_sessions(rd, token, ei)))
		return e;
	if ((e = store_audit(x->c, x->now, x->who->user_id, "data_export", "users", x->who->user_id, NULL, NULL)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}
