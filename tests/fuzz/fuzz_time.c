/* fuzz_time.c - the time and date parsers (domain/timefmt.c) on any text.
 * Properties: an accepted time formats (China time) to text that parses
 * back to the same instant whenever its year has four digits; an accepted
 * date is a real one that prints back to the same text, and its midnight
 * agrees with date_start; a month added and taken away lands in the same
 * month; the day helpers stay in range. */
#include "fuzz.h"

#include "domain/idcard.h"
#include "domain/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	int64_t t;
	if (time_parse(s, &t) == 0) {
		char out[32];
		time_format(t, out);
		int64_t back;
		if (strlen(out) == 25 && strncmp(out, "0000", 4) != 0) {
			FUZZ_CHECK(time_parse(out, &back) == 0 && back == t);
			FUZZ_CHECK(local_day_start(t) <= t && t - local_day_start(t) < 86400);
			FUZZ_CHECK(day_weekday(local_day(t)) >= 0 && day_weekday(local_day(t)) <= 6);
			int ymd = today_ymd(t);
			FUZZ_CHECK(date_valid(ymd / 10000, ymd / 100 % 100, ymd % 100));
			int months = size ? (int)(data[0] % 49) - 24 : 1;
			int64_t moved = time_add_months(t, months);
			char mv[32];
			time_format(moved, mv);
			if (strlen(mv) == 25)
				FUZZ_CHECK(time_parse(mv, &back) == 0 && back == moved);
		}
	}
	int y, m, d;
	if (date_parse(s, &y, &m, &d) == 0) {
		FUZZ_CHECK(y >= 1 && y <= 9999 && date_valid(y, m, d));
		char out[16];
		snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
		FUZZ_CHECK(strcmp(out, s) == 0);
		int64_t start = date_start(s);
		FUZZ_CHECK(start == civil_start(y, (unsigned)m, (unsigned)d) && local_day_start(start) == start);
		FUZZ_CHECK(today_ymd(start) == y * 10000 + m * 100 + d);
	} else {
		FUZZ_CHECK(date_start(s) == -1);
	}
	free(s);
	return 0;
}
