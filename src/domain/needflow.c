/* needflow.c - need statuses, their moves, and median windows. */
#include "domain/needflow.h"

#include <string.h>

const char *const need_status_names[] = {
	[NS_NEW] = "new",
	[NS_TRIAGED] = "triaged",
	[NS_PLANNED] = "planned",
	[NS_MATCHED] = "matched",
	[NS_IN_SERVICE] = "in_service",
	[NS_DONE] = "done",
	[NS_CLOSED] = "closed",
	[NS_REJECTED] = "rejected",
	[NS__COUNT] = NULL,
};

const char *need_status_name(enum need_status s)
{
	return (unsigned)s < NS__COUNT ? need_status_names[s] : NULL;
}

int need_status_parse(const char *name, enum need_status *out)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < NS__COUNT; i++) {
		if (strcmp(name, need_status_names[i]) == 0) {
			if (out != NULL)
				*out = (enum need_status)i;
			return 0;
		}
	}
	return -1;
}

int need_can_move(enum need_status from, enum need_status to)
{
	if ((unsigned)from >= NS__COUNT || (unsigned)to >= NS__COUNT || from == to)
		return 0;
	switch (from) {
	case NS_NEW:
	case NS_TRIAGED:
	case NS_PLANNED:
	case NS_MATCHED:
		return to == from + 1 || to == NS_REJECTED;
	case NS_IN_SERVICE:
	case NS_DONE:
		return to == from + 1;
	case NS_CLOSED:
	case NS_REJECTED:
	case NS__COUNT:
		return 0;
	}
	return 0;
}

int need_status_final(enum need_status s)
{
	return s == NS_CLOSED || s == NS_REJECTED;
}

int need_moves(struct need_move *out, int max)
{
	int n = 0;
	for (int f = 0; f < NS__COUNT; f++)
		if (need_can_move((enum need_status)f, (enum need_status)(f + 1)) && (enum need_status)(f + 1) != NS_REJECTED) {
			if (n < max)
				out[n] = (struct need_move){(enum need_status)f, (enum need_status)(f + 1)};
			n++;
		}
	for (int f = 0; f < NS__COUNT; f++)
		if (need_can_move((enum need_status)f, NS_REJECTED)) {
			if (n < max)
				out[n] = (struct need_move){(enum need_status)f, NS_REJECTED};
			n++;
		}
	return n < max ? n : max;
}

void median_window(int64_t n, int64_t *offset, int *take)
{
	if (n <= 0) {
		*offset = 0;
		*take = 0;
	} else if (n % 2) {
		*offset = n / 2;
		*take = 1;
	} else {
		*offset = n / 2 - 1;
		*take = 2;
	}
}

double median_of_window(int64_t n, const int64_t *window)
{
	if (n <= 0)
		return 0;
	if (n % 2)
		return (double)window[0];
	/* Halves first: the sum of two large values must not overflow. */
	return (double)window[0] / 2.0 + (double)window[1] / 2.0;
}

double median_sorted(const int64_t *sorted, size_t n)
{
	int64_t off;
	int take;
	median_window((int64_t)n, &off, &take);
	return take ? median_of_window((int64_t)n, sorted + off) : 0;
}
