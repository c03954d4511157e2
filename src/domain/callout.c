/* callout.c - the call-out rules of callout.h. */
#include "domain/callout.h"

#include <math.h>
#include <string.h>

const char *const callout_status_names[] = {"called", "accepted", "declined", "arrived", "stood_down", "expired",
					    NULL};
const char *const callout_answer_names[] = {"accept", "decline", "arrived", NULL};

const char *callout_status_name(enum callout_status s)
{
	return (unsigned)s < CO__COUNT ? callout_status_names[s] : NULL;
}

static int parse(const char *const *names, int n, const char *name, int *out)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0) {
			if (out)
				*out = i;
			return 0;
		}
	return -1;
}

int callout_status_parse(const char *name, enum callout_status *out)
{
	int v;
	if (parse(callout_status_names, CO__COUNT, name, &v))
		return -1;
	if (out)
		*out = (enum callout_status)v;
	return 0;
}

int callout_answer_parse(const char *name, enum callout_answer *out)
{
	int v;
	if (parse(callout_answer_names, CA__COUNT, name, &v))
		return -1;
	if (out)
		*out = (enum callout_answer)v;
	return 0;
}

int callout_quota(int remaining, double oversub)
{
	if (remaining <= 0)
		return 0;
	if (!(oversub >= CALLOUT_OVERSUB_MIN)) /* also NaN */
		oversub = CALLOUT_OVERSUB_MIN;
	if (oversub > CALLOUT_OVERSUB_MAX)
		oversub = CALLOUT_OVERSUB_MAX;
	/* 10 x 1.1 is 11.000000000000002 in binary: forgive the last bits so a
	 * product that is whole in decimal is not rounded up past it */
	double want = ceil((double)remaining * oversub - 1e-9);
	if (want < remaining)
		want = remaining;
	return want > CALLOUT_MAX_CALLED ? CALLOUT_MAX_CALLED : (int)want;
}

struct callout_step callout_plan(const struct callout_counts *c, double oversub, int64_t now, int64_t deadline,
				 enum callout_trigger why)
{
	struct callout_step s = {0, 0};
	int remaining = c->needed - c->accepted;
	if (remaining <= 0)
		return s;
	int due = deadline > 0 && now >= deadline;
	int quota = callout_quota(remaining, oversub);
	switch (why) {
	case CT_WIDEN:
		s.expire = c->pending > 0;
		s.call = quota;
		break;
	case CT_MOBILIZE:
		s.expire = due && c->pending > 0;
		s.call = quota - (s.expire ? 0 : c->pending);
		break;
	case CT_READ:
	case CT_DECLINE:
		if (due) {
			s.expire = c->pending > 0;
			s.call = quota;
		} else if (why == CT_DECLINE && c->pending < remaining) {
			/* even if every pending one accepted it would not be enough */
			s.call = quota - c->pending;
		}
		break;
	}
	if (s.call < 0)
		s.call = 0;
	return s;
}

int callout_stand_down(const struct callout_counts *c)
{
	return c->needed > 0 && c->accepted >= c->needed && c->pending > 0;
}

int callout_counts_accepted(enum callout_status s)
{
	return s == CO_ACCEPTED || s == CO_ARRIVED;
}

enum callout_ack callout_answer(enum callout_status from, enum callout_answer answer, int still_needed,
				enum callout_status *to)
{
	enum callout_status t = from;
	enum callout_ack r = ACK_INVALID;
	switch (from) {
	case CO_CALLED:
		r = ACK_APPLY;
		t = answer == CA_ACCEPT ? CO_ACCEPTED : answer == CA_DECLINE ? CO_DECLINED : CO_ARRIVED;
		break;
	case CO_ACCEPTED:
		if (answer == CA_ACCEPT)
			r = ACK_SAME;
		else
			r = ACK_APPLY, t = answer == CA_ARRIVED ? CO_ARRIVED : CO_DECLINED;
		break;
	case CO_ARRIVED:
		/* there already: accepting again says nothing new; leaving is
		 * not a decline */
		r = answer == CA_DECLINE ? ACK_INVALID : ACK_SAME;
		break;
	case CO_DECLINED:
		r = answer == CA_DECLINE ? ACK_SAME : ACK_INVALID;
		break;
	case CO_STOOD_DOWN:
	case CO_EXPIRED:
		if (answer == CA_DECLINE)
			r = ACK_SAME; /* nothing to undo */
		else if (still_needed)
			r = ACK_APPLY, t = answer == CA_ACCEPT ? CO_ACCEPTED : CO_ARRIVED;
		else
			r = ACK_LATE;
		break;
	case CO__COUNT:
		break;
	}
	if (to && (r == ACK_APPLY || r == ACK_SAME))
		*to = t;
	return r;
}
