/* project.c - the rules of service projects (domain/project.h). */
#include <string.h>

#include "domain/project.h"

static const char *const status_names[PS__COUNT] = {"planned", "running", "closing", "accepted", "failed"};
static const char *const source_names[IS__COUNT] = {"people_served", "service_hours", "activities", "volunteers",
						    "new_volunteers", "needs_closed", "satisfaction", "manual"};

static int parse(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int project_status_parse(const char *name)
{
	return parse(status_names, PS__COUNT, name);
}

const char *project_status_name(enum project_status s)
{
	return (unsigned)s < PS__COUNT ? status_names[s] : NULL;
}

int project_status_can_move(enum project_status from, enum project_status to)
{
	if (from == to)
		return 1;
	return (from == PS_PLANNED && to == PS_RUNNING) || (from == PS_RUNNING && to == PS_CLOSING) ||
	       (from == PS_CLOSING && to == PS_RUNNING);
}

int project_evaluation_allowed(enum project_status s, int final)
{
	return final ? s == PS_RUNNING || s == PS_CLOSING : s == PS_RUNNING;
}

int project_status_after_final(const char *decision)
{
	if (decision && strcmp(decision, "pass") == 0)
		return PS_ACCEPTED;
	if (decision && strcmp(decision, "fail") == 0)
		return PS_FAILED;
	return -1;
}

double project_elapsed_share(int64_t start_day, int64_t end_day, int64_t today)
{
	if (today < start_day)
		return 0;
	if (today >= end_day || end_day < start_day)
		return 1;
	return (double)(today - start_day + 1) / (double)(end_day - start_day + 1);
}

int indicator_source_parse(const char *name)
{
	return parse(source_names, IS__COUNT, name);
}

double indicator_expected(enum indicator_source s, double target, double share)
{
	if (s == IS_SATISFACTION)
		return share > 0 ? target : 0;
	return target * share;
}

int indicator_behind(enum indicator_source s, double actual, double expected, int measured)
{
	if (s == IS_SATISFACTION)
		return measured && actual < expected;
	/* a hundredth below is still on track: hours are minutes / 60 */
	return actual + 0.005 < expected;
}

int project_budget_sum(const char *const *lines, const int64_t *amounts, int n, int64_t *sum, int *bad)
{
	int64_t s = 0;
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			if (strcmp(lines[j], lines[i]) == 0) {
				*bad = i;
				return -1;
			}
		if (amounts[i] < 0 || __builtin_add_overflow(s, amounts[i], &s)) {
			*bad = i;
			return -1;
		}
	}
	*sum = s;
	return 0;
}
