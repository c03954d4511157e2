/* share_rows.h - what the store answers for the reads a co-building link
 * opens (issue 15; store/share_store.c, service/share.c). */
#ifndef LD_MODEL_SHARE_ROWS_H
#define LD_MODEL_SHARE_ROWS_H

#include <stdint.h>

/* A volunteer's public profile: never an ID number, phone, address, place
 * or birth date. `name` is the person's name as stored (the service masks
 * it); `skills` the person's skills as stored (a JSON array, or NULL). */
struct volunteer_profile {
	int64_t id, org_id;
	const char *name, *skills, *stage;
	double verified_hours;
	int64_t stars;
};

#endif
