/* workforce.c - see workforce.h. */
#include "domain/workforce.h"

#include <stdio.h>

#include "domain/timefmt.h"

const int retention_months[RETENTION_NWINDOWS] = {3, 6, 12, 24};

int64_t quarter_start(int64_t t)
{
	int ymd = today_ymd(t), m = ymd / 100 % 100;
	return civil_start(ymd / 10000, (unsigned)((m - 1) / 3 * 3 + 1), 1);
}

void quarter_label(int64_t q, char out[12])
{
	int ymd = today_ymd(q);
	snprintf(out, 12, "%04dQ%d", ymd / 10000 % 10000, (ymd / 100 % 100 - 1) / 3 % 4 + 1);
}

void retention_window(int64_t q, int k, int64_t *from, int64_t *to)
{
	/* the quarter ends 3 months after q */
	*from = time_add_months(q, k);
	*to = time_add_months(q, k + 3);
}

int64_t inactive_cutoff(int64_t now, int months)
{
	return time_add_months(now, -months);
}
