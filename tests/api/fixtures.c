/* fixtures.c - test data: valid GB 11643 ID numbers, phones and dates, and
 * helpers that create regions, orgs, people and users through the API and
 * walk paginated lists. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

void idnum(char out[19], const char *region6, int y, int m, int d, int seq)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%.6s%04d%02d%02d%03d", region6, y % 10000,
		m % 100, d % 100, seq % 1000);
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (tmp[i] - '0') * w[i];
	memcpy(out, tmp, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void idnum_n(char out[19], int n)
{
	int y, m, d;
	civil_from_days(days_from_civil(1960, 1, 1) + n / 900, &y, &m, &d);
	idnum(out, "421002", y, m, d, 100 + n % 900);
}

void phone_n(char out[12], int n)
{
	snprintf(out, 12, "139%08u", (unsigned)n % 100000000u);
}

static void today_cst(int *y, int *m, int *d)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

void date_ago(int years, int days, int *y, int *m, int *d)
{
	today_cst(y, m, d);
	*y -= years;
	if (*m == 2 && *d == 29)
		*d = 28;
	civil_from_days(days_from_civil(*y, *m, *d) - days, y, m, d);
}

int this_year(void)
{
	int y, m, d;
	today_cst(&y, &m, &d);
	return y;
}

bool is_masked_id(const char *got, const char *plain)
{
	return got != NULL && strlen(got) == 18 && strlen(plain) == 18 &&
		memcmp(got, plain, 6) == 0 && strncmp(got + 6, "********", 8) == 0 &&
		memcmp(got + 14, plain + 14, 4) == 0;
}

bool is_masked_phone(const char *got, const char *plain)
{
	return got != NULL && strlen(got) == 11 && strlen(plain) == 11 &&
		memcmp(got, plain, 3) == 0 && strncmp(got + 3, "****", 4) == 0 &&
		memcmp(got + 7, plain + 7, 4) == 0;
}

long long mk_at(const char *file, int line, struct srv *s, const char *tok,
	const char *path, const char *body)
{
	struct resp *r = http(s, "POST", path, tok, body);
	if (!expect_status(file, line, r, 201))
		return -1;
	long long id = jint(r->json, "id");
	if (id <= 0) {
		check_fail(file, line, r, "201 without an integer id");
		return -1;
	}
	return id;
}

static const char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return track(s, free);
}

long long mk_region_at(const char *file, int line, struct srv *s,
	const char *code, const char *name, const char *level, long long parent)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "code", code, "name", name, "level", level);
	json_object_set_new(o, "parent_id", parent > 0 ? json_integer(parent) : json_null());
	return mk_at(file, line, s, s->admin, "/api/v1/regions", dump(o));
}

long long mk_org_at(const char *file, int line, struct srv *s, const char *tok,
	const char *name, const char *kind, long long region, long long parent)
{
	json_t *o = json_pack("{s:s, s:s, s:I}", "name", name, "kind", kind,
		"region_id", (json_int_t)region);
	if (parent > 0)
		json_object_set_new(o, "parent_id", json_integer(parent));
	return mk_at(file, line, s, tok, "/api/v1/orgs", dump(o));
}

long long mk_person_at(const char *file, int line, struct srv *s, const char *tok,
	const char *name, const char *idn, const char *phone, long long org)
{
	json_t *o = json_pack("{s:s}", "name", name);
	if (idn != NULL)
		json_object_set_new(o, "id_number", json_string(idn));
	if (phone != NULL)
		json_object_set_new(o, "phone", json_string(phone));
	if (org > 0)
		json_object_set_new(o, "org_id", json_integer(org));
	return mk_at(file, line, s, tok, "/api/v1/people", dump(o));
}

long long mk_user_at(const char *file, int line, struct srv *s, const char *tok,
	const char *username, long long person, const char *roles)
{
	json_error_t err;
	json_t *r = json_loads(roles, 0, &err);
	if (r == NULL) {
		check_fail(file, line, NULL, "bad roles JSON in test: %s", roles);
		return -1;
	}
	json_t *o = json_pack("{s:s, s:s, s:o}", "username", username,
		"password", USER_PASS, "roles", r);
	if (person > 0)
		json_object_set_new(o, "person_id", json_integer(person));
	return mk_at(file, line, s, tok, "/api/v1/users", dump(o));
}

const char *login_at(const char *file, int line, struct srv *s,
	const char *user, const char *pass)
{
	json_t *o = json_pack("{s:s, s:s}", "username", user, "password", pass);
	struct resp *r = http(s, "POST", "/api/v1/login", NULL, dump(o));
	if (!expect_status(file, line, r, 200))
		return NULL;
	const char *tok = jstr(r->json, "token");
	if (tok == NULL || *tok == '\0') {
		check_fail(file, line, r, "login answered without a token");
		return NULL;
	}
	return tok;
}

json_t *list_all_at(const char *file, int line, struct srv *s, const char *tok,
	const char *path)
{
	json_t *all = track_json(json_array());
	const char *sep = strchr(path, '?') ? "&" : "?";
	const char *cursor = NULL;
	for (int page = 0; page < 1000; page++) {
		const char *url = cursor == NULL
			? fmt("%s%slimit=200", path, sep)
			: fmt("%s%slimit=200&cursor=%s", path, sep, url_escape(cursor));
		struct resp *r = http(s, "GET", url, tok, NULL);
		if (!expect_status(file, line, r, 200))
			return NULL;
		json_t *items = jget(r->json, "items");
		json_t *next = jget(r->json, "next_cursor");
		if (!json_is_array(items) || !(json_is_null(next) || json_is_string(next))) {
			check_fail(file, line, r, "not a list: {items: [...], next_cursor}");
			return NULL;
		}
		json_array_extend(all, items);
		if (json_is_null(next))
			return all;
		cursor = json_string_value(next);
	}
	check_fail(file, line, NULL, "list %s did not end after 1000 pages", path);
	return NULL;
}

json_t *arr_find_id(json_t *arr, long long id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		if (jint(v, "id") == id)
			return v;
	}
	return NULL;
}

long long count_at(const char *file, int line, struct srv *s, const char *path)
{
	json_t *all = list_all_at(file, line, s, s->admin, path);
	return all ? (long long)json_array_size(all) : -1;
}

bool world_regions(struct srv *s, struct world *w)
{
	w->city = MK_REGION(s, "421000", "荆州市", "city", 0);
	w->d1 = MK_REGION(s, "421002", "沙市区", "district", w->city);
	w->d2 = MK_REGION(s, "421003", "荆州区", "district", w->city);
	w->town1 = MK_REGION(s, "421002001", "中山街道", "town", w->d1);
	w->comm1 = MK_REGION(s, "421002001001", "三眼井社区", "community", w->town1);
	w->town2 = MK_REGION(s, "421003001", "西城街道", "town", w->d2);
	return w->city > 0 && w->d1 > 0 && w->d2 > 0 && w->town1 > 0 &&
		w->comm1 > 0 && w->town2 > 0;
}

bool world_menu(struct srv *s, const struct world *w)
{
	const char *item = "{\"region_id\":%lld,\"category\":\"%s\",\"title\":\"%s\"}";
	return MK(s, s->admin, "/api/v1/service-menu", fmt(item, w->city, "elderly_care", "助老服务")) > 0 &&
	       MK(s, s->admin, "/api/v1/service-menu", fmt(item, w->city, "community_affairs", "社区议事")) > 0;
}

char *cmd_output(const char *cmd, int *status)
{
	*status = -1;
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 1 << 16, len = 0, n;
	char *out = malloc(cap);
	while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 4096)
			out = realloc(out, cap *= 2);
	}
	out[len] = 0;
	int st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return track(out, free);
}
