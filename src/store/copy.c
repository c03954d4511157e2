/* copy.c - `liandong migrate-store`: every row of every table from one store
 * into another (SQLite into PostgreSQL when a deployment outgrows one
 * machine), ids, audit and encrypted fields unchanged, in one transaction on
 * the target so that a failed copy leaves it empty.
 *
 * Tables go in an order where every reference points at a table already
 * copied; a column that references its own table (a parent, a supervisor) is
 * written NULL first and set once the whole table is in. A table whose rows
 * a migration ships (the holiday calendar) is replaced whole: the target's
 * shipped rows go, the source's, edits included, come in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct copy_spec {
	const char *table;
	const char *key;	/* keyset pagination column; NULL: a table with
				 * no key (anonymous survey answers), paged by
				 * OFFSET over every column's order, equal rows
				 * being interchangeable */
	int key_is_text;
	const char *cols;	/* NULL: "id" and the entity's stored columns */
	int entity;		/* entity_id, or -1 */
	const char *self_ref;	/* column referencing the same table, or NULL */
};

/* The tables whose rows a migration inserts: the target's are replaced. */
static const char *const shipped[] = {"calendar_days", NULL};

static int is_shipped(const char *table)
{
	for (int i = 0; shipped[i]; i++)
		if (strcmp(shipped[i], table) == 0)
			return 1;
	return 0;
}

static const struct copy_spec specs[] = {
	{"regions", "id", 0, NULL, E_REGION, "parent_id"},
	{"orgs", "id", 0, NULL, E_ORG, "parent_id"},
	{"org_links", "id", 0, NULL, E_ORG_LINK, NULL},
	{"people", "id", 0, NULL, E_PERSON, NULL},
	{"social_workers", "id", 0, NULL, E_SOCIAL_WORKER, "supervisor_id"},
	{"volunteers", "id", 0, NULL, E_VOLUNTEER, NULL},
	{"volunteer_stage_events", "id", 0, NULL, E_STAGE_EVENT, NULL},
	{"users", "id", 0, NULL, E_USER, NULL},
	{"audit", "id", 0, NULL, E_AUDIT, NULL},
	{"service_menu", "id", 0, NULL, E_SERVICE_MENU, NULL},
	{"needs", "id", 0, NULL, E_NEED, NULL},
	{"need_events", "id", 0, NULL, E_NEED_EVENT, NULL},
	{"clients", "id", 0, NULL, E_CLIENT, NULL},
	{"client_stage_events", "id", 0, NULL, E_CLIENT_STAGE_EVENT, NULL},
	{"mandatory_reports", "id", 0, NULL, E_MANDATORY_REPORT, NULL},
	{"case_notes", "id", 0, NULL, E_CASE_NOTE, NULL},
	{"user_roles", "id", 0, "id, user_id, role, org_id, region_id", -1, NULL},
	{"sessions", "token_hash", 1, "token_hash, user_id, csrf, created_at, expires_at", -1, NULL},
	{"login_failures", "id", 0, "id, username, at, addr", -1, NULL},
	{"counters", "name", 1, "name, value", -1, NULL},
	/* 002_service.sql */
	{"courses", "id", 0, NULL, E_COURSE, NULL},
	{"course_sessions", "id", 0, NULL, E_COURSE_SESSION, NULL},
	{"session_attendance", "id", 0, NULL, E_SESSION_ATTENDANCE, NULL},
	{"course_completions", "id", 0, NULL, E_COMPLETION, NULL},
	{"activities", "id", 0, NULL, E_ACTIVITY, NULL},
	{"activity_orgs", "id", 0, "id, activity_id, org_id", -1, NULL},
	{"positions", "id", 0, NULL, E_POSITION, NULL},
	{"shifts", "id", 0, NULL, E_SHIFT, NULL},
	{"signups", "id", 0, NULL, E_SIGNUP, NULL},
	{"attendance", "id", 0, NULL, E_ATTENDANCE, NULL},
	{"service_records", "id", 0, NULL, E_SERVICE_RECORD, "replaces_id"},
	{"volunteer_hours", "id", 0, "id, volunteer_id, year, minutes", -1, NULL},
	{"idempotency", "id", 0, "id, user_id, idem_key, route, status, body, created_at", -1, NULL},
	{"secrets", "name", 1, "name, value", -1, NULL},
	/* 004_plans.sql (after 003's clients) */
	{"plans", "id", 0, NULL, E_PLAN, NULL},
	{"plan_tasks", "id", 0, NULL, E_PLAN_TASK, NULL},
	{"notifications", "id", 0, NULL, E_NOTIFICATION, NULL},
	/* 005_matching.sql */
	{"match_proposals", "id", 0, NULL, E_MATCH_PROPOSAL, NULL},
	{"match_items", "id", 0, NULL, E_MATCH_ITEM, NULL},
	{"invitations", "id", 0, NULL, E_INVITATION, NULL},
	/* 006_emergency.sql */
	{"emergencies", "id", 0, NULL, E_EMERGENCY, NULL},
	{"callouts", "id", 0, NULL, E_CALLOUT, NULL},
	{"emergency_events", "id", 0, NULL, E_EMERGENCY_EVENT, NULL},
	{"emergency_reports", "id", 0, NULL, E_EMERGENCY_REPORT, NULL},
	{"skills", "id", 0, "id, name", -1, NULL},
	{"geo_changes", "id", 0, "id, seq, person_id, volunteer_id, at", -1, NULL},
	/* 008_imports.sql */
	{"imports", "id", 0, NULL, E_IMPORT, NULL},
	/* 009_calendar.sql */
	{"calendar_days", "date", 0, "date, kind, name", -1, NULL},
	/* 011_certificates.sql */
	{"certificates", "id", 0, NULL, E_CERTIFICATE, NULL},
	{"certificate_records", "id", 0, "id, certificate_id, record_id, org_name", -1, NULL},
	/* 010_records.sql */
	{"record_corrections", "id", 0, NULL, E_RECORD_CORRECTION, NULL},
	{"volunteer_honors", "id", 0, NULL, E_VOLUNTEER_HONOR, NULL},
	/* 013_key_rotation.sql */
	{"key_state", "id", 0, "id, key_id, prev_key_id, started_at, finished_at, tbl, after_id", -1, NULL},
	/* 014_funds.sql */
	{"funds", "id", 0, NULL, E_FUND, NULL},
	{"person_relations", "id", 0, NULL, E_PERSON_RELATION, NULL},
	{"donations", "id", 0, NULL, E_DONATION, NULL},
	{"semester_runs", "id", 0, NULL, E_SEMESTER_RUN, NULL},
	{"semester_run_items", "id", 0, "id, run_id, client_id, amount_fen, source, donation_id", -1, NULL},
	{"semester_payees", "id", 0, "id, client_id, semester, run_id", -1, NULL},
	{"journal_entries", "id", 0, "id, fund_id, kind, memo, ref_entity, ref_id, reverses_id, amount_fen, created_by_user_id, created_at", -1, NULL},
	{"journal_lines", "id", 0, "id, entry_id, fund_id, account, debit_fen, credit_fen", -1, NULL},
	/* the linkage (016) */
	{"qualification_rules", "work", 1, "work, min_qualification, updated_at, updated_by_user_id", -1, NULL},
	{"supervision_sessions", "id", 0, NULL, E_SUPERVISION_SESSION, NULL},
	{"supervision_attendees", "id", 0, "id, session_id, social_worker_id", -1, NULL},
	/* 017_councils.sql (after needs and activities, which point back
	 * without a foreign key) */
	{"councils", "id", 0, NULL, E_COUNCIL, NULL},
	{"council_members", "id", 0, NULL, E_COUNCIL_MEMBER, NULL},
	{"council_meetings", "id", 0, NULL, E_COUNCIL_MEETING, NULL},
	{"council_issues", "id", 0, NULL, E_COUNCIL_ISSUE, NULL},
	{"resolutions", "id", 0, NULL, E_RESOLUTION, NULL},
	/* 018_voice.sql: who was sent a survey and who answered have a key of
	 * two columns, the answers none at all (anonymity) */
	{"shift_feedback", "id", 0, NULL, E_SHIFT_FEEDBACK, NULL},
	{"need_ratings", "id", 0, NULL, E_NEED_RATING, NULL},
	{"surveys", "id", 0, NULL, E_SURVEY, NULL},
	{"survey_recipients", NULL, 0, "survey_id, person_id", -1, NULL},
	{"survey_respondents", NULL, 0, "survey_id, person_id", -1, NULL},
	{"survey_answers", NULL, 0, "survey_id, question_key, choice, scale, text_value, person_id", -1, NULL},
	/* 020_projects.sql (after funds, and after the activities, needs,
	 * plans and emergencies that name a project without a foreign key) */
	{"projects", "id", 0, NULL, E_PROJECT, NULL},
	{"project_orgs", "id", 0, "id, project_id, org_id", -1, NULL},
	{"project_indicators", "id", 0, NULL, E_INDICATOR, NULL},
	{"indicator_reports", "id", 0, NULL, E_INDICATOR_REPORT, NULL},
	{"project_evaluators", "id", 0, NULL, E_PROJECT_EVALUATOR, NULL},
	{"project_evaluations", "id", 0, NULL, E_EVALUATION, NULL},
	{"project_expenses", "id", 0, NULL, E_PROJECT_EXPENSE, NULL},
};

#define NSPECS ((int)(sizeof specs / sizeof *specs))
#define BATCH 500

static char *spec_cols(const struct copy_spec *sp)
{
	struct sb b = {0};
	if (sp->cols) {
		sb_add(&b, sp->cols);
		return b.p;
	}
	const struct entity *e = entities[sp->entity];
	sb_add(&b, "id");
	for (int i = 0; i < e->nfields; i++)
		if (field_stored(&e->fields[i]))
			sb_addf(&b, ", %s", field_col(&e->fields[i]));
	return b.p;
}

static int count_cols(const char *cols)
{
	int n = 1;
	for (const char *p = cols; *p; p++)
		n += *p == ',';
	return n;
}

/* Index of column `name` in the comma-separated list, or -1. */
static int col_index(const char *cols, const char *name)
{
	int i = 0;
	size_t n = strlen(name);
	for (const char *p = cols;; i++) {
		while (*p == ' ')
			p++;
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == 0))
			return i;
		p = strchr(p, ',');
		if (!p)
			return -1;
		p++;
	}
}

struct pending {
	int64_t id, ref;
};

static enum err copy_table(struct store_conn *src, struct store_conn *dst, int k, int64_t *copied,
			   struct errinfo *ei)
{
	const struct copy_spec *sp = &specs[k];
	char *cols = spec_cols(sp);
	int ncols = count_cols(cols), self = sp->self_ref ? col_index(cols, sp->self_ref) : -1;
	struct sb sel = {0}, ins = {0}, upd = {0};
	if (sp->key)
		sb_addf(&sel, "SELECT %s FROM %s WHERE %s > ?1 ORDER BY %s LIMIT %d", cols, sp->table, sp->key, sp->key,
			BATCH);
	else
		sb_addf(&sel, "SELECT %s FROM %s ORDER BY %s LIMIT %d OFFSET ?1", cols, sp->table, cols, BATCH);
	sb_addf(&ins, "INSERT INTO %s (%s) VALUES (", sp->table, cols);
	for (int i = 0; i < ncols; i++)
		sb_addf(&ins, "%s?%d", i ? ", " : "", i + 1);
	sb_add(&ins, ")");
	if (sp->self_ref)
		sb_addf(&upd, "UPDATE %s SET %s = ?1 WHERE id = ?2", sp->table, sp->self_ref);
	/* built for this call, so they get slots of their own: a copy runs
	 * once in a process (migrate-store) */
	struct stmt q_sel = STMT(sel.p), q_ins = STMT(ins.p), q_upd = STMT(upd.p);
	struct sb del = {0};
	sb_addf(&del, "DELETE FROM %s", sp->table);
	struct stmt q_del = STMT(del.p);

	struct pending *later = NULL;
	size_t nlater = 0, caplater = 0;
	struct sval after = sp->key_is_text ? P_text("") : P_int(0);
	char *after_text = NULL;	/* owns the text key between batches */
	enum err e = is_shipped(sp->table) ? store_run(dst, &q_del, NULL, 0, NULL, 0, NULL, ei) : ERR_OK;
	*copied = 0;
	for (; !e;) {
		struct arena a = ARENA_INIT;
		struct srows rows = {0};
		if ((e = store_run(src, &q_sel, &after, 1, &rows, BATCH, &a, ei))) {
			arena_release(&a);
			break;
		}
		for (int r = 0; r < rows.nrows && !e; r++) {
			struct sval *row = rows.v + (size_t)r * (size_t)rows.ncols;
			if (self >= 0 && row[self].t != SV_NULL) {
				if (nlater == caplater) {
					caplater = caplater ? caplater * 2 : 256;
					later = xrealloc(later, sizeof *later * caplater);
				}
				later[nlater++] = (struct pending){sv_int(&row[0]), sv_int(&row[self])};
				row[self] = P_null(SV_INT);
			}
			e = store_run(dst, &q_ins, row, ncols, NULL, 0, NULL, ei);
		}
		if (!e && rows.nrows && !sp->key) {
			after = P_int(*copied + rows.nrows);
		} else if (!e && rows.nrows) {
			struct sval *last = rows.v + (size_t)(rows.nrows - 1) * (size_t)rows.ncols;
			if (sp->key_is_text) {
				free(after_text);
				after_text = xstrdup(sv_text(&last[0], &a));
				after = P_text(after_text);
			} else {
				after = P_int(sv_int(&last[0]));
			}
		}
		*copied += rows.nrows;
		int done = rows.nrows < BATCH;
		arena_release(&a);
		if (e || done)
			break;
	}
	for (size_t i = 0; i < nlater && !e; i++) {
		struct sval p[2] = {P_int(later[i].ref), P_int(later[i].id)};
		e = store_run(dst, &q_upd, p, 2, NULL, 0, NULL, ei);
	}
	if (!e && dst->s->ops->reset_id && sp->key && strcmp(sp->key, "id") == 0) {
		struct sb rs = {0};
		struct srows rows = {0};
		struct arena a = ARENA_INIT;
		sb_addf(&rs, dst->s->ops->reset_id, sp->table, sp->table);
		struct stmt q_reset = STMT(rs.p);
		e = store_run(dst, &q_reset, NULL, 0, &rows, 1, &a, ei);
		arena_release(&a);
		free(rs.p);
	}
	free(later);
	free(after_text);
	free(sel.p);
	free(del.p);
	free(ins.p);
	free(upd.p);
	free(cols);
	return e;
}

enum err store_copy(struct store *from, struct store *to,
		    void (*progress)(const char *table, int64_t rows, void *arg), void *arg, struct errinfo *ei)
{
	struct store_conn *src = store_acquire(from), *dst = store_acquire(to);
	enum err e = ERR_OK;
	for (int k = 0; k < E__COUNT && !e; k++) {
		int64_t n = 0;
		if ((e = store_count(dst, (enum entity_id)k, &n)))
			err_set(ei, e, NULL, NULL);
		else if (n)
			e = err_setf(ei, ERR_CONFLICT, NULL, "the target database is not empty (%s has %lld rows)",
				     entities[k]->table, (long long)n);
	}
	if (!e && (e = store_begin(src, 0)))
		err_set(ei, e, NULL, "cannot read the source");
	if (!e) {
		if ((e = store_begin(dst, 1))) {
			err_set(ei, e, NULL, "cannot write the target");
		} else {
			for (int k = 0; k < NSPECS && !e; k++) {
				int64_t rows = 0;
				e = copy_table(src, dst, k, &rows, ei);
				if (!e && progress)
					progress(specs[k].table, rows, arg);
			}
			if (!e && (e = store_commit(dst)))
				err_set(ei, e, NULL, "cannot commit the copy");
			if (e)
				store_rollback(dst);
		}
		store_rollback(src);
	}
	store_release(src);
	store_release(dst);
	return e;
}
