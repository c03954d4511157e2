/* svc_world.c - the small world most service-delivery tests start from:
 * a town social-work station, its social worker, registered volunteers
 * with logins, activities with one position, shifts and sign-ups. */
#include "svc_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* An ISO time `secs` from now. */
const char *at(long long secs)
{
	time_t t = time(NULL) + (time_t)secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		   tm.tm_min, tm.tm_sec);
}

/* The next local (UTC+8) day's hh:00 as an ISO time with offset. */
const char *tomorrow_at(int hh)
{
	time_t t = time(NULL) + 8 * 3600 + 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02dT%02d:00:00+08:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hh);
}

const char *const stages[] = {"trial", "initial_training", "selection", "interview", "skills_training",
				     "registered"};

/* Moves volunteer v through the stages to registered. */
static void register_volunteer(struct srv *srv, long long v)
{
	for (size_t k = 0; k < sizeof stages / sizeof *stages; k++)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", v), srv->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
}

long long mk_registered(struct srv *srv, long long person, long long org)
{
	long long v = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", person, org));
	register_volunteer(srv, v);
	return v;
}

/* A registered volunteer of s->org, `age` years old, with a login. */
int mk_volunteer(struct srv *srv, struct svc *s, int i, int age, const char *skills)
{
	char idn[19];
	int y, m, d;
	date_ago(age, 30, &y, &m, &d);
	idnum(idn, "421002", y, m, d, 300 + i);
	s->person[i] = MK(srv, srv->admin, "/api/v1/people",
			  fmt("{\"name\":\"志愿者%d\",\"id_number\":\"%s\",\"org_id\":%lld,\"skills\":%s}", i, idn, s->org,
			      skills ? skills : "[]"));
	s->vol[i] = MK(srv, srv->admin, "/api/v1/volunteers",
		       age < 18 ? fmt("{\"person_id\":%lld,\"org_id\":%lld,\"guardian_consent\":true,\"guardian_name\":\"监护人\"}",
				      s->person[i], s->org)
				: fmt("{\"person_id\":%lld,\"org_id\":%lld}", s->person[i], s->org));
	register_volunteer(srv, s->vol[i]);
	MK_USER(srv, srv->admin, fmt("vol%d", i), s->person[i], fmt("[{\"role\":\"volunteer\",\"org_id\":%lld}]", s->org));
	s->vtok[i] = LOGIN(srv, fmt("vol%d", i), USER_PASS);
	return s->vol[i] > 0 && s->vtok[i] != NULL;
}

bool setup(struct srv *srv, struct svc *s, int nvol)
{
	memset(s, 0, sizeof *s);
	if (!world_regions(srv, &s->w))
		return false;
	s->org = MK_ORG(srv, srv->admin, "中山街道社工站", "social_work_station", s->w.town1, 0);
	MK_USER(srv, srv->admin, "staff", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", s->org));
	s->staff = LOGIN(srv, "staff", USER_PASS);
	for (int i = 0; i < nvol; i++)
		if (!mk_volunteer(srv, s, i, 30 + i, "[\"急救\",\"助老\"]"))
			return false;
	return s->staff != NULL && test_failures() == 0;
}

const char *verifier_of(struct srv *srv, struct svc *s)
{
	if (!s->verifier) {
		MK_USER(srv, srv->admin, "verifier", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", s->org));
		s->verifier = LOGIN(srv, "verifier", USER_PASS);
	}
	return s->verifier;
}

/* An activity of s->org with one position; returns the position id. */
long long mk_activity(struct srv *srv, struct svc *s, const char *mode, const char *sign_up,
			     const char *position_extra, long long *activity)
{
	*activity = MK(srv, s->staff, "/api/v1/activities",
		       fmt("{\"title\":\"社区活动\",\"mode\":\"%s\",\"org_ids\":[%lld],\"place\":\"幸福社区\","
			   "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"%s\","
			   "\"positions\":[{\"title\":\"服务岗\",\"headcount\":2%s%s}]}",
			   mode, s->org, at(-3 * 3600), at(3 * 86400), sign_up, position_extra ? "," : "",
			   position_extra ? position_extra : ""));
	json_t *a = track_json(json_incref(http(srv, "GET", fmt("/api/v1/activities/%lld", *activity), s->staff, NULL)->json));
	return jint(a, "positions.0.id");
}

long long mk_shift(struct srv *srv, struct svc *s, long long pos, const char *from, const char *to, int cap)
{
	return MK(srv, s->staff, "/api/v1/shifts",
		  fmt("{\"position_id\":%lld,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"capacity\":%d}", pos, from, to, cap));
}

struct resp *sign_up(struct srv *srv, const char *tok, long long shift, long long vol)
{
	return http(srv, "POST", fmt("/api/v1/shifts/%lld/signups", shift), tok, fmt("{\"volunteer_id\":%lld}", vol));
}

long long mk_social_worker(struct srv *srv, long long org, const char *qual, int seq)
{
	char idn[19];
	idnum(idn, "421002", 1980, 3, 4, 400 + seq);
	long long p = MK_PERSON(srv, srv->admin, fmt("社工%d", seq), idn, NULL, org);
	const char *cert = strcmp(qual, "none") ? fmt(",\"certificate_no\":\"C-%d\"", seq) : "";
	return MK(srv, srv->admin, "/api/v1/social-workers",
		  fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"%s\"%s}", p, org, qual, cert));
}

double stat_num(json_t *o, const char *path)
{
	json_t *x = jget(o, path);
	return json_is_number(x) ? json_number_value(x) : -1;
}
