/* demo_int.h - private to src/demo/: what the demo's parts share. The city
 * (demo.c) is built first; the service delivery (demo_care.c) and the
 * emergency (demo_emergency.c) find what they build on through the
 * services. Every record is made by the builders of demo_common.c. */
#ifndef LD_DEMO_INT_H
#define LD_DEMO_INT_H

#include "demo/demo.h"
#include "model/entity.h"

#define DEMO_PASSWORD "liandong-demo"
#define DEMO_MAXROWS 200

/* One part of the demo being built. */
struct demo {
	struct ctx *x;
	struct errinfo *ei;
	uint64_t rng;	/* splitmix64 state (demo.c) */
	int seq;	/* people made so far by this part */
	int today;	/* yyyymmdd, local */
};

/* Create `in` through the resource's service; its id to *id (may be NULL). */
enum err demo_create(struct demo *d, const struct resource *res, struct rec *in, int64_t *id);

/* Up to DEMO_MAXROWS rows of `res` matching up to two filters, named by
 * their parameter (p2 may be NULL): a text value s, or when s is NULL the
 * integer i. */
enum err demo_find(struct demo *d, const struct resource *res, const char *p1, const char *s1, int64_t i1,
		   const char *p2, const char *s2, int64_t i2, struct rec *rows, int *n);

/* A person, as each part draws one. */
struct demo_person {
	const char *area;	/* the ID number's 6-digit area code */
	int birth_ymd;		/* yyyymmdd */
	int serial;		/* the ID number's three digits after the birth date */
	const char *name, *phone;
	int64_t region_id, org_id;	/* org 0: none */
	int located;		/* lat and lon given */
	double lat, lon;
	const char *skills;	/* a JSON list, or NULL */
};

/* A plausible name into out (n >= 16 bytes): a common surname and a given
 * name of the sex and of the generation born in birth_year (建华 and 桂英
 * before 1975, 伟 and 娟 up to 1994, 浩宇 and 梓涵 after), drawn from the
 * random value r. */
void demo_name(uint64_t r, int male, int birth_year, char *out, size_t n);

/* Create the person p (the ID number gets its GB 11643 check character). */
enum err demo_person(struct demo *d, const struct demo_person *p, int64_t *id);

/* A sign-in account with one role (person 0: none; org and region 0: not
 * bound), password DEMO_PASSWORD. */
enum err demo_account(struct demo *d, const char *username, int64_t person_id, const char *role, int64_t org_id,
		      int64_t region_id);
/* The same with n roles (a staff member acting in several orgs). */
enum err demo_account_roles(struct demo *d, const char *username, int64_t person_id, const struct role_in *roles,
			    int n);

/* A year of supervision sessions of `supervisor` with the n social workers
 * of their chain (demo_linkage.c). */
enum err demo_supervision(struct demo *d, int64_t supervisor, const int64_t *chain, int n);

/* ---- demo.c's builders, shared with the city at the seed's scale ---- */
/* The part's next random value (splitmix64), and one below n. */
uint64_t demo_next(struct demo *d);
int demo_pick(struct demo *d, int n);
/* A region, an org (parent 0: none), a co-building link (demo.c). */
enum err demo_region(struct demo *d, const char *code, const char *name, const char *level, int64_t parent,
		     int64_t *id);
enum err demo_org(struct demo *d, const char *name, const char *kind, int64_t region_id, int64_t parent,
		  int64_t *id);
enum err demo_link(struct demo *d, int64_t org_id, int64_t other, const char *kind);
/* A person drawn at random (name, ID number from region_code, phone, a
 * place in the city, two skills), at least `age` years old. */
enum err demo_drawn_person(struct demo *d, const char *region_code, int64_t region_id, int64_t org_id, int age,
			   int64_t *id);
/* A social worker of org_id (qualification as the API names it). */
enum err demo_social_worker(struct demo *d, int64_t person_id, int64_t org_id, const char *qual,
			    int64_t supervisor, int64_t *id);
/* When a record of the past twelve months starts, by the year's rhythm
 * (its calendar month to *month), and the mode (index of demo_modes) of a
 * record of that month. */
int64_t demo_record_start(struct demo *d, int *month);
int demo_record_mode(struct demo *d, int month);
/* The five activity modes, their activities' titles and records' content. */
extern const char *const demo_modes[5], *const demo_titles[5], *const demo_contents[5];

/* ---- the parts after the city ---- */
/* Service menus, needs at every status, clients of every category, on top
 * of the city (demo_care.c). */
enum err demo_care(struct ctx *x, struct errinfo *ei);
/* Funds, gifts and a semester run at the station and the hub
 * (demo_funds.c). */
enum err demo_funds(struct ctx *x, struct errinfo *ei, int64_t station, int64_t hub);
/* One incident with an assessment near the city's volunteers
 * (demo_emergency.c). */
enum err demo_emergency(struct ctx *x, struct errinfo *ei);
/* The resident's community council: members, two meetings, issues and
 * resolutions, one of which became a need (demo_council.c). */
enum err demo_council(struct ctx *x, struct errinfo *ei);
/* Rated past shifts, a closed residents' survey with its answers and an
 * open volunteers' survey at the station (demo_voice.c). */
enum err demo_voice(struct ctx *x, struct errinfo *ei, int64_t station);
/* Service projects (issue 16): a procured project per district, and at
 * the first station 爱青助学 on its fund and a 龙城飞鹰-style team project
 * with the evaluator account `pinggu` (demo_projects.c). */
enum err demo_projects(struct ctx *x, struct errinfo *ei, int64_t station, int64_t hub);

#endif
