/* records.c - the attendance window, served minutes and who may verify a
 * record (records.h). */
#include <stddef.h>

#include "domain/records.h"

static struct verdict ok(void)
{
	return (struct verdict){1, NULL, NULL};
}

static struct verdict no(const char *field, const char *message)
{
	return (struct verdict){0, field, message};
}

struct verdict checkin_window(const struct window *w, int64_t now)
{
	if (now < w->starts_at - w->lead)
		return no("check_in", "too early: check-in opens a set time before the shift starts");
	if (now > w->ends_at)
		return no("check_in", "too late: the shift has ended; ask the organisers to record it");
	return ok();
}

struct verdict checkout_window(const struct window *w, int64_t now)
{
	if (now > w->ends_at + w->grace)
		return no("check_out", "too late: check-out closes a set time after the shift ends; ask the organisers to record it");
	return ok();
}

int attendance_outside_window(const struct window *w, int64_t in, int in_manual, int64_t out, int out_manual)
{
	return (in_manual && !checkin_window(w, in).ok) || (out_manual && !checkout_window(w, out).ok);
}

int64_t served_minutes(const struct window *w, int64_t in, int64_t out)
{
	int64_t secs = out > in ? out - in : 0, len = w->ends_at - w->starts_at;
	if (len > 0 && secs > len)
		secs = len;
	return (secs + 30) / 60;
}

struct verdict verify_allowed(int64_t caller_person, int64_t caller_user, int64_t volunteer_person, int manual,
			      int64_t recorder_user)
{
	if (caller_person && caller_person == volunteer_person)
		return no("volunteer_id", "you cannot verify your own service");
	if (manual && caller_user && caller_user == recorder_user)
		return no("recorder_user_id",
			  "a record made by hand is verified by someone other than its recorder");
	return ok();
}

struct verdict verify_minutes(int64_t minutes, int64_t span_minutes, int64_t want, const char *reason,
			      int64_t *out, int *extended)
{
	*out = minutes;
	*extended = 0;
	if (want < 0 || want == minutes)
		return ok();
	if (want < minutes)
		return no("hours", "verifying cannot lower the hours; void the record and record it again");
	if (want > span_minutes)
		return no("hours", "hours cannot exceed the time between starts_at and ends_at");
	if (!reason || !*reason)
		return no("reason", "more hours than recorded need a reason");
	*out = want;
	*extended = 1;
	return ok();
}
