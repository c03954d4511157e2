/* svc_world.h - the shared world of the service-delivery and matching
 * tests (svc_world.c). */
#ifndef API_SVC_WORLD_H
#define API_SVC_WORLD_H

#include "tests.h"

struct svc {
	struct world w;
	long long org;		/* a town station */
	const char *staff;	/* its social worker's token */
	long long vol[4], person[4];
	const char *vtok[4];	/* each volunteer's own token */
	const char *verifier;	/* a second social worker of the station (verifier_of) */
};

extern const char *const stages[];	/* applied -> registered, in order */

/* An ISO time `secs` from now. */
const char *at(long long secs);
/* The next local (UTC+8) day's hh:00 as an ISO time with offset. */
const char *tomorrow_at(int hh);
/* A registered volunteer i of s->org, `age` years old, with skills (JSON
 * list or NULL) and a login. */
int mk_volunteer(struct srv *srv, struct svc *s, int i, int age, const char *skills);
/* A volunteer row of person `person` at org `org`, moved to registered. */
long long mk_registered(struct srv *srv, long long person, long long org);
/* The station, its social worker and nvol volunteers (at most 4). */
bool setup(struct srv *srv, struct svc *s, int nvol);
/* An activity of s->org with one position; returns the position id. */
long long mk_activity(struct srv *srv, struct svc *s, const char *mode, const char *sign_up,
		      const char *position_extra, long long *activity);
long long mk_shift(struct srv *srv, struct svc *s, long long pos, const char *from, const char *to, int cap);
/* The token of a second social worker of s->org, made at the first call:
 * a record made by hand is verified by someone other than its recorder. */
const char *verifier_of(struct srv *srv, struct svc *s);
struct resp *sign_up(struct srv *srv, const char *tok, long long shift, long long vol);
/* A social worker of org, the person 社工<seq> (seq < 100), with
 * qualification qual and a certificate number unless it is "none". */
long long mk_social_worker(struct srv *srv, long long org, const char *qual, int seq);
/* The number at path in o; -1 when it is missing or not a number. */
double stat_num(json_t *o, const char *path);

#endif
