/* router.c - the static route table, authentication and CSRF.
 *
 * A pattern segment "{id}" matches a positive decimal integer written
 * canonically (no sign, no leading zero) and is put on
 * req.path_id; any other "{name}" ("{code}", "{date}") matches any segment
 * of 1..SEG_MAX bytes, put on req.path_seg for the handler to parse (so that
 * a bad one is 422 or 404 naming it). A path that matches some route with
 * another method gets 405.
 * Routes marked AUTH need a session: a bearer token, or the ld_session
 * cookie, in which case every non-GET request must also carry X-CSRF-Token
 * equal to the session's CSRF token (double submit, checked server-side). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers/handlers.h"
#include "service/matching.h"
#include "crypto/crypto.h"
#include "service/care.h"
#include "service/councils.h"
#include "service/projects.h"
#include "service/emergency.h"
#include "service/funds.h"
#include "service/voice.h"

enum { PUBLIC, AUTH };

struct route {
	enum http_method method;
	const char *pattern;
	handler_fn *fn;
	const void *arg;
	int auth;
};

#define CRUD(path, res)                                      \
	{M_GET, "/api/v1/" path, h_list, &res, AUTH},        \
	{M_POST, "/api/v1/" path, h_create, &res, AUTH},     \
	{M_GET, "/api/v1/" path "/{id}", h_get, &res, AUTH}, \
	{M_PATCH, "/api/v1/" path "/{id}", h_update, &res, AUTH}

#define NO_UPDATE(path, res)                              \
	{M_GET, "/api/v1/" path, h_list, &res, AUTH},     \
	{M_POST, "/api/v1/" path, h_create, &res, AUTH},  \
	{M_GET, "/api/v1/" path "/{id}", h_get, &res, AUTH}

#define EXPORT(kind) {M_GET, "/api/v1/exports/" kind, h_export, kind, AUTH}

static const struct nested completions = {&res_completions, "course_id", COMPLETION_COURSE_ID};
static const struct nested session_attendance = {&res_session_attendance, "session_id", SESSION_ATTENDANCE_SESSION_ID};
static const struct nested shift_signups = {&res_signups, "shift_id", SIGNUP_SHIFT_ID};
static const struct nested record_corrections = {&res_corrections, "record_id", RECORD_CORRECTION_RECORD_ID};
static const struct nested person_relations = {&res_person_relations, "of_person_id",
						PERSON_RELATION_OF_PERSON_ID};
static const struct nested fund_runs = {&res_semester_runs, "fund_id", SEMESTER_RUN_FUND_ID};
static const struct nested project_evaluations = {&res_evaluations, "project_id", EVALUATION_PROJECT_ID};
static const struct nested project_evaluators = {&res_project_evaluators, "project_id", PROJECT_EVALUATOR_PROJECT_ID};
static const struct nested project_expenses = {&res_project_expenses, "project_id", PROJECT_EXPENSE_PROJECT_ID};
static const struct nested indicator_reports = {&res_indicator_reports, "indicator_id", INDICATOR_REPORT_INDICATOR_ID};
static const struct nested volunteer_honors = {&res_volunteer_honors, "volunteer_id", VOLUNTEER_HONOR_VOLUNTEER_ID};

static const struct route routes[] = {
	{M_GET, "/api/v1/health", h_health, NULL, PUBLIC},
	{M_POST, "/api/v1/login", h_login, NULL, PUBLIC},
	{M_POST, "/api/v1/logout", h_logout, NULL, AUTH},
	{M_GET, "/api/v1/me", h_me, NULL, AUTH},
	CRUD("regions", res_regions),
	CRUD("orgs", res_orgs),
	{M_GET, "/api/v1/orgs/{id}/links", h_org_links_list, NULL, AUTH},
	{M_POST, "/api/v1/orgs/{id}/links", h_org_links_create, NULL, AUTH},
	/* co-building links: change, remove, and what they share (issue 15) */
	{M_GET, "/api/v1/org-links/{id}", h_get, &res_org_links, AUTH},
	{M_PATCH, "/api/v1/org-links/{id}", h_update, &res_org_links, AUTH},
	{M_DELETE, "/api/v1/org-links/{id}", h_org_link_delete, NULL, AUTH},
	{M_GET, "/api/v1/orgs/{id}/shared-needs", h_shared_needs, NULL, AUTH},
	{M_GET, "/api/v1/orgs/{id}/shared-volunteers", h_shared_volunteers, NULL, AUTH},
	{M_GET, "/api/v1/shared-needs/{id}", h_shared_need, NULL, AUTH},
	{M_GET, "/api/v1/shared-volunteers/{id}", h_shared_volunteer, NULL, AUTH},
	CRUD("people", res_people),
	{M_POST, "/api/v1/people/{id}/reveal", h_person_reveal, NULL, AUTH},
	CRUD("social-workers", res_social_workers),
	CRUD("volunteers", res_volunteers),
	{M_POST, "/api/v1/volunteers/{id}/stage", h_volunteer_stage, NULL, AUTH},
	{M_GET, "/api/v1/volunteers/{id}/stages", h_volunteer_stages, NULL, AUTH},
	CRUD("service-menu", res_service_menu),
	{M_GET, "/api/v1/needs/response-times", h_need_response_times, NULL, AUTH},
	CRUD("needs", res_needs),
	{M_POST, "/api/v1/needs/{id}/status", h_need_move, NULL, AUTH},
	{M_GET, "/api/v1/needs/{id}/events", h_need_events, NULL, AUTH},
	CRUD("clients", res_clients),
	{M_POST, "/api/v1/clients/{id}/stage", h_client_move, NULL, AUTH},
	{M_GET, "/api/v1/clients/{id}/stages", h_client_stages, NULL, AUTH},
	{M_GET, "/api/v1/clients/{id}/reports", h_client_reports, NULL, AUTH},
	{M_GET, "/api/v1/clients/{id}/notes", h_case_notes_list, NULL, AUTH},
	{M_POST, "/api/v1/clients/{id}/notes", h_case_notes_create, NULL, AUTH},
	{M_GET, "/api/v1/mandatory-reports", h_list, &res_mandatory_reports, AUTH},
	{M_GET, "/api/v1/mandatory-reports/{id}", h_get, &res_mandatory_reports, AUTH},
	{M_POST, "/api/v1/mandatory-reports/{id}/file", h_report_file, NULL, AUTH},
	CRUD("users", res_users),
	CRUD("courses", res_courses),
	{M_POST, "/api/v1/courses/{id}/completions", h_nested_create, &completions, AUTH},
	{M_GET, "/api/v1/courses/{id}/completions", h_nested_list, &completions, AUTH},
	{M_GET, "/api/v1/course-completions", h_list, &res_completions, AUTH},
	CRUD("course-sessions", res_course_sessions),
	{M_POST, "/api/v1/course-sessions/{id}/attendance", h_nested_create, &session_attendance, AUTH},
	{M_GET, "/api/v1/course-sessions/{id}/attendance", h_nested_list, &session_attendance, AUTH},
	CRUD("plans", res_plans),
	CRUD("activities", res_activities),
	CRUD("positions", res_positions),
	CRUD("shifts", res_shifts),
	{M_POST, "/api/v1/shifts/{id}/signups", h_signup_create, NULL, AUTH},
	{M_GET, "/api/v1/shifts/{id}/signups", h_nested_list, &shift_signups, AUTH},
	{M_GET, "/api/v1/shifts/{id}/check-in-token", h_checkin_token, NULL, AUTH},
	{M_GET, "/api/v1/shifts/{id}/check-in-qr.svg", h_checkin_token, "svg", AUTH},
	{M_GET, "/api/v1/shifts/{id}/candidates", h_candidates, NULL, AUTH},
	{M_POST, "/api/v1/match", h_match_create, NULL, AUTH},
	{M_GET, "/api/v1/match/{id}", h_match_get, NULL, AUTH},
	{M_POST, "/api/v1/match/{id}/apply", h_match_apply, NULL, AUTH},
	{M_GET, "/api/v1/invitations", h_list, &res_invitations, AUTH},
	{M_GET, "/api/v1/invitations/{id}", h_get, &res_invitations, AUTH},
	{M_POST, "/api/v1/invitations/{id}/accept", h_invitation_decide, "accept", AUTH},
	{M_POST, "/api/v1/invitations/{id}/decline", h_invitation_decide, "decline", AUTH},
	{M_GET, "/api/v1/signups", h_list, &res_signups, AUTH},
	{M_GET, "/api/v1/signups/{id}", h_get, &res_signups, AUTH},
	{M_POST, "/api/v1/signups/{id}/accept", h_signup_decide, "accept", AUTH},
	{M_POST, "/api/v1/signups/{id}/reject", h_signup_decide, "reject", AUTH},
	{M_POST, "/api/v1/signups/{id}/cancel", h_signup_decide, "cancel", AUTH},
	{M_POST, "/api/v1/attendance/check-in", h_check, NULL, AUTH},
	{M_POST, "/api/v1/attendance/check-out", h_check, "out", AUTH},
	{M_GET, "/api/v1/attendance", h_list, &res_attendance, AUTH},
	{M_GET, "/api/v1/attendance/{id}", h_get, &res_attendance, AUTH},
	NO_UPDATE("service-records", res_service_records),
	{M_POST, "/api/v1/service-records/{id}/verify", h_record_change, NULL, AUTH},
	{M_POST, "/api/v1/service-records/{id}/void", h_record_change, "void", AUTH},
	{M_GET, "/api/v1/volunteers/{id}/hours", h_volunteer_hours, NULL, AUTH},
	{M_GET, "/api/v1/volunteers/{id}/shifts", h_volunteer_shifts, NULL, AUTH},
	{M_GET, "/api/v1/recognition", h_recognition, NULL, AUTH},
	{M_GET, "/api/v1/stats/overview", h_stats_overview, NULL, AUTH},
	{M_GET, "/api/v1/stats/screen", h_stats_screen, NULL, AUTH},
	{M_GET, "/api/v1/stats/below-norm", h_stats_below_norm, NULL, AUTH},
	{M_GET, "/api/v1/stats/retention", h_stats_retention, NULL, AUTH},
	{M_GET, "/api/v1/notifications", h_list, &res_notifications, AUTH},
	{M_GET, "/api/v1/notifications/{id}", h_get, &res_notifications, AUTH},
	{M_POST, "/api/v1/notifications/{id}/read", h_notification_read, NULL, AUTH},
	{M_GET, "/api/v1/outbox", h_outbox_list, NULL, AUTH},
	{M_POST, "/api/v1/outbox/{id}/resend", h_outbox_resend, NULL, AUTH},
	{M_GET, "/api/v1/emergencies", h_list, &res_emergencies, AUTH},
	{M_POST, "/api/v1/emergencies", h_create, &res_emergencies, AUTH},
	{M_GET, "/api/v1/emergencies/{id}", h_emergency_get, NULL, AUTH},
	{M_PATCH, "/api/v1/emergencies/{id}", h_update, &res_emergencies, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/assess", h_emergency_assess, NULL, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/mobilize", h_emergency_mobilize, NULL, AUTH},
	{M_GET, "/api/v1/emergencies/{id}/candidates", h_emergency_candidates, NULL, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/widen", h_emergency_widen, NULL, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/acks", h_emergency_ack, NULL, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/close", h_emergency_close, NULL, AUTH},
	{M_GET, "/api/v1/emergencies/{id}/callouts", h_emergency_callouts, NULL, AUTH},
	{M_GET, "/api/v1/emergencies/{id}/timeline", h_emergency_timeline, NULL, AUTH},
	{M_GET, "/api/v1/emergencies/{id}/reports", h_emergency_reports_list, NULL, AUTH},
	{M_POST, "/api/v1/emergencies/{id}/reports", h_emergency_reports_create, NULL, AUTH},
	{M_GET, "/api/v1/callouts", h_list, &res_callouts, AUTH},
	{M_GET, "/api/v1/callouts/{id}", h_get, &res_callouts, AUTH},
	{M_POST, "/api/v1/imports", h_import_create, NULL, AUTH},
	{M_GET, "/api/v1/imports/{id}", h_import_get, NULL, AUTH},
	{M_GET, "/api/v1/audit", h_list, &res_audit, AUTH},
	EXPORT("people"), EXPORT("volunteers"), EXPORT("social-workers"), EXPORT("service-records"), EXPORT("hours"),
	EXPORT("national-volunteers"), EXPORT("national-service-records"),
	{M_GET, "/api/v1/audit/{id}", h_get, &res_audit, AUTH},
	/* the holiday calendar and the overdue list (issue 12) */
	{M_GET, "/api/v1/calendar", h_calendar_list, NULL, AUTH},
	{M_PUT, "/api/v1/calendar/{date}", h_calendar_put, NULL, AUTH},
	{M_DELETE, "/api/v1/calendar/{date}", h_calendar_delete, NULL, AUTH},
	{M_GET, "/api/v1/service-records/overdue", h_records_overdue, NULL, AUTH},
	/* where org kinds sit; qualifications gate work (issue 15, handlers/linkage.c) */
	{M_GET, "/api/v1/org-kinds", h_org_kinds, NULL, AUTH},
	{M_GET, "/api/v1/qualification-rules", h_qual_rules_list, NULL, AUTH},
	{M_PUT, "/api/v1/qualification-rules/{work}", h_qual_rule_put, NULL, AUTH},
	{M_DELETE, "/api/v1/qualification-rules/{work}", h_qual_rule_delete, NULL, AUTH},
	/* the supervision chain (issue 15) */
	CRUD("supervision-sessions", res_supervision_sessions),
	{M_GET, "/api/v1/stats/supervision", h_stats_supervision, NULL, AUTH},
	/* councils (议事会, issue 15: service/councils.c) */
	CRUD("councils", res_councils),
	CRUD("council-members", res_council_members),
	CRUD("council-meetings", res_council_meetings),
	CRUD("council-issues", res_council_issues),
	CRUD("resolutions", res_resolutions),
	{M_POST, "/api/v1/resolutions/{id}/need", h_resolution_need, NULL, AUTH},
	{M_POST, "/api/v1/resolutions/{id}/activity", h_resolution_activity, NULL, AUTH},
	{M_GET, "/api/v1/stats/ratios", h_stats_ratios, NULL, AUTH},
	/* volunteer and resident voice (issue 15) */
	{M_POST, "/api/v1/signups/{id}/feedback", h_feedback_put, NULL, AUTH},
	{M_GET, "/api/v1/signups/{id}/feedback", h_feedback_get, NULL, AUTH},
	{M_GET, "/api/v1/activities/{id}/feedback", h_activity_feedback, NULL, AUTH},
	{M_GET, "/api/v1/volunteers/{id}/past-shifts", h_past_shifts, NULL, AUTH},
	{M_GET, "/api/v1/shift-feedback", h_list, &res_shift_feedback, AUTH},
	{M_GET, "/api/v1/shift-feedback/{id}", h_get, &res_shift_feedback, AUTH},
	{M_POST, "/api/v1/needs/{id}/rating", h_need_rating_put, NULL, AUTH},
	{M_GET, "/api/v1/needs/{id}/rating", h_need_rating_get, NULL, AUTH},
	{M_GET, "/api/v1/need-ratings", h_list, &res_need_ratings, AUTH},
	{M_GET, "/api/v1/stats/satisfaction", h_stats_satisfaction, NULL, AUTH},
	{M_GET, "/api/v1/surveys", h_surveys_list, &res_surveys, AUTH},
	{M_POST, "/api/v1/surveys", h_create, &res_surveys, AUTH},
	{M_GET, "/api/v1/surveys/{id}", h_get, &res_surveys, AUTH},
	{M_PATCH, "/api/v1/surveys/{id}", h_update, &res_surveys, AUTH},
	{M_POST, "/api/v1/surveys/{id}/open", h_survey_move, "open", AUTH},
	{M_POST, "/api/v1/surveys/{id}/close", h_survey_move, "closed", AUTH},
	{M_POST, "/api/v1/surveys/{id}/answers", h_survey_answer, NULL, AUTH},
	{M_GET, "/api/v1/surveys/{id}/results", h_survey_results, NULL, AUTH},
	/* certificates of service hours (handlers/certificates.c) */
	{M_POST, "/api/v1/volunteers/{id}/certificates", h_cert_issue, NULL, AUTH},
	{M_GET, "/api/v1/volunteers/{id}/certificates", h_cert_list, NULL, AUTH},
	{M_GET, "/api/v1/certificates/{code}", h_cert_public, NULL, PUBLIC},
	{M_GET, "/api/v1/certificates/{code}/pdf", h_cert_pdf, NULL, AUTH},
	/* issue 12: corrections, awards and evaluations */
	{M_POST, "/api/v1/service-records/{id}/corrections", h_correction_reason, &correction_ask, AUTH},
	{M_GET, "/api/v1/service-records/{id}/corrections", h_nested_list, &record_corrections, AUTH},
	{M_GET, "/api/v1/corrections", h_list, &res_corrections, AUTH},
	{M_GET, "/api/v1/corrections/{id}", h_get, &res_corrections, AUTH},
	{M_POST, "/api/v1/corrections/{id}/refuse", h_correction_reason, &correction_refuse, AUTH},
	{M_POST, "/api/v1/corrections/{id}/resolve", h_correction_resolve, NULL, AUTH},
	NO_UPDATE("volunteer-honors", res_volunteer_honors),
	{M_GET, "/api/v1/volunteers/{id}/honors", h_nested_list, &volunteer_honors, AUTH},
	/* issue 13: the signed-in user's own data (PIPL Art. 45) and password */
	{M_GET, "/api/v1/me/data", h_me_data, NULL, AUTH},
	{M_POST, "/api/v1/me/password", h_me_password, NULL, AUTH},
	/* issue 17: preferences and replies (handlers/replies.c) */
	{M_GET, "/api/v1/me/notify-prefs", h_notify_prefs_get, NULL, AUTH},
	{M_PUT, "/api/v1/me/notify-prefs", h_notify_prefs_put, NULL, AUTH},
	{M_POST, "/api/v1/sms/inbound", h_sms_inbound, NULL, PUBLIC},
	{M_POST, "/api/v1/callouts/reply/check", h_reply_check, NULL, PUBLIC},
	{M_POST, "/api/v1/callouts/reply", h_reply, NULL, PUBLIC},
	/* issue 14: funds, donations and the journal */
	CRUD("funds", res_funds),
	{M_GET, "/api/v1/funds/{id}/ledger", h_fund_ledger, NULL, AUTH},
	{M_GET, "/api/v1/funds/{id}/trial-balance", h_fund_trial, NULL, AUTH},
	{M_GET, "/api/v1/donations", h_list, &res_donations, AUTH},
	{M_POST, "/api/v1/donations", h_donation_create, NULL, AUTH},
	{M_GET, "/api/v1/donations/{id}", h_get, &res_donations, AUTH},
	{M_POST, "/api/v1/donations/{id}/void", h_donation_void, NULL, AUTH},
	{M_GET, "/api/v1/donations/{id}/receipt", h_donation_receipt, NULL, AUTH},
	{M_POST, "/api/v1/funds/{id}/semester-runs", h_run_propose, NULL, AUTH},
	{M_GET, "/api/v1/funds/{id}/semester-runs", h_nested_list, &fund_runs, AUTH},
	{M_GET, "/api/v1/semester-runs", h_list, &res_semester_runs, AUTH},
	{M_GET, "/api/v1/semester-runs/{id}", h_get, &res_semester_runs, AUTH},
	{M_POST, "/api/v1/semester-runs/{id}/approve", h_run_decide, NULL, AUTH},
	{M_POST, "/api/v1/semester-runs/{id}/pay", h_run_decide, "pay", AUTH},
	{M_GET, "/api/v1/donor-statement", h_donor_statement, NULL, AUTH},
	{M_GET, "/api/v1/donor-statements/{code}", h_donor_statement_public, NULL, PUBLIC},
	{M_GET, "/api/v1/disclosures", h_disclosures, NULL, PUBLIC},
	{M_POST, "/api/v1/people/{id}/relations", h_nested_create, &person_relations, AUTH},
	{M_GET, "/api/v1/people/{id}/relations", h_nested_list, &person_relations, AUTH},
	/* issue 16: service projects (service/projects.c) */
	CRUD("projects", res_projects),
	{M_GET, "/api/v1/projects/{id}/progress", h_project_progress, NULL, AUTH},
	{M_GET, "/api/v1/projects/{id}/activities", h_project_activities, NULL, AUTH},
	{M_GET, "/api/v1/projects/{id}/teams", h_project_teams, NULL, AUTH},
	{M_GET, "/api/v1/projects/{id}/report.pdf", h_project_report_pdf, NULL, AUTH},
	{M_GET, "/api/v1/projects/{id}/report.xlsx", h_project_report_xlsx, NULL, AUTH},
	{M_POST, "/api/v1/projects/{id}/evaluations", h_nested_create, &project_evaluations, AUTH},
	{M_GET, "/api/v1/projects/{id}/evaluations", h_nested_list, &project_evaluations, AUTH},
	{M_GET, "/api/v1/project-evaluations/{id}", h_get, &res_evaluations, AUTH},
	{M_POST, "/api/v1/projects/{id}/evaluators", h_nested_create, &project_evaluators, AUTH},
	{M_GET, "/api/v1/projects/{id}/evaluators", h_nested_list, &project_evaluators, AUTH},
	{M_GET, "/api/v1/project-evaluators/{id}", h_get, &res_project_evaluators, AUTH},
	{M_PATCH, "/api/v1/project-evaluators/{id}", h_update, &res_project_evaluators, AUTH},
	CRUD("project-indicators", res_indicators),
	{M_POST, "/api/v1/project-indicators/{id}/reports", h_nested_create, &indicator_reports, AUTH},
	{M_GET, "/api/v1/project-indicators/{id}/reports", h_nested_list, &indicator_reports, AUTH},
	{M_POST, "/api/v1/projects/{id}/expenses", h_nested_create, &project_expenses, AUTH},
	{M_GET, "/api/v1/projects/{id}/expenses", h_nested_list, &project_expenses, AUTH},
	{M_GET, "/api/v1/project-expenses/{id}", h_get, &res_project_expenses, AUTH},
	{M_POST, "/api/v1/project-expenses/{id}/void", h_project_expense_void, NULL, AUTH},
};

/* The longest text a named segment other than {id} may hold. */
#define SEG_MAX 64

static int match(const char *pattern, const char *path, int64_t *id, char seg[SEG_MAX + 1])
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p != '{') { /* the common case: one literal character */
			if (*p != *s)
				return 0;
			p++;
			s++;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			/* canonical decimal only: "01" or "+1" is not id 1 */
			size_t n = strspn(s, "0123456789");
			if (n == 0 || n > 15 || s[0] == '0' || (s[n] && s[n] != '/'))
				return 0;
			*id = strtoll(s, NULL, 10);
			p += 4;
			s += n;
			continue;
		}
		/* {code}, {date}: any one segment */
		size_t n = strcspn(s, "/");
		if (n == 0 || n > SEG_MAX)
			return 0;
		memcpy(seg, s, n);
		seg[n] = 0;
		p += strcspn(p, "}") + 1;
		s += n;
	}
	/* one trailing slash is forgiven */
	return *p == 0 && (*s == 0 || (s[0] == '/' && s[1] == 0 && s != path + 1));
}

static const char *bearer(struct req *r)
{
	const char *h = req_header(r, "Authorization");
	return h && strncmp(h, "Bearer ", 7) == 0 ? h + 7 : NULL;
}

/* 0 when the caller is signed in (x->who set), else replied. */
static int authenticate(struct req *r, struct ctx *x)
{
	const char *token = bearer(r);
	int via_cookie = 0;
	if (!token) {
		token = req_cookie(r, "ld_session");
		via_cookie = token != NULL;
	}
	if (!token || !*token) {
		reply_errc(r, ERR_UNAUTHORIZED, NULL, "sign in first: POST /api/v1/login");
		return -1;
	}
	struct principal *p;
	struct errinfo ei;
	if (auth_session(x, token, &p, &ei)) {
		reply_err(r, &ei);
		return -1;
	}
	p->via_cookie = via_cookie;
	if (via_cookie && r->method != M_GET) {
		const char *h = req_header(r, "X-CSRF-Token");
		if (!h || !crypto_streq(h, p->csrf)) {
			reply_errc(r, ERR_FORBIDDEN, "X-CSRF-Token", "a cookie session needs the X-CSRF-Token header");
			return -1;
		}
	}
	x->who = p;
	r->who = p;
	return 0;
}

/* The i-th route of the table, for `liandong routes`: 0 and its fields set,
 * or -1 past the end. */
int router_route(size_t i, enum http_method *method, const char **pattern, int *auth)
{
	if (i >= sizeof routes / sizeof *routes)
		return -1;
	*method = routes[i].method;
	*pattern = routes[i].pattern;
	*auth = routes[i].auth == AUTH;
	return 0;
}

size_t http_body_cap(const struct app *app, enum http_method m, const char *path)
{
	int64_t id;
	char seg[SEG_MAX + 1];
	if (m == M_POST && match("/api/v1/imports", path, &id, seg))
		return app->max_upload;
	return app->max_body;
}

int router_match(enum http_method m, const char *path, struct route_hit *hit)
{
	_Static_assert(sizeof hit->seg == SEG_MAX + 1, "route_hit.seg holds a segment");
	*hit = (struct route_hit){0};
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
		int64_t id = 0;
		char seg[SEG_MAX + 1] = "";
		if (!match(routes[i].pattern, path, &id, seg))
			continue;
		hit->path_known = 1;
		if (routes[i].method == m) {
			hit->fn = routes[i].fn;
			hit->arg = routes[i].arg;
			hit->auth = routes[i].auth == AUTH;
			hit->pattern = routes[i].pattern;
			hit->id = id;
			memcpy(hit->seg, seg, sizeof seg);
			return 1;
		}
	}
	return 0;
}

const char *router_template(enum http_method m, const char *path)
{
	if (strcmp(path, "/metrics") == 0)
		return "/metrics";
	if (strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0)
		return "web";
	struct route_hit hit;
	return router_match(m, path, &hit) ? hit.pattern : "unmatched";
}

const char *http_method_name(enum http_method m)
{
	static const char *const names[] = {
		[M_GET] = "GET", [M_HEAD] = "HEAD", [M_POST] = "POST", [M_PATCH] = "PATCH",
		[M_PUT] = "PUT", [M_DELETE] = "DELETE", [M_OTHER] = "OTHER",
	};
	return names[m];
}

void router_dispatch(struct req *r)
{
	/* the operator's metrics: not the web app's, not under the API's auth */
	if (strcmp(r->path, "/metrics") == 0) {
		r->route = "/metrics";
		metrics_serve(r);
		return;
	}
	/* Everything outside /api/ is the web app (static.c), needing no store. */
	if (strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/api") != 0) {
		r->route = "web";
		if (r->method == M_GET || r->method == M_HEAD) {
			static_serve(r);
		} else {
			resp_header(r, "Allow", "GET, HEAD");
			reply_errc(r, ERR_METHOD, NULL, NULL);
		}
		return;
	}
	struct route_hit hit;
	int found = router_match(r->method, r->path, &hit);
	resp_header(r, "Cache-Control", "no-store");
	r->route = found ? hit.pattern : "unmatched";
	if (!found) {
		reply_errc(r, hit.path_known ? ERR_METHOD : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	r->path_id = hit.id;
	r->path_seg = arena_strdup(&r->arena, hit.seg);
	struct ctx x;
	svc_ctx_begin(&x, r->app, &r->arena);
	/* a read sees one snapshot, the session's rows included */
	if (r->method == M_GET || r->method == M_HEAD)
		svc_read_snapshot(&x);
	if (!hit.auth || authenticate(r, &x) == 0)
		hit.fn(r, &x, hit.arg);
	svc_ctx_end(&x);
}
