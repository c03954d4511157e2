/* reply_store.h - the particular queries of replies and preferences
 * (store/reply_store.c, issue 17): an account's notification preferences,
 * the webhook's replay guard, the inbound SMS log, the call-out a phone
 * answers and the e-mail answer links. Same conventions as store.h: enum
 * err, strings in the arena. */
#ifndef LD_STORE_REPLY_H
#define LD_STORE_REPLY_H

#include "store/store.h"

/* ---- preferences ---- */
struct prefs_row {
	int found;		/* 0: no row (every channel on, no quiet hours) */
	int sms, email, inbox;
	int quiet_start, quiet_end;	/* -1: none */
	int64_t updated_at;
	int64_t person_id;	/* the account's person (0: none) */
};
enum err store_prefs_of_user(struct store_conn *c, int64_t user_id, struct prefs_row *out);
/* The preferences set last by any account of the person. */
enum err store_prefs_of_person(struct store_conn *c, int64_t person_id, struct prefs_row *out);
/* Insert or replace the account's row. */
enum err store_prefs_put(struct store_conn *c, int64_t user_id, int64_t person_id, const struct prefs_row *p);
/* The person's e-mail address (people.email), NULL when none. */
enum err store_person_email(struct store_conn *c, int64_t person_id, const char **email, struct arena *a);

/* ---- the webhook's replay guard ---- */
/* Record the pair; *fresh 0 when it was seen before. Pairs seen before
 * `prune_before` are forgotten first. */
enum err store_nonce_take(struct store_conn *c, const char *signature, int64_t ts, int64_t now,
			  int64_t prune_before, int *fresh);

/* ---- inbound SMS ---- */
struct inbound_row {
	int64_t id, person_id, callout_id;
	const char *outcome, *detail;
};
/* The message the gateway sent under this id before (out->id 0: none). */
enum err store_inbound_by_gateway_id(struct store_conn *c, const char *gateway_id, struct inbound_row *out,
				     struct arena *a);
/* Keep a message; *id 0 when its gateway id (not NULL) is taken already. */
enum err store_inbound_add(struct store_conn *c, const char *gateway_id, const char *phone_enc,
			   const char *phone_hash, const char *body, int64_t now, int64_t *id);
enum err store_inbound_outcome(struct store_conn *c, int64_t id, int64_t person_id, int64_t callout_id,
			       const char *outcome, const char *detail);

/* The latest call-out of an incident not closed, of a person whose phone
 * has one of the lookup hashes "h1,h2" (svc_lookup_filter); 0s when none.
 * *person_id is that person, or any person with the phone when none has
 * an open call-out. */
enum err store_open_callout_by_phone(struct store_conn *c, const char *hashes, int64_t *callout_id,
				     int64_t *person_id);

/* ---- answer links ---- */
enum err store_reply_token_add(struct store_conn *c, const char *hash, int64_t notification_id, int64_t callout_id,
			       int64_t person_id, int64_t expires_at, int64_t now);
struct token_row {
	int64_t id, callout_id, person_id, expires_at, used_at;
};
/* The token with one of the hashes h[0..n) (out->id 0: none). */
enum err store_reply_token_find(struct store_conn *c, char (*h)[65], int n, struct token_row *out);
/* Mark it used with `answer` unless it was; *took 0 when it was used
 * already (by a request racing this one). */
enum err store_reply_token_use(struct store_conn *c, int64_t id, const char *answer, int64_t now, int *took);

#endif
