/* care_world.h - the world of the service-delivery tests (t_needs.c,
 * t_care.c) and a helper that writes to the database behind the server's
 * back (to place history events at known times).
 *
 * Regions: the standard world (harness.h). Orgs: station A in town1 with
 * room A2 (comm1) and volunteer team T (town1) below it; station B in
 * town2; agency G in d1. Social workers: SWA and SWA2 at A (SWA supervised
 * by SUP), SUP at G, SWB at B. Volunteers: VA registered in T, VN applied in
 * T. Signed-in users (tokens): oa_a, oa_b (org admins of A, B), sw_a, sw_a2
 * (social workers of A, own persons of SWA, SWA2), sup (supervisor at G,
 * person of SUP), sw_b, ra (regional admin of d1), res1 and res2 (residents
 * living in comm1 and town2), vol (the person of VA), nobody (a resident
 * account without a person). */
#ifndef API_CARE_WORLD_H
#define API_CARE_WORLD_H

#include "tests.h"

struct cworld {
	struct world w;
	long long A, A2, T, B, G;
	long long pSWA, pSWA2, pSUP, pSWB, pV, pVN, pR1, pR2;
	long long swA, swA2, swSup, swB, vA, vN;
	long long uOA, uOB, uSWA, uSWA2, uSUP, uSWB, uRA, uR1, uR2, uVol;
	const char *oa_a, *oa_b, *sw_a, *sw_a2, *sup, *sw_b, *ra, *res1, *res2, *vol, *nobody;
	int npeople;	/* people made so far, for distinct ID numbers */
	char last_phone[12];	/* the phone of the last care_person */
};

bool care_world(struct srv *s, struct cworld *c);
/* A person of `region` aged `age` (years, plus ~100 days), with a phone;
 * returns the id. */
long long care_person(struct srv *s, struct cworld *c, const char *name, int age, long long region);
/* Run one SQL statement on the test's database (SQLite file or
 * PostgreSQL), behind the server's back. */
bool db_exec(struct srv *s, const char *sql);
/* The first column of the first row of a query on the test's database
 * (tracked text; NULL when no row or NULL), and the same as an integer
 * (-1 when none). */
char *db_text(struct srv *s, const char *sql);
long long db_int(struct srv *s, const char *sql);

#endif
