/* reply.c - the reply rules of reply.h. */
#include "domain/reply.h"

#include <string.h>

/* Skip ASCII white space and U+3000 at either end of s[*b..*e). */
static void trim(const char *s, size_t *b, size_t *e)
{
	for (;;) {
		if (*b < *e && (s[*b] == ' ' || (s[*b] >= '\t' && s[*b] <= '\r'))) {
			(*b)++;
		} else if (*e - *b >= 3 && memcmp(s + *b, "\xe3\x80\x80", 3) == 0) {
			*b += 3;
		} else if (*b < *e && (s[*e - 1] == ' ' || (s[*e - 1] >= '\t' && s[*e - 1] <= '\r'))) {
			(*e)--;
		} else if (*e - *b >= 3 && memcmp(s + *e - 3, "\xe3\x80\x80", 3) == 0) {
			*e -= 3;
		} else {
			return;
		}
	}
}

static const char *const accept_words[] = {"1", "Y", "y", "\xe6\x98\xaf" /* 是 */, "\xef\xbc\x91" /* １ */, NULL};
static const char *const decline_words[] = {"2", "N", "n", "\xe5\x90\xa6" /* 否 */, "\xef\xbc\x92" /* ２ */, NULL};

static int among(const char *const *words, const char *s, size_t n)
{
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return 1;
	return 0;
}

enum reply_word reply_word_parse(const char *s, size_t len)
{
	size_t b = 0, e = len;
	if (!s)
		return RW_UNKNOWN;
	trim(s, &b, &e);
	if (among(accept_words, s + b, e - b))
		return RW_ACCEPT;
	if (among(decline_words, s + b, e - b))
		return RW_DECLINE;
	return RW_UNKNOWN;
}

int64_t quiet_until(int64_t now, int start, int end)
{
	if (start == end || start < 0 || end < 0 || start > QUIET_MINUTES_MAX || end > QUIET_MINUTES_MAX)
		return 0;
	int64_t local = now + CHINA_UTC_OFFSET;
	int64_t day = local - ((local % 86400) + 86400) % 86400; /* local midnight, as local seconds */
	int m = (int)((local - day) / 60);
	int64_t end_today = day + (int64_t)end * 60 - CHINA_UTC_OFFSET;
	if (start < end)
		return m >= start && m < end ? end_today : 0;
	/* wraps midnight: quiet from start to 24:00 and from 0:00 to end */
	if (m >= start)
		return end_today + 86400;
	return m < end ? end_today : 0;
}
