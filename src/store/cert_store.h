/* cert_store.h - the store's particular queries for certificates of service
 * hours (store/cert_store.c). Same conventions as store.h: enum err,
 * strings in the arena. */
#ifndef LD_STORE_CERT_STORE_H
#define LD_STORE_CERT_STORE_H

#include "store/store.h"

/* One service record as a certificate lists it. */
struct cert_line {
	int64_t record_id, org_id, starts_at, minutes;
	const char *content, *place, *org_name;
};

/* The volunteer's verified records that started in [from, to), of org_id
 * only unless it is 0, oldest first, at most `max` (the caller asks for
 * one more than it allows to tell "too many"). */
enum err store_cert_period(struct store_conn *c, int64_t volunteer_id, int64_t org_id, int64_t from, int64_t to,
			   int max, struct cert_line **rows, int *n, struct arena *a);
/* The distinct orgs that recorded those records (all orgs), by id, at most
 * `max`. */
enum err store_cert_period_orgs(struct store_conn *c, int64_t volunteer_id, int64_t from, int64_t to, int max,
				int64_t **orgs, int *n, struct arena *a);
/* The records a certificate counted, oldest first (all of them), each with
 * its unit's name as it was at issue. */
enum err store_cert_lines(struct store_conn *c, int64_t cert_id, struct cert_line **rows, int *n, struct arena *a);
/* Keep the records a certificate counts, with their units' names. */
enum err store_cert_records_add(struct store_conn *c, int64_t cert_id, const struct cert_line *rows, int n);
/* The certificate of a canonical code: ERR_NOT_FOUND when none. */
enum err store_cert_by_code(struct store_conn *c, const char *code, int64_t *id);
/* The earliest void among the certificate's records, 0 when none. */
enum err store_cert_revoked_at(struct store_conn *c, int64_t cert_id, int64_t *at);

#endif
