/* handlers.h - every route handler, one file per resource family. */
#ifndef LD_HTTP_HANDLERS_H
#define LD_HTTP_HANDLERS_H

#include "http/reply.h"

/* generic resources (resources.c); arg is a const struct resource * */
handler_fn h_list, h_get, h_create, h_update;
/* nested collections (resources.c) */
handler_fn h_org_links_list, h_org_links_create, h_volunteer_stage, h_volunteer_stages;
/* nested collections: POST/GET /parents/{id}/children (service.c) */
struct nested {
	const struct resource *res;
	const char *parent;	/* the list filter naming the parent */
	int parent_key;		/* the child's field holding the parent id */
};
handler_fn h_nested_create, h_nested_list;
/* POST .../{id}/void {"reason"}: void(x, id, reason) answered with the
 * record voided (a donation, a project's expense). */
void void_with_reason(struct req *r, struct ctx *x,
		      enum err (*void_fn)(struct ctx *, int64_t, const char *, struct rec *, struct errinfo *));
/* sign-ups, attendance, ledger (service.c) */
handler_fn h_signup_create, h_signup_decide, h_checkin_token, h_check, h_record_change, h_volunteer_hours,
	h_volunteer_shifts, h_recognition, h_notification_read;
/* The body of POST /attendance/check-in and /check-out (service.c) with no
 * request or store (tests/fuzz/fuzz_body.c calls it): signup_id (> 0),
 * optional token and reason (at most REASON_MAX bytes), strings copied into
 * a; ERR_OK, or the error naming the field in *ei. */
struct check_body {
	int64_t signup_id;
	const char *token, *reason;
};
enum err check_body_decode(json_t *body, struct arena *a, struct check_body *out, struct errinfo *ei);
/* Answer {items, next_cursor} for rows of a list asked for `limit` items
 * (n may be limit+1: more to come) (resources.c). */
void reply_list(struct req *r, struct rec *rows, int n, int limit);
/* what a co-building link shares, removing a link (share.c, issue 15) */
handler_fn h_shared_needs, h_shared_need, h_shared_volunteers, h_shared_volunteer, h_org_link_delete;
/* the admins' outbox (outbox.c, issue 17) */
handler_fn h_outbox_list, h_outbox_resend;
/* a list restricted to one filter value (resources.c) */
void list_with(struct req *r, struct ctx *x, const struct resource *res, const char *fixed_param, int64_t fixed);

/* The list filters of e from the query into f[0..e->nfilters): 0, or -1
 * after replying 400 naming the parameter (resources.c). */
int list_filters(struct req *r, const struct entity *e, struct val *f);
/* A query's parameter by name, NULL when absent: req_query for a request;
 * tests/fuzz gives its own. */
typedef const char *query_get_fn(void *src, const char *name);
/* The pure part of a list's query (resources.c), no request needed: limit
 * (1..LIST_LIMIT_MAX), cursor (an id) and the list filters of e into
 * f[0..e->nfilters), strings copied into a; ERR_OK, or the error naming
 * the parameter in *ei. list_filters is list_query_filters on a request. */
enum err list_query(const struct entity *e, query_get_fn *get, void *src, int64_t *after, int *limit,
		    struct val *f, struct arena *a, struct errinfo *ei);
enum err list_query_filters(const struct entity *e, query_get_fn *get, void *src, struct val *f, struct arena *a,
			    struct errinfo *ei);
/* list_query's limit and cursor alone. */
enum err list_page(query_get_fn *get, void *src, int64_t *after, int *limit, struct errinfo *ei);
/* req_query as a query_get_fn (src: the struct req). */
const char *query_of(void *r, const char *name);
/* The route of method m and path (router.c), no request needed: 1 with
 * *hit filled (handler, arg, whether it needs a session, pattern, the {id}
 * and the text of another {name} segment), else 0 with hit->path_known set
 * when the path matches a route of another method (405, not 404). */
struct route_hit {
	handler_fn *fn;
	const void *arg;
	int auth;
	const char *pattern;
	int64_t id;
	char seg[65];
	int path_known;
};
int router_match(enum http_method m, const char *path, struct route_hit *hit);
/* exports: arg is the kind's name (export.c) */
handler_fn h_export;

/* List `res` with filter `param` fixed to the path's {id} (resources.c). */
void list_nested(struct req *r, struct ctx *x, const struct resource *res, const char *param);
/* service delivery (care.c) */
handler_fn h_need_move, h_need_events, h_need_response_times, h_client_move, h_client_stages, h_client_reports,
	h_report_file, h_case_notes_list, h_case_notes_create;
/* matching (matching.c) */
handler_fn h_candidates, h_match_create, h_match_get, h_match_apply, h_invitation_decide;
/* emergency mobilisation (emergency.c) */
handler_fn h_emergency_get, h_emergency_assess, h_emergency_mobilize, h_emergency_candidates, h_emergency_widen,
	h_emergency_ack, h_emergency_close, h_emergency_callouts, h_emergency_timeline, h_emergency_reports_list,
	h_emergency_reports_create;
/* accounts (auth.c) */
handler_fn h_login, h_logout, h_me;
handler_fn h_person_reveal; /* issue 13 */
handler_fn h_me_password, h_me_data; /* issue 13: own password (auth.c), own data (me.c) */
/* The session token of the request: bearer first, then the cookie (auth.c). */
const char *req_session_token(struct req *r);
/* Query parameter `name` as "true"/"1" or "false"/"0" (absent: dflt); -1
 * after replying 422 naming it (imports.c). */
int query_bool(struct req *r, const char *name, int dflt);
/* misc (misc.c) */
handler_fn h_health;
/* import jobs (imports.c) */
handler_fn h_import_create, h_import_get;
/* statistics (stats.c) */
handler_fn h_stats_overview;
handler_fn h_stats_screen;
handler_fn h_stats_below_norm;
handler_fn h_stats_retention;
/* the holiday calendar and the overdue list (calendar.c) */
handler_fn h_calendar_list, h_calendar_put, h_calendar_delete, h_records_overdue;
/* linkage.c: where org kinds sit, qualification rules (issue 15) */
handler_fn h_org_kinds, h_qual_rules_list, h_qual_rule_put, h_qual_rule_delete, h_stats_supervision, h_stats_ratios;
/* councils (councils.c, issue 15) */
handler_fn h_resolution_need, h_resolution_activity;
/* service projects (projects.c, issue 16) and their report (project_report.c) */
handler_fn h_project_progress, h_project_activities, h_project_teams, h_project_expense_void;
handler_fn h_project_report_pdf, h_project_report_xlsx;
/* Downloads written to a file first (export.c): an unlinked temp file's
 * descriptor (its path into *path, to unlink once written), or -1 after
 * replying 500; then the file as an attachment of `type` named `ascii`
 * (filename=) and `utf8` (filename*=, RFC 5987), not to be cached. */
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
int download_tmp(struct req *r, char **path);
void reply_download(struct req *r, int fd, const char *type, const char *ascii, const char *utf8);
/* A Content-Disposition value: `how` ("inline", "attachment") and both
 * names, in r's arena. */
const char *disposition(struct req *r, const char *how, const char *ascii, const char *utf8);
/* voice.c: shift feedback, need ratings, satisfaction, surveys (issue 15) */
handler_fn h_feedback_put, h_feedback_get, h_past_shifts, h_activity_feedback, h_need_rating_put, h_need_rating_get,
	h_stats_satisfaction, h_surveys_list, h_survey_move, h_survey_answer, h_survey_results;
/* certificates of service hours (certificates.c) */
handler_fn h_cert_issue, h_cert_list, h_cert_public, h_cert_pdf;
/* funds, donations, receipts and the journal (funds.c, issue 14) */
handler_fn h_donation_create, h_donation_void, h_donation_receipt, h_fund_ledger, h_fund_trial, h_run_propose,
	h_run_decide, h_donor_statement, h_donor_statement_public, h_disclosures;
/* 0 when the client may look another public code up (a certificate, a
 * donor's statement), else replied 429 (certificates.c: per address). */
int public_lookup_throttle(struct req *r);
/* "http://host" of the request, for links a phone opens (service.c) */
const char *req_link_base(struct req *r);
/* corrections of service records (records.c) */
handler_fn h_correction_reason, h_correction_resolve;
extern const struct reason_step correction_ask, correction_refuse;
/* The base of links printed for others to open: the server's --public-url,
 * else http:// and the request's Host; NULL when that Host is missing, too
 * long or not a host name. */
const char *req_public_base(struct req *r);

/* replies and preferences (replies.c, issue 17) */
handler_fn h_sms_inbound, h_reply_check, h_reply, h_notify_prefs_get, h_notify_prefs_put;
struct sms_inbound;
struct notify_prefs;
/* The inbound webhook's body {"phone", "text", "id"?} with no request or
 * store (tests/fuzz/fuzz_sms_inbound.c calls it): strings copied into a;
 * ERR_OK, or the error naming the field in *ei. */
enum err sms_inbound_decode(json_t *body, struct arena *a, struct sms_inbound *out, struct errinfo *ei);
/* PUT /me/notify-prefs's body {"channels": [...], "quiet_start", "quiet_end"}. */
enum err notify_prefs_decode(json_t *body, struct notify_prefs *out, struct errinfo *ei);

#endif
