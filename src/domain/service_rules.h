/* service_rules.h - pure rules of service delivery.
 *
 * Times are unix seconds; "local" means China Standard Time (UTC+8), where
 * the rules about nights and weeks are read (working days, with the
 * holiday calendar, are in domain/workdays.h). */
#ifndef LD_DOMAIN_SERVICE_RULES_H
#define LD_DOMAIN_SERVICE_RULES_H

#include <stdint.h>

/* The five service modes and the default roles they give, as set out in
 * 《“社工+志愿者”联动机制建设的思考与对策》 (by an assistant researcher of
 * the Ministry of Civil Affairs' policy research centre). */
struct mode_roles {
	const char *mode;		/* API name */
	const char *social_worker;	/* supervises | practises | organises | assesses | promotes */
	const char *volunteer;		/* practises | assists | implements | participates | spreads */
};
/* The roles of `mode`, or NULL if unknown. */
const struct mode_roles *mode_roles(const char *mode);

/* 1 if [a0, a1) and [b0, b1) share any time. */
int intervals_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1);

/* 1 if any part of [start, end) falls in the night, 22:00-06:00 local: a
 * minor may not be placed on such a shift (志愿服务条例: no night work). */
int shift_is_night(int64_t start, int64_t end);

/* The Monday 00:00 local that starts the week holding t. */
int64_t week_start_of(int64_t t);
/* Whole minutes of [start, end) inside the local week starting at
 * week_start (a Monday 00:00 local). */
int64_t minutes_in_week(int64_t start, int64_t end, int64_t week_start);

/* Star level for verified minutes, given the five thresholds in hours
 * (ascending; default 100, 300, 600, 1000, 1500): 0 to 5. */
int stars_for_minutes(int64_t minutes, const int thresholds_hours[5]);

/* Default star thresholds (hours). */
extern const int stars_default_hours[5];

/* Hours shown for exact minutes: rounded to two decimals. */
double minutes_to_hours(int64_t minutes);

/* 社工带动义工: a healthy linkage has about ten registered volunteers per
 * social worker (docs/PRODUCT.md, "Why it exists"); the dashboard draws each
 * district against it. */
#define SW_VOLUNTEER_TARGET 10
/* Registered volunteers per social worker; -1 when there is no social worker
 * (no ratio to state). */
double sw_volunteer_ratio(int64_t volunteers_registered, int64_t social_workers);

#endif
