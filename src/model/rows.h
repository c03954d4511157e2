/* rows.h - the rows of the store's particular reads that travel up to the
 * handlers: plain structs, not entities (no descriptor, no codec).
 *
 * The store fills them (store/service_store.h, store/match_store.h,
 * store/stats_store.h), services pass them on, handlers encode them; they
 * live here, below the store, so a service header can name them without
 * showing the store to its callers. Strings belong to the arena of the read
 * that filled them. */
#ifndef LD_MODEL_ROWS_H
#define LD_MODEL_ROWS_H

#include <stdint.h>

/* ---- the hours ledger (store/service_store.h) ---- */
/* Verified minutes of one volunteer in one year. */
struct year_minutes {
	int year;
	int64_t minutes;
};

/* A volunteer on the recognition list. */
struct ranked {
	int64_t volunteer_id, person_id, org_id, minutes;
	const char *name, *volunteer_no;
};

/* One of a volunteer's coming shifts. */
struct upcoming {
	int64_t signup_id, shift_id, activity_id, starts_at, ends_at;
	const char *title, *place;
};

/* ---- matching (store/match_store.h) ---- */
/* A volunteer as the rules see it; text fields are as stored (dates
 * "YYYY-MM-DD", lists as JSON text), NULL when unset. */
struct vol_facts {
	int64_t volunteer_id, person_id, org_id;
	const char *name, *volunteer_no, *stage;
	const char *birth_date, *insured_until, *background_check;
	int guardian_consent;
	int has_home;
	double lat, lon;
	const char *skills, *availability, *preferred_modes;
	double max_weekly_hours, max_distance_km;	/* 0 = none */
};

/* ---- statistics (store/stats_store.h) ---- */
#define STATS_MONTHS 12

struct stat_count {
	const char *key;	/* a stage or a status */
	int64_t n;
};

struct district_stat {
	int64_t region_id;
	const char *name;
	int64_t social_workers, volunteers_registered;
};

/* A social worker or an org against the 1:N target (issue 15): its social
 * workers (1 for a worker) and the registered volunteers it leads (a
 * worker: those naming it lead_social_worker_id; an org: those of its
 * subtree). */
struct ratio_row {
	int64_t id;
	const char *name;
	int64_t org_id;
	int64_t social_workers, volunteers;
};

/* A social worker with the supervision received and given in a period. */
struct supervision_hours_row {
	int64_t social_worker_id;
	const char *name;
	int64_t org_id;
	const char *qualification;
	int64_t supervisor_id; /* 0 = none */
	double hours_received;
	int64_t sessions_received;
	double hours_given;
	int64_t sessions_given;
};
struct stats_overview {
	int64_t stations, rooms, agencies, volunteer_orgs;
	int64_t social_workers, certified_social_workers;	/* distinct people */
	int64_t minutes;					/* verified, all time */
	/* month_start[i] .. month_start[i + 1] (China time), oldest first */
	int64_t month_start[STATS_MONTHS + 1];
	int64_t month_minutes[STATS_MONTHS];
	struct stat_count *stages;	/* distinct people per volunteer stage */
	int nstages;
	struct stat_count *needs;	/* needs per status */
	int nneeds;
	struct district_stat *districts;	/* districts with anyone counted, by id */
	int ndistricts;
	/* derived by the service: people at stage registered, and those per
	 * social worker (-1 without social workers) */
	int64_t volunteers_registered;
	double sw_volunteer_ratio;
};

/* ---- the city data screen (GET /api/v1/stats/screen, issue 18) ---- */
/* A region with its subtree's figures: the overview's counts (without its
 * needs and districts) and the people served, once each. */
struct screen_area {
	int64_t region_id;
	const char *name, *level;
	struct stats_overview s;
	int64_t people_served;
};
/* Verified service by the mode of its activity (mode "" for records made
 * without one): activities with such service, minutes, distinct people. */
struct screen_mode {
	const char *mode;
	int64_t activities, minutes, volunteers;
};
struct stats_screen {
	struct screen_area area;	/* the region asked */
	struct screen_area *children;	/* each child region, by id */
	int nchildren;
	/* over the overview's months (area.s.month_start) */
	int64_t month_served[STATS_MONTHS], month_new_volunteers[STATS_MONTHS];
	struct screen_mode *modes;	/* most minutes first */
	int nmodes;
};

/* ---- workforce analytics (store/stats_store.h, issue 15) ---- */
/* A registered volunteer below the yearly norm. */
struct below_norm_row {
	int64_t volunteer_id;
	const char *name, *volunteer_no;
	int64_t minutes;	/* verified in the year asked */
	int64_t last_service_at;	/* start of the latest verified record, any year; 0: none */
};

/* A page of them, by volunteer id, with the totals of the whole scope. */
struct below_norm_page {
	struct below_norm_row *items;
	int n, more;			/* more: a next page exists */
	int64_t registered, below;	/* registered volunteers, those below */
	int year;			/* the year counted */
};

#define STATS_RETENTION_WINDOWS 4	/* = RETENTION_NWINDOWS, domain/workforce.h */

/* The volunteers who first reached registered in one quarter. */
struct retention_cohort {
	int64_t quarter;	/* its start, China time */
	int64_t registered;	/* how many */
	int64_t inactive, withdrawn;	/* of them, at that stage now */
	/* of them, with verified service in each window; -1: the window
	 * has not ended yet */
	int64_t retained[STATS_RETENTION_WINDOWS];
};

/* A day of the holiday calendar (store_calendar_range): its date as
 * YYYYMMDD, "holiday" or "workday", and its name. */
struct calendar_row {
	int ymd;
	const char *kind;
	const char *name;
};

/* A record not yet verified, on the overdue list (store_records_due). */
struct due_record {
	int64_t id, volunteer_id, org_id, activity_id;	/* activity_id 0 = none */
	int64_t starts_at, ends_at, due_at;
	const char *volunteer_name, *org_name, *content;
	const char *state;	/* by the service: "due_soon" or "overdue" */
};

/* ---- the funds' journal (store/fund_store.h, issue 14) ---- */
struct journal_line {
	const char *account;	/* domain/funds.h: "cash", "restricted_net_assets", ... */
	int64_t debit_fen, credit_fen;
};

struct journal_entry {
	int64_t id, fund_id;
	const char *kind;	/* donation, donation_void, ... */
	const char *memo;
	const char *ref_entity;	/* "donations", or NULL */
	int64_t ref_id;
	int64_t reverses_id;	/* the entry this one reverses, or 0 */
	int64_t amount_fen;	/* the sum of the debits (= of the credits) */
	int64_t created_by_user_id, created_at;
	struct journal_line *lines;
	int nlines;
};

/* One account's totals. */
struct account_total {
	const char *account;
	int64_t debit_fen, credit_fen;
};

/* ---- donor statements and public disclosure (store/fund_store.h) ---- */
/* A directed gift's payment: the run's semester and status, the amount. */
struct gift_payment {
	const char *semester, *status;
	int64_t amount_fen;
};
/* A fund's semester run in brief. */
struct fund_run_summary {
	const char *semester, *status;
	int64_t total_fen, students;
};
/* Gifts of one channel over a period. */
struct channel_total {
	const char *channel;
	int64_t gifts, amount_fen, anonymous;
};
/* Students aided over a period, of one school stage. */
struct stage_total {
	const char *stage;
	int64_t students, amount_fen;
};

/* ---- the outbox's senders (store/outbox_store.h, issue 17) ---- */
/* A queued message a sender claimed: what to send and to whom (the phone
 * still sealed; the e-mail address of its person, or of its user's). */
struct outbox_item {
	int64_t id, priority;
	int attempts;
	const char *channel, *subject, *body, *phone_enc, *email;
};
/* A row of the admins' outbox list; `to` is filled by the service (the
 * phone masked, or the e-mail address). */
struct outbox_row {
	int64_t id, person_id, user_id, ref_id, priority, created_at, next_at, sent_at;
	int attempts;
	const char *channel, *kind, *subject, *status, *last_error, *ref_entity, *phone_enc, *email, *to;
};

#endif
