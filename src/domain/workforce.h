/* workforce.h - the figures of volunteer turnover (SPEC 3.3): the yearly
 * norm of the registered-volunteer rules, when a registered volunteer
 * without service becomes inactive, and the quarterly cohorts and windows
 * of retention. Pure: times are unix seconds, calendars in China time
 * (domain/timefmt.h). */
#ifndef LD_DOMAIN_WORKFORCE_H
#define LD_DOMAIN_WORKFORCE_H

#include <stdint.h>

/* 中国注册志愿者管理办法: a registered volunteer serves at least 20 hours
 * a year. */
#define VOLUNTEER_NORM_HOURS 20
/* Months without verified service after which a registered volunteer is
 * moved to inactive (serve --inactive-after-months; 0 turns it off). */
#define INACTIVE_AFTER_MONTHS_DEFAULT 12
#define INACTIVE_AFTER_MONTHS_MAX 120
/* How often a server sweeps (serve --inactive-sweep-interval, seconds). */
#define INACTIVE_SWEEP_SECS_DEFAULT 3600
/* The note of the stage moves the system makes. */
#define INACTIVE_NOTE "system: no verified service for the configured months"
#define RETURN_NOTE "system: verified service again"

/* The years the statistics take. */
#define STATS_YEAR_MIN 2000
#define STATS_YEAR_MAX 2100

/* The months after its cohort at which retention is counted. */
#define RETENTION_NWINDOWS 4
extern const int retention_months[RETENTION_NWINDOWS];	/* 3, 6, 12, 24 */
/* Cohorts reported at the most: the latest ten years' quarters. */
#define RETENTION_COHORTS_MAX 40

/* The local midnight starting the calendar quarter of t. */
int64_t quarter_start(int64_t t);
/* "2026Q1" for the quarter starting at q (quarter_start's value); out
 * needs 12 bytes. */
void quarter_label(int64_t q, char out[12]);

/* The window of retention at k months for the cohort of quarter q: service
 * starting in [end + (k - 3) months, end + k months), end the local
 * midnight after the quarter. */
void retention_window(int64_t q, int k, int64_t *from, int64_t *to);

/* The earliest service start that keeps a registered volunteer from going
 * inactive at `now` after `months` months. */
int64_t inactive_cutoff(int64_t now, int months);

#endif
