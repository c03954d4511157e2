/* service.h - use cases: the layer between handlers and the store.
 *
 * A service function takes a struct ctx (the app, one store connection, the
 * caller, the request arena, the time), validates with domain/ rules, runs
 * its reads and writes in one transaction, writes the audit entry in that
 * same transaction, and returns enum err with *ei naming the field. It never
 * sees HTTP. */
#ifndef LD_SERVICE_H
#define LD_SERVICE_H

#include <stdatomic.h>
#include <stdint.h>

#include "app.h"
#include "core/arena.h"
#include "core/err.h"
#include "crypto/keyring.h"
#include "domain/qualify.h"
#include "domain/roles.h"
#include "model/entity.h"
#include "model/rows.h"

struct store_conn;

/* The signed-in caller. */
struct principal {
	int64_t user_id, person_id;
	const char *username;
	struct role_row *roles;
	int nroles;
	unsigned role_mask;		/* RB() of every role held */
	struct scope scope;		/* read scope */
	int via_cookie;
	const char *csrf;
};

struct keyset;
struct ctx {
	struct app *app;
	struct store_conn *c;
	const struct principal *who;	/* NULL for the command line (acts as platform admin) */
	struct arena *a;
	int64_t now;
	/* The request's keys, once asked (service/keys.c): held here, not in
	 * the arena, which a loop of pages may swap and reset under them. */
	struct keyset keys;
	int keys_held;
};

/* ---- a request's context (context.c) ---- */
/* Open x for one request or command: a connection from app's pool (waits
 * while every one is taken), the time now, no caller (x->who NULL) until the
 * router authenticates one. Every svc_ctx_begin has its svc_ctx_end. */
void svc_ctx_begin(struct ctx *x, struct app *app, struct arena *a);
/* x's reads from here on see one snapshot of the store (store_read_begin):
 * a GET's. Its writes, if any, are unaffected. */
void svc_read_snapshot(struct ctx *x);
/* Give x's connection back to the pool (its transaction, if any, is over). */
void svc_ctx_end(struct ctx *x);
/* The store's backend, "sqlite" or "postgres" (health, the start-up line). */
const char *svc_store_kind(const struct app *app);

/* ---- access (access.c) ---- */
int access_platform(const struct principal *p);
/* Caller holds a role in `roles` bound to an org whose subtree holds the org
 * with path `org_path`. */
int access_org(const struct principal *p, unsigned roles, const char *org_path);
/* Caller holds regional_admin over the region with path `region_path`. */
int access_region(const struct principal *p, const char *region_path);
/* access_region, or a role in `roles` bound to an org whose region holds
 * the region with path `region_path` (a community's org, the town station
 * above it). */
int access_over_region(const struct principal *p, unsigned roles, const char *region_path);
/* Paths of an org and of its region (arena); ERR_INVALID naming `field` if
 * the org does not exist. */
enum err org_paths(struct ctx *x, int64_t org_id, const char *field, const char **org_path,
		   const char **region_path, struct errinfo *ei);
enum err region_path(struct ctx *x, int64_t region_id, const char *field, const char **path, struct errinfo *ei);

/* ---- generic resources (resource.c) ---- */
struct resource {
	const struct entity *e;
	/* May the caller write nw (old is NULL on create)? */
	enum err (*authorize)(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei);
	/* Validate and derive stored values (may read the store). */
	enum err (*prepare)(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei);
	/* After the row is written, in the same transaction. */
	enum err (*after)(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei);
	/* Fill virtual fields for this caller (decrypt, mask). mask_all for audit. */
	void (*present)(struct ctx *x, struct rec *r, int mask_all);
	/* Turn raw filter values into stored form (hash lookups). */
	enum err (*filters)(struct ctx *x, struct val *filters, struct errinfo *ei);
	int no_create, no_update;
	int admin_only;		/* platform admins only (403 for others) */
	/* Non-zero: only platform admins and callers holding one of these
	 * roles may read or write the resource at all (403 for others),
	 * before the row scope applies (issue 13: users are for admins). */
	unsigned gate_roles;
	/* After present, on a read (get, list): virtual fields that need a
	 * read of their own; its error fails the read, never a guessed value. */
	enum err (*derive)(struct ctx *x, struct rec *r, struct errinfo *ei);
};

/* The name of person_id, or NULL (workforce.c). */
const char *svc_person_name(struct ctx *x, int64_t person_id);
/* The name of the person of social worker / volunteer id, or NULL. */
const char *svc_worker_name(struct ctx *x, int64_t sw_id);
const char *svc_volunteer_name(struct ctx *x, int64_t vol_id);

extern const struct resource res_regions, res_orgs, res_org_links, res_people, res_social_workers,
	res_volunteers, res_stage_events, res_users, res_audit;
extern const struct resource res_courses, res_course_sessions, res_completions, res_session_attendance,
	res_activities, res_positions, res_shifts, res_signups, res_attendance, res_service_records, res_plans,
	res_notifications;

/* ---- notifications (notify.c) ---- */
/* What a notification says and what it is about. */
struct notice {
	const char *kind, *subject, *body, *ref_entity;
	int64_t ref_id;
	int64_t callout_id;	/* a call-out the person may answer (0: none) */
};
/* 1 when the notice overrides preferences and quiet hours (an emergency's). */
int notice_urgent(const struct notice *n);
/* In the caller's transaction: the notice to a person by SMS and e-mail as
 * the person's preferences say (see notify.c). */
enum err notify_person(struct ctx *x, int64_t person_id, const struct notice *n, struct errinfo *ei);
/* One notification in the caller's transaction: to the inbox of user_id
 * (unless the account turned its inbox off), or (user_id 0) to person_id
 * through notify_person; person_id 0 leaves the person unset. */
enum err notify_insert(struct ctx *x, int64_t user_id, int64_t person_id, const char *kind, const char *subject,
		       const char *body, const char *ref_entity, int64_t ref_id, struct errinfo *ei);
/* Inbox notifications to the users ids[0..n). */
enum err notify_users(struct ctx *x, const int64_t *ids, int n, const char *kind, const char *subject,
		      const char *body, const char *ref_entity, int64_t ref_id, struct errinfo *ei);
/* An inbox notification to every user with a staff role bound to org_id,
 * in the caller's transaction. */
enum err notify_org_staff(struct ctx *x, int64_t org_id, const char *kind, const char *subject, const char *body,
			  const char *ref_entity, int64_t ref_id, struct errinfo *ei);
/* Mark one of the caller's notifications read (idempotent). */
enum err svc_notification_read(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei);

/* Staff of the organiser of an activity (activities.c). */
enum err activity_staff(struct ctx *x, int64_t activity_id, struct errinfo *ei);

/* Begin a transaction on x->c; the flows below do it themselves. */
enum err svc_create(struct ctx *x, const struct resource *res, struct rec *in, struct rec *out,
		    struct errinfo *ei);
enum err svc_update(struct ctx *x, const struct resource *res, int64_t id, struct rec *patch, struct rec *out,
		    struct errinfo *ei);
/* svc_create and svc_update inside the caller's transaction (an import's
 * rows), with the same checks, hooks and audit, and no read-back. */
enum err svc_create_in(struct ctx *x, const struct resource *res, struct rec *in, int64_t *id, struct errinfo *ei);
enum err svc_update_in(struct ctx *x, const struct resource *res, int64_t id, struct rec *patch,
		       struct errinfo *ei);
enum err svc_get(struct ctx *x, const struct resource *res, int64_t id, struct rec *out, struct errinfo *ei);
/* The rows of res with these ids, read STORE_GET_MANY to a statement, in no
 * particular order (*n of them; an id with no row is left out), each shown
 * as an export shows a joined row: as svc_get would where the caller may
 * read it, masked (the present hook's mask_all) where not. out holds n_ids. */
enum err svc_get_many_shown(struct ctx *x, const struct resource *res, const int64_t *ids, int n_ids,
			    struct rec *out, int *n, struct errinfo *ei);
enum err svc_list(struct ctx *x, const struct resource *res, int64_t after, int limit, struct val *filters,
		  struct rec *rows, int *n, struct errinfo *ei);
/* Read `id` for a write: 404 if missing, 403 unless visible. */
enum err svc_load_visible(struct ctx *x, const struct entity *e, int64_t id, struct rec *out, struct errinfo *ei);
/* The rows of e the caller may read: its roles' scope, or for an own_only
 * entity (notifications) its own rows alone. */
const struct scope *svc_scope(const struct ctx *x, const struct entity *e);
/* The answer of svc_load_visible once the store read `id` through
 * svc_scope (err, out: what the store gave): for a store function that
 * reads the row together with more (store_hours_of). */
enum err svc_loaded(struct ctx *x, const struct entity *e, int64_t id, enum err err, const struct rec *out,
		    struct errinfo *ei);
/* The same inside a write transaction, locking the row until commit. */
enum err svc_load_for_write(struct ctx *x, const struct entity *e, int64_t id, struct rec *out, struct errinfo *ei);
int svc_visible(const struct ctx *x, const struct rec *r);
/* 1 if `action` is one the audit log records (audit_log.c); a new action
 * of svc_audit or store_audit goes into that list. */
int audit_action_known(const char *action);
/* Write one audit entry for rec changes (before/after may be NULL). */
enum err svc_audit(struct ctx *x, const char *action, const struct resource *res, int64_t id,
		   struct rec *before, struct rec *after);
/* A history entity (volunteer stages, case stages, need statuses) and the
 * keys of its common fields. */
struct history_keys {
	const struct entity *e;
	int parent, from, to, note, by_user_id, at;
};
/* Fill a history row: parent = parent_id, from, to, note, by_user_id, at.
 * The caller may set more fields, then inserts it. */
void svc_history(struct ctx *x, struct rec *ev, const struct history_keys *k, int64_t parent_id, const char *from,
		 const char *to, const char *note);
/* Run fn in a write transaction with commit/rollback at one place. */
enum err svc_tx(struct ctx *x, enum err (*fn)(struct ctx *, void *, struct errinfo *), void *arg,
		struct errinfo *ei);

/* ---- volunteers (workforce.c) ---- */
enum err svc_volunteer_stage(struct ctx *x, int64_t id, const char *to, const char *note, struct rec *out,
			     struct errinfo *ei);
/* Issue 15. Move every registered volunteer with no verified service
 * starting in the last app->inactive_after_months months (at least 1) (and no move into registered since
 * then) to inactive, one transaction each, as the system (history and
 * audit without a user, note INACTIVE_NOTE); *moved says how many. Safe to
 * run in several processes at once: each move re-checks under the
 * volunteer's row lock. Opens its own context (a connection of the pool).
 * Ends early, between two volunteers, once *stop (when not NULL) is set. */
enum err svc_sweep_inactive(struct app *app, const atomic_int *stop, int64_t *moved, struct errinfo *ei);
/* In the caller's write transaction, the volunteer's row locked: an
 * inactive volunteer whose verified service starting at served_at falls
 * within the inactivity window (x->app's months, else the default) returns
 * to registered as the system (note RETURN_NOTE). */
enum err volunteer_served(struct ctx *x, int64_t volunteer_id, int64_t served_at, struct errinfo *ei);
/* The server's sweeping thread (inactive_runner.c): none when
 * app->inactive_after_months is 0. stop waits for a sweep under way. */
void inactive_runner_start(struct app *app);
void inactive_runner_stop(struct app *app);

/* ---- the operator's gauges, read at scrape time (ops.c) ---- */
struct ops_outbox {
	const char *channel, *status;
	int64_t n;
};
struct ops_gauges {
	int pool_size, pool_in_use, pool_waiting;	/* the store's connections */
	struct ops_outbox *outbox;			/* notifications by channel and status */
	int noutbox;
	int outbox_ok;					/* 0: the outbox could not be read */
	int imports_running, imports_queued;		/* this process's import runner */
};
/* Fill g (strings in x->a); the outbox's failure leaves outbox_ok 0 and
 * the rest still filled. */
void svc_ops_gauges(struct ctx *x, struct ops_gauges *g);

/* ---- sign-ups (signups.c) ---- */
enum err svc_signup(struct ctx *x, int64_t shift_id, struct rec *in, struct rec *out, struct errinfo *ei);
/* Inside a transaction: sign the volunteer up for the shift under every
 * placement rule; `invited` = an organiser's invitation (accepted at once,
 * 409 when full). */
enum err signup_place(struct ctx *x, int64_t shift_id, int64_t volunteer_id, int invited, int64_t *id,
		      struct errinfo *ei);
/* The volunteer themself, or staff of the organiser or of the volunteer's
 * org; ERR_FORBIDDEN else. */
enum err signup_may_act(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct errinfo *ei);
/* action: "accept", "reject" or "cancel"; note (may be NULL; 422 past the
 * field's 500 characters) is kept with the decision as decision_note. */
enum err svc_signup_decide(struct ctx *x, int64_t id, const char *action, const char *note, struct rec *out,
			   struct errinfo *ei);

/* ---- attendance (attendance.c) ---- */
/* Check-in tokens: "<shift>.<expires>.<mac>", MAC keyed by the hex secret. */
char *checkin_token_make(const char *secret, int64_t shift_id, int64_t expires, struct arena *a);
enum token_check { TOKEN_OK, TOKEN_INVALID, TOKEN_OTHER_SHIFT, TOKEN_EXPIRED };
enum token_check checkin_token_check(const char *secret, const char *token, int64_t shift_id, int64_t now,
				     struct arena *a);
struct checkin_token {
	const char *token, *link, *qr_svg;
	int64_t expires_at;
};
/* A live check-in token for a shift (organisers only); link_base is the
 * scheme and host the volunteer's phone opens ("http://host:port"). */
enum err svc_checkin_token(struct ctx *x, int64_t shift_id, const char *link_base, struct checkin_token *out,
			   struct errinfo *ei);
/* Check in (out = 0) or out (1): with the volunteer's token, or by staff
 * with a reason; idem_key may be NULL. Gives the HTTP status and JSON body
 * (201 the first time, 200 for a repeat; a replayed key gets the first). */
enum err svc_check(struct ctx *x, int out, int64_t signup_id, const char *token, const char *reason,
		   const char *idem_key, int *status, const char **body, struct errinfo *ei);

/* ---- the hours ledger (ledger.c) ---- */
/* Server-set fields of a new record: recorded, recorder, year, due (10
 * working days after `activity_end`, by the holiday calendar), late,
 * created. Reads the calendar. */
enum err ledger_stamp(struct ctx *x, struct rec *r, int64_t activity_end, struct errinfo *ei);
/* What a verifier may add (issue 12): minutes above the recorded ones
 * (-1 = keep; more need a reason), an evaluation and the person in charge
 * when the record has none (NULL = none). */
struct record_verify {
	int64_t minutes;
	const char *reason, *evaluation, *person_in_charge;
};
/* Verify a recorded record; v may be NULL. 403 when the caller is the
 * record's volunteer, or recorded a manual record. */
enum err svc_record_verify(struct ctx *x, int64_t id, const struct record_verify *v, struct rec *out,
			   struct errinfo *ei);
/* The recorder's name, the manual flag and the flags' zeros, and the
 * person in charge by default (the activity's lead social worker). */
void ledger_sign(struct ctx *x, struct rec *r, int manual);
/* Staff of org_id (a record's org, its keeper), or a platform admin;
 * ERR_FORBIDDEN naming org_id else. */
enum err record_staff(struct ctx *x, int64_t org_id, struct errinfo *ei);
/* Void record id with a reason inside the caller's transaction. */
enum err ledger_void_in(struct ctx *x, int64_t id, const char *reason, struct errinfo *ei);
enum err svc_record_void(struct ctx *x, int64_t id, const char *reason, struct rec *out, struct errinfo *ei);
struct hours_summary {
	int64_t minutes;
	int stars;
	int64_t last_service_at;	/* start of the latest verified record; 0: none */
	int year;			/* this year (China time) ... */
	int64_t year_minutes;		/* ... and its verified minutes */
	struct year_minutes *years;
	int nyears;
};
enum err svc_volunteer_hours(struct ctx *x, int64_t volunteer_id, struct hours_summary *out, struct errinfo *ei);
enum err svc_volunteer_shifts(struct ctx *x, int64_t volunteer_id, struct upcoming **rows, int *n,
			      struct errinfo *ei);
enum err svc_recognition(struct ctx *x, int64_t region_id, int year, int limit, struct ranked **rows, int *n,
			 struct errinfo *ei);

/* ---- corrections of service records (corrections.c) ---- */
extern const struct resource res_corrections, res_volunteer_honors;
/* The record's volunteer asks for a correction (one open at a time: 409). */
enum err svc_correction_ask(struct ctx *x, int64_t record_id, const char *reason, struct rec *out,
			    struct errinfo *ei);
/* Staff of the record's org refuse an open correction with an answer. */
enum err svc_correction_refuse(struct ctx *x, int64_t id, const char *answer, struct rec *out, struct errinfo *ei);
/* Staff resolve it: void the record and record it again (replaces_id),
 * with what `body` (a correction_resolve_body) changes, in one
 * transaction; the correction becomes done with new_record_id. */
enum err svc_correction_resolve(struct ctx *x, int64_t id, const struct rec *body, struct rec *out,
				struct errinfo *ei);

/* ---- accounts (auth.c) ---- */
struct login_result {
	char token[44];
	char csrf[44];
	int64_t expires_at;
	int64_t user_id;
	int64_t retry_after;	/* with ERR_THROTTLED */
};
/* Sign username in from the client address key addr (ratelimit_key);
 * ERR_THROTTLED with out->retry_after (seconds) while that account must
 * wait at that address, or that address at all (auth.c). */
enum err auth_login(struct ctx *x, const char *username, const char *addr, const char *password,
		    struct login_result *out, struct errinfo *ei);
/* Resolve a session token; ERR_UNAUTHORIZED if missing or expired. */
enum err auth_session(struct ctx *x, const char *token, struct principal **out, struct errinfo *ei);
enum err auth_logout(struct ctx *x, const char *token, struct errinfo *ei);
/* Record the caller's sign-out in the audit log, outside any transaction;
 * best effort: a failure to write it does not fail the sign-out. */
void auth_logout_audit(struct ctx *x);
/* GET /me/data (mydata.c, issue 13, PIPL Art. 45): everything stored
 * about the caller's person, section by section to the sink: "user" and
 * "person" as one row each (NULL when none), then each list's rows in
 * pages and its end (with `truncated` when more than MYDATA_MAX rows were
 * left out), the sessions last (each one to `session`, then their end). Audited as "data_export". */
#define MYDATA_MAX 1000
struct mydata_sink {
	void *arg;
	void (*one)(void *arg, const char *section, const struct rec *r);
	void (*rows)(void *arg, const char *section, const struct rec *rows, int n);
	void (*end)(void *arg, const char *section, int truncated);
	/* one live session (never its token hash or CSRF token) */
	void (*session)(void *arg, int64_t created_at, int64_t expires_at, int current);
};
enum err svc_me_data(struct ctx *x, const char *token, const struct mydata_sink *sink, struct errinfo *ei);
/* POST /me/password (issue 13): the caller changes its own password.
 * `token` is this request's session token, `addr` its client address key.
 * 422 naming new_password when weak or unchanged; throttled like a sign-in
 * (429 with *retry_after); a wrong current password is 403 naming
 * current_password and counts as a failed sign-in. On success every other
 * session of the user ends, and the change is audited. */
enum err auth_password_change(struct ctx *x, const char *token, const char *addr, const char *current,
			      const char *next, int64_t *retry_after, struct errinfo *ei);

/* The command-line `user add`. */
enum err users_add_cli(struct ctx *x, const char *username, const char *password, const char *role,
		       int64_t org_id, int64_t region_id, int64_t *id, struct errinfo *ei);

/* ---- the holiday calendar and working days (calendar.c) ---- */
struct workcal;
/* The calendar days workdays_due(cal, from, days) looks at (domain/
 * workdays.h), read into x's arena: every working-day count goes through it. */
enum err svc_workcal(struct ctx *x, int64_t from, int days, struct workcal *cal, struct errinfo *ei);
/* The days of `year` (CALENDAR_YEAR_MIN..MAX, else 422 "year"), by date;
 * anyone signed in. */
enum err svc_calendar_year(struct ctx *x, int year, struct calendar_row **rows, int *n, struct errinfo *ei);
/* Set the day `date` ("YYYY-MM-DD", else 422 "date") to in's kind and name
 * (a decoded calendar_day_body); platform admins only (403); audited. *out
 * is the day as stored. */
enum err svc_calendar_put(struct ctx *x, const char *date, const struct rec *in, struct calendar_row *out,
			  struct errinfo *ei);
/* Remove the day `date` (404 when the calendar has none); platform admins
 * only; audited. */
enum err svc_calendar_delete(struct ctx *x, const char *date, struct errinfo *ei);
/* Qualifications gate work (issue 15, domain/qualify.h). */
struct qual_rule {
	enum qual_work work;
	enum qual_level need, standard;	/* as set; the default */
	int64_t updated_at, updated_by_user_id; /* 0: the default */
	/* who changed it, by username and the name of the user's person
	 * (issue 18; NULL: the default, or no such user or person) */
	const char *updated_by_username, *updated_by_name;
};
/* The level work w needs now. */
enum err svc_qual_needed(struct ctx *x, enum qual_work w, enum qual_level *need, struct errinfo *ei);
/* Social worker `social_worker_id` holds what work w needs, else 422
 * rule_violation naming `field` and both levels (422 invalid_value when
 * there is no such social worker). */
enum err svc_qual_require(struct ctx *x, enum qual_work w, int64_t social_worker_id, const char *field,
			  struct errinfo *ei);
/* Every work's rule, in the order of QUAL_WORKS: out holds QW__COUNT. */
enum err svc_qual_rules(struct ctx *x, struct qual_rule *out, struct errinfo *ei);
/* Set work's level (in: a decoded qualification_rule_body), or back to
 * its default (404 when it has it); platform admins only (403), 404
 * naming `work` for an unknown work; audited. */
enum err svc_qual_rule_put(struct ctx *x, const char *work, const struct rec *in, struct qual_rule *out,
			   struct errinfo *ei);
enum err svc_qual_rule_delete(struct ctx *x, const char *work, struct errinfo *ei);
/* The supervision chain (issue 15, service/supervision.c). */
extern const struct resource res_supervision_sessions;
/* Social worker `social_worker_id` belongs to org `org_id` or an org
 * above it, else 422 rule_violation naming `field` (invalid_value when
 * there is no such social worker). */
enum err svc_sw_over_org(struct ctx *x, int64_t social_worker_id, int64_t org_id, const char *field,
			 struct errinfo *ei);
struct supervision_hours_row;
/* The social workers of org_id's subtree (by id after `after`, at most
 * `limit`) with the supervision they received and gave in `year`: for the
 * org's staff and regional admins over it (403 naming org_id), 422 naming
 * year outside 2000-2100. */
enum err svc_supervision_hours(struct ctx *x, int64_t org_id, int year, int64_t after, int limit,
			       struct supervision_hours_row **rows, int *n, struct errinfo *ei);
/* The overdue list: records still 'recorded' that are past their due date
 * ("overdue") or due within RECORD_DUE_SOON_WORKING_DAYS working days
 * ("due_soon"), of org_id's subtree (0: every org the caller sees as staff),
 * by due date then id, after the keyset (after_due, after_id) (-1, 0 for
 * the first page), at most `limit`. For staff and admins (403 otherwise). */
enum err svc_records_overdue(struct ctx *x, int64_t org_id, int64_t after_due, int64_t after_id, int limit,
			     struct due_record **rows, int *n, struct errinfo *ei);

/* ---- personal data on a need-to-know basis (reveal.c, issue 13) ---- */
/* What a reveal answers: the fields asked for, in full (NULL = not asked
 * for, or no value). */
struct person_reveal {
	int asked_id_number, asked_phone, asked_birth_date;
	const char *id_number, *phone, *birth_date;
};
/* Reveal fields of person `id` to the caller, with a reason (in: a decoded
 * person_reveal_body); writes an audit entry "reveal" with the fields and
 * the reason, never the values. 404 missing, 403 out of scope or a field
 * the caller's roles may not see, 422 naming `fields` or `reason`. */
enum err svc_person_reveal(struct ctx *x, int64_t id, const struct rec *in, struct person_reveal *out,
			   struct errinfo *ei);
/* The body's own checks, with no store (svc_person_reveal runs them first;
 * tests/fuzz/fuzz_body.c fuzzes them): a reason not blank, fields naming
 * at least one of id_number (bit 1), phone (2), birth_date (4) and nothing
 * else; *asked gets the bits. 422 naming `reason` or `fields`. */
enum err svc_reveal_asked(const struct rec *in, struct arena *a, unsigned *asked, struct errinfo *ei);

#endif
