/* t_replies.c - replies and preferences (issue 17): a volunteer answers a
 * call-out by SMS through the gateway's signed inbound webhook (1/Y/是 =
 * accept, 2/N/否 = decline), or by the single-use link of the call-out's
 * e-mail; forged, stale and replayed webhooks are refused with nothing
 * changed; every inbound message is kept, a gateway's retry is taken once;
 * an SMS and a link racing each other give one outcome; each account's
 * channels and quiet hours, which emergencies override. */
#include "tests.h"
#include "care_world.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LAT0 30.3500
#define LON0 112.2000

struct rw {
	struct world w;
	long long A;
	const char *sw;		/* a social worker of A */
	int n;
};

static const char *const stages[] = {"trial", "initial_training", "selection", "interview", "skills_training",
				     "registered"};

static bool rw_setup(struct srv *s, struct rw *e)
{
	memset(e, 0, sizeof *e);
	if (!world_regions(s, &e->w))
		return false;
	e->A = MK_ORG(s, s->admin, "中山街道社工站", "social_work_station", e->w.town1, 0);
	long long p = MK_PERSON(s, s->admin, "社工甲", NULL, NULL, e->A);
	MK(s, s->admin, "/api/v1/social-workers",
	   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"intermediate\",\"certificate_no\":\"S-1\"}", p,
	       e->A));
	MK_USER(s, s->admin, "swa", p, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", e->A));
	e->sw = LOGIN(s, "swa", USER_PASS);
	return e->sw && test_failures() == 0;
}

/* A registered volunteer of A `step` x 111 m north of the incident, with
 * `phone`; *person gets the person id. */
static long long vol(struct srv *s, struct rw *e, int step, const char *phone, long long *person)
{
	char idn[19];
	idnum_n(idn, 8100 + ++e->n);
	long long p = MK(s, s->admin, "/api/v1/people",
			 fmt("{\"name\":\"志愿者%d\",\"id_number\":\"%s\",\"phone\":\"%s\",\"org_id\":%lld,\"lat\":%.6f,"
			     "\"lon\":%.6f}", e->n, idn, phone, e->A, LAT0 + step * 0.001, LON0));
	long long v = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, e->A));
	for (size_t k = 0; v > 0 && k < sizeof stages / sizeof *stages; k++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	*person = p;
	return v;
}

/* An incident at the point, mobilised for `count` (2 x count called). */
static long long mobilized(struct srv *s, struct rw *e, int count)
{
	long long em = MK(s, e->sw, "/api/v1/emergencies",
			  fmt("{\"type\":\"medical\",\"title\":\"老人跌倒\",\"place\":\"三眼井社区\",\"lat\":%.6f,\"lon\":%.6f,"
			      "\"region_id\":%lld,\"org_id\":%lld,\"severity\":\"critical\"}",
			      LAT0, LON0, e->w.comm1, e->A));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", em), e->sw,
			   fmt("{\"count\":%d,\"radius_km\":5}", count)), 200);
	return em;
}

static const char *status_of(struct srv *s, long long em, long long v)
{
	json_t *all = LIST_ALL(s, s->admin, fmt("/api/v1/emergencies/%lld/callouts", em));
	size_t i;
	json_t *it;
	json_array_foreach(all, i, it)
		if (jint(it, "volunteer_id") == v)
			return jstr(it, "status");
	return NULL;
}

static int events(struct srv *s, long long em, const char *kind)
{
	json_t *all = LIST_ALL(s, s->admin, fmt("/api/v1/emergencies/%lld/timeline", em));
	size_t i;
	json_t *it;
	int n = 0;
	json_array_foreach(all, i, it)
		n += jstr(it, "kind") && strcmp(jstr(it, "kind"), kind) == 0;
	return n;
}

static void sign(const char *secret, long long ts, const char *body, char hex[65])
{
	char *msg = fmt("%lld.%s", ts, body);
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, 65, mac, sizeof mac);
}

/* The request of a webhook call signed at `ts` with `secret` (sig, when
 * not NULL, is sent instead of the right signature). */
static struct req signed_req(const char *body, long long ts, const char *secret, const char *sig)
{
	char hex[65];
	sign(secret, ts, body, hex);
	return (struct req){.method = "POST",
			    .path = "/api/v1/sms/inbound",
			    .body = body,
			    .extra_header = fmt("X-Liandong-Timestamp: %lld", ts),
			    .extra_header2 = fmt("X-Liandong-Signature: %s", sig ? sig : fmt("%s", hex))};
}

struct req sms_signed_req(const char *body)
{
	return signed_req(body, (long long)time(NULL), TEST_SMS_SECRET, NULL);
}

static struct resp *inbound_at(struct srv *s, const char *body, long long ts)
{
	struct req q = signed_req(body, ts, TEST_SMS_SECRET, NULL);
	return http_req(s, &q);
}

static struct resp *inbound(struct srv *s, const char *phone, const char *text, const char *id)
{
	return inbound_at(s, id ? fmt("{\"phone\":\"%s\",\"text\":\"%s\",\"id\":\"%s\"}", phone, text, id)
				: fmt("{\"phone\":\"%s\",\"text\":\"%s\"}", phone, text),
			  (long long)time(NULL));
}

static long long inbound_rows(struct srv *s)
{
	return db_int(s, "SELECT COUNT(*) FROM sms_inbound");
}

void t_replies_sms_accept_and_decline(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1, p2;
	char ph1[12], ph2[12];
	phone_n(ph1, 501);
	phone_n(ph2, 502);
	long long v1 = vol(s, &e, 1, ph1, &p1), v2 = vol(s, &e, 2, ph2, &p2);
	long long em = mobilized(s, &e, 2); /* both called, neither stood down by the other */
	/* the call-out's SMS says how to answer */
	const char *sms = db_text(s, fmt("SELECT body FROM notifications WHERE person_id = %lld AND channel = 'sms'"
					 " AND kind = 'emergency_callout'", p1));
	CHECKM(sms && strstr(sms, "回复1接受，2拒绝"), "the call-out SMS says how to answer: %s", sms ? sms : "(none)");
	struct resp *r = inbound(s, fmt("+86 %s", ph1), " 1 ", "gw-1");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "outcome"), "accepted");
		CHECKR(r, jint(r->json, "callout_id") > 0);
	}
	CHECK_STR(status_of(s, em, v1), "accepted");
	r = inbound(s, ph2, "否", "gw-2");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "declined");
	CHECK_STR(status_of(s, em, v2), "declined");
	/* a repeat changes nothing; Y after 否 is refused by the rules, kept */
	r = inbound(s, ph1, "Y", "gw-3");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "unchanged");
	r = inbound(s, ph2, "y", "gw-4");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "refused");
	CHECK_STR(status_of(s, em, v2), "declined");
	CHECK_INT(events(s, em, "accepted"), 1);
	CHECK_INT(events(s, em, "declined"), 1);
	/* every message kept, the phone never in clear */
	CHECK_INT(inbound_rows(s), 4);
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM sms_inbound WHERE phone_enc LIKE '%%%s%%'", ph1)), 0);
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM sms_inbound WHERE phone_hash IS NULL"), 0);
}

void t_replies_webhook_refuses_forged_stale_and_replayed(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1;
	char ph1[12];
	phone_n(ph1, 511);
	long long v1 = vol(s, &e, 1, ph1, &p1);
	long long em = mobilized(s, &e, 1);
	const char *body = fmt("{\"phone\":\"%s\",\"text\":\"1\",\"id\":\"m-1\"}", ph1);
	long long now = (long long)time(NULL);
	/* forged: another key; a signature of another body; no headers; bad hex */
	struct req q = signed_req(body, now, "not-the-gateway-secret-at-all", NULL);
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	char other[65];
	sign(TEST_SMS_SECRET, now, "{\"phone\":\"x\",\"text\":\"1\"}", other);
	q = signed_req(body, now, TEST_SMS_SECRET, other);
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	q = signed_req(body, now, TEST_SMS_SECRET, "zz");
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	EXPECT_ERR(http(s, "POST", "/api/v1/sms/inbound", NULL, body), 401, "unauthorized", "X-Liandong-Signature");
	/* stale: more than five minutes off either way */
	EXPECT_ERR(inbound_at(s, body, now - 301), 401, "unauthorized", "X-Liandong-Timestamp");
	EXPECT_ERR(inbound_at(s, body, now + 400), 401, "unauthorized", "X-Liandong-Timestamp");
	CHECK_STR(status_of(s, em, v1), "called");
	CHECK_INT(inbound_rows(s), 0);
	/* the real one, then the very same request again (also with the
	 * signature in upper case): a replay */
	q = signed_req(body, now, TEST_SMS_SECRET, NULL);
	struct resp *r = http_req(s, &q);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "accepted");
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	char hex[65];
	sign(TEST_SMS_SECRET, now, body, hex);
	for (char *c = hex; *c; c++)
		if (*c >= 'a' && *c <= 'f')
			*c = (char)(*c - 'a' + 'A');
	q = signed_req(body, now, TEST_SMS_SECRET, hex);
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	/* a replayed decline would have changed the answer: nothing changed */
	const char *decline = fmt("{\"phone\":\"%s\",\"text\":\"2\",\"id\":\"m-2\"}", ph1);
	q = signed_req(decline, now, TEST_SMS_SECRET, NULL);
	EXPECT_STATUS(http_req(s, &q), 200);
	CHECK_STR(status_of(s, em, v1), "declined");
	EXPECT_ERR(http_req(s, &q), 401, "unauthorized", "X-Liandong-Signature");
	CHECK_INT(inbound_rows(s), 2);
	CHECK_INT(events(s, em, "declined"), 1);
	/* a signed body that is not what the gateway sends: 4xx naming it, kept nowhere */
	EXPECT_ERR(inbound_at(s, "{\"text\":\"1\"}", now), 422, "required", "phone");
	EXPECT_ERR(inbound_at(s, fmt("{\"phone\":\"%s\",\"text\":\"1\",\"x\":1}", ph1), now), 400, "unknown_field", "x");
	CHECK_INT(inbound_rows(s), 2);
}

void t_replies_unknown_phone_unrecognised_and_retries(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1;
	char ph1[12], stranger[12];
	phone_n(ph1, 521);
	phone_n(stranger, 529);
	long long v1 = vol(s, &e, 1, ph1, &p1);
	long long em = mobilized(s, &e, 1);
	/* an unknown phone: kept, answered 200 so the gateway stops */
	struct resp *r = inbound(s, stranger, "1", "u-1");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "outcome"), "unmatched");
		CHECKR(r, jisnull(r->json, "callout_id"));
	}
	r = inbound(s, "not a phone", "1", "u-2");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "unmatched");
	/* a known phone with words that are not an answer */
	r = inbound(s, ph1, "我在路上，大概十分钟", "u-3");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "unrecognised");
	CHECK_STR(status_of(s, em, v1), "called");
	CHECK_INT(inbound_rows(s), 3);
	CHECK_STR(db_text(s, "SELECT body FROM sms_inbound WHERE gateway_id = 'u-3'"), "我在路上，大概十分钟");
	/* the gateway retries u-4 (signed afresh): taken once, the same answer */
	const char *body = fmt("{\"phone\":\"%s\",\"text\":\"2\",\"id\":\"u-4\"}", ph1);
	long long now = (long long)time(NULL);
	struct resp *a = inbound_at(s, body, now), *b = inbound_at(s, body, now - 1);
	if (EXPECT_STATUS(a, 200) && EXPECT_STATUS(b, 200)) {
		CHECK_STR(jstr(a->json, "outcome"), "declined");
		CHECK_STR(jstr(b->json, "outcome"), "declined");
		CHECK_INT(jint(b->json, "id"), jint(a->json, "id"));
		CHECKR(b, json_is_true(jget(b->json, "duplicate")));
	}
	CHECK_INT(inbound_rows(s), 4);
	CHECK_INT(events(s, em, "declined"), 1);
	CHECK_STR(status_of(s, em, v1), "declined");
}

/* The answer link of the person's call-out e-mail, read back from the
 * outbox the way a sender would. */
static const char *link_token(struct srv *s, long long person)
{
	const char *body = db_text(s, fmt("SELECT body FROM notifications WHERE person_id = %lld AND channel = 'email'"
					  " AND kind = 'emergency_callout' ORDER BY id DESC", person));
	const char *at = body ? strstr(body, "/r#") : NULL;
	if (!CHECKM(at != NULL, "the call-out e-mail carries an answer link: %s", body ? body : "(no e-mail)"))
		return NULL;
	return fmt("%.43s", at + 3);
}

void t_replies_link_single_use(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1, p2;
	char ph1[12], ph2[12];
	phone_n(ph1, 531);
	phone_n(ph2, 532);
	long long v1 = vol(s, &e, 1, ph1, &p1);
	vol(s, &e, 2, ph2, &p2);
	db_exec(s, fmt("UPDATE people SET email = 'v1@example.org' WHERE id = %lld", p1));
	long long em = mobilized(s, &e, 1);
	/* only the person with an address gets an e-mail; the token is kept hashed */
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE channel = 'email' AND person_id = %lld", p2)),
		  0);
	const char *tok = link_token(s, p1);
	if (!tok)
		return;
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM reply_tokens WHERE token_hash = '%s'", tok)), 0);
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM reply_tokens"), 1);
	struct resp *r = http(s, "POST", "/api/v1/callouts/reply/check", NULL, fmt("{\"token\":\"%s\"}", tok));
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "called");
		CHECK_STR(jstr(r->json, "place"), "三眼井社区");
		CHECK_INT(jint(r->json, "emergency_id"), em);
		CHECKR(r, !strstr(r->body, "志愿者") && !strstr(r->body, ph1) && !strstr(r->body, "v1@"));
	}
	/* bad links: 404 naming the token, nothing changed */
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply/check", NULL, "{\"token\":\"abc\"}"), 404, "not_found", "token");
	const char *wrong = fmt("%c%s", tok[0] == 'A' ? 'B' : 'A', tok + 1);
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply", NULL, fmt("{\"token\":\"%s\",\"answer\":\"accept\"}", wrong)),
		   404, "not_found", "token");
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply", NULL, fmt("{\"token\":\"%s\",\"answer\":\"arrived\"}", tok)),
		   422, "invalid_value", "answer");
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply", NULL, fmt("{\"token\":\"%s\"}", tok)), 422, "required",
		   "answer");
	CHECK_STR(status_of(s, em, v1), "called");
	/* the answer, once */
	r = http(s, "POST", "/api/v1/callouts/reply", NULL, fmt("{\"token\":\"%s\",\"answer\":\"accept\"}", tok));
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "accepted");
		CHECKR(r, json_is_true(jget(r->json, "changed")));
	}
	CHECK_STR(status_of(s, em, v1), "accepted");
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply", NULL, fmt("{\"token\":\"%s\",\"answer\":\"decline\"}", tok)),
		   410, "gone", "token");
	EXPECT_ERR(http(s, "POST", "/api/v1/callouts/reply/check", NULL, fmt("{\"token\":\"%s\"}", tok)), 410, "gone",
		   "token");
	CHECK_STR(status_of(s, em, v1), "accepted");
	CHECK_INT(events(s, em, "accepted"), 1);
}

struct racer {
	struct srv *s;
	struct req q;
	struct resp *r;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	r->r = http_req(r->s, &r->q);
	return NULL;
}

void t_replies_sms_and_link_race_to_one_outcome(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	for (int round = 0; round < 3; round++) {
		long long p;
		char ph[12];
		phone_n(ph, 541 + round);
		long long v = vol(s, &e, 1 + round, ph, &p);
		db_exec(s, fmt("UPDATE people SET email = 'r%d@example.org' WHERE id = %lld", round, p));
		long long em = mobilized(s, &e, 2 + round); /* every volunteer so far is called */
		const char *tok = link_token(s, p);
		if (!tok) {
			note("round %d: %s", round, http(s, "GET", fmt("/api/v1/emergencies/%lld/callouts", em), s->admin, NULL)->body);
			return;
		}
		struct racer a = {s, signed_req(fmt("{\"phone\":\"%s\",\"text\":\"1\",\"id\":\"race-%d\"}", ph, round),
						(long long)time(NULL), TEST_SMS_SECRET, NULL), NULL};
		struct racer b = {s, {.method = "POST", .path = "/api/v1/callouts/reply",
				      .body = fmt("{\"token\":\"%s\",\"answer\":\"accept\"}", tok)}, NULL};
		a.q.untracked = b.q.untracked = true;
		pthread_t ta, tb;
		pthread_create(&ta, NULL, race, &a);
		pthread_create(&tb, NULL, race, &b);
		pthread_join(ta, NULL);
		pthread_join(tb, NULL);
		if (CHECK(a.r && b.r && a.r->status == 200 && b.r->status == 200)) {
			const char *out = a.r->json ? jstr(a.r->json, "outcome") : NULL;
			int sms_changed = out && strcmp(out, "accepted") == 0;
			int link_changed = b.r->json && json_is_true(jget(b.r->json, "changed"));
			CHECKM(sms_changed + link_changed == 1, "exactly one of the two answers took: sms %s, link %d",
			       out ? out : "?", link_changed);
		}
		resp_free(a.r);
		resp_free(b.r);
		CHECK_STR(status_of(s, em, v), "accepted");
		CHECK_INT(events(s, em, "accepted"), 1);
		/* close it so the next round's phone answers its own call-out */
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/close", em), e.sw, NULL), 200);
	}
}

static struct resp *put_prefs(struct srv *s, const char *tok, const char *body)
{
	return http(s, "PUT", "/api/v1/me/notify-prefs", tok, body);
}

void t_replies_prefs_validation(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	struct resp *r = http(s, "GET", "/api/v1/me/notify-prefs", e.sw, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT((long long)json_array_size(jget(r->json, "channels")), 3);
		CHECKR(r, jisnull(r->json, "quiet_start") && jisnull(r->json, "updated_at"));
	}
	static const struct {
		const char *body;
		int status;
		const char *code, *field;
	} bad[] = {
		{"{\"channels\":[\"sms\",\"fax\"]}", 422, "invalid_value", "channels"},
		{"{\"channels\":[\"sms\",\"sms\"]}", 422, "invalid_value", "channels"},
		{"{\"channels\":\"sms\"}", 422, "invalid_value", "channels"},
		{"{\"quiet_start\":60,\"quiet_end\":120}", 422, "required", "channels"},
		{"{\"channels\":[],\"quiet_start\":1440,\"quiet_end\":60}", 422, "invalid_value", "quiet_start"},
		{"{\"channels\":[],\"quiet_start\":60,\"quiet_end\":-1}", 422, "invalid_value", "quiet_end"},
		{"{\"channels\":[],\"quiet_start\":60,\"quiet_end\":\"7:00\"}", 422, "invalid_value", "quiet_end"},
		{"{\"channels\":[],\"quiet_start\":60}", 422, "required", "quiet_end"},
		{"{\"channels\":[],\"quiet_end\":60}", 422, "required", "quiet_start"},
		{"{\"channels\":[],\"quiet_start\":60,\"quiet_end\":60}", 422, "invalid_value", "quiet_end"},
		{"{\"channels\":[],\"volume\":3}", 400, "unknown_field", "volume"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(put_prefs(s, e.sw, bad[i].body), bad[i].status, bad[i].code, bad[i].field);
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM notify_prefs"), 0);
	EXPECT_ERR(http(s, "GET", "/api/v1/me/notify-prefs", NULL, NULL), 401, "unauthorized", NULL);
	r = put_prefs(s, e.sw, "{\"channels\":[\"inbox\",\"email\"],\"quiet_start\":1320,\"quiet_end\":420}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "channels.0"), "email");
		CHECK_STR(jstr(r->json, "channels.1"), "inbox");
		CHECK_INT(jint(r->json, "quiet_start"), 1320);
		CHECK_INT(jint(r->json, "quiet_end"), 420);
	}
	r = http(s, "GET", "/api/v1/me/notify-prefs", e.sw, NULL);
	CHECK_INT(jint(r->json, "quiet_end"), 420);
	r = put_prefs(s, e.sw, "{\"channels\":[\"sms\"],\"quiet_start\":null,\"quiet_end\":null}");
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, jisnull(r->json, "quiet_start") && json_array_size(jget(r->json, "channels")) == 1);
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM notify_prefs"), 1);
}

void t_replies_quiet_hours_wait_but_not_emergencies(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1;
	char ph1[12];
	phone_n(ph1, 551);
	vol(s, &e, 1, ph1, &p1);
	long long u1 = MK_USER(s, s->admin, "vol1", p1, fmt("[{\"role\":\"volunteer\",\"org_id\":%lld}]", e.A));
	const char *vt = LOGIN(s, "vol1", USER_PASS);
	db_exec(s, fmt("UPDATE people SET email = 'v1@example.org' WHERE id = %lld", p1));
	/* quiet from an hour ago to an hour from now (China time) */
	long long now = (long long)time(NULL);
	int m = (int)(((now + 8 * 3600) % 86400) / 60);
	EXPECT_STATUS(put_prefs(s, vt, fmt("{\"channels\":[\"sms\",\"email\",\"inbox\"],\"quiet_start\":%d,\"quiet_end\":%d}",
					   (m + 1380) % 1440, (m + 60) % 1440)), 200);
	/* a survey: inbox now, SMS and e-mail after the quiet hours */
	long long sv = MK(s, e.sw, "/api/v1/surveys",
			  fmt("{\"title\":\"满意度\",\"org_id\":%lld,\"scope_kind\":\"org_volunteers\",\"questions\":"
			      "[{\"key\":\"q1\",\"text\":\"好吗\",\"kind\":\"scale\",\"required\":true}]}", e.A));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/surveys/%lld/open", sv), e.sw, NULL), 200);
	const char *q = "SELECT %s FROM notifications WHERE person_id = %lld AND kind = '%s' AND channel = '%s'";
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE user_id = %lld AND kind = 'survey'", u1)), 1);
	long long sms_at = db_int(s, fmt(q, "next_at", p1, "survey", "sms"));
	long long mail_at = db_int(s, fmt(q, "next_at", p1, "survey", "email"));
	CHECKM(sms_at >= now + 59 * 60 && sms_at <= now + 61 * 60, "the survey SMS waits for the quiet hours' end: %lld",
	       sms_at - now);
	CHECK_INT(mail_at, sms_at);
	/* an emergency call-out: SMS, e-mail and inbox at once */
	mobilized(s, &e, 1);
	long long co_sms = db_int(s, fmt(q, "next_at", p1, "emergency_callout", "sms"));
	CHECKM(co_sms >= now && co_sms <= now + 30, "the call-out SMS goes now: %lld", co_sms - now);
	CHECK_INT(db_int(s, fmt(q, "next_at", p1, "emergency_callout", "email")), co_sms);
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE user_id = %lld AND kind = 'emergency_callout'",
				u1)), 1);
	/* channels turned off: no survey SMS nor e-mail; the emergency SMS still */
	EXPECT_STATUS(put_prefs(s, vt, "{\"channels\":[]}"), 200);
	long long sv2 = MK(s, e.sw, "/api/v1/surveys",
			   fmt("{\"title\":\"第二份\",\"org_id\":%lld,\"scope_kind\":\"org_volunteers\",\"questions\":"
			       "[{\"key\":\"q1\",\"text\":\"好吗\",\"kind\":\"scale\",\"required\":true}]}", e.A));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/surveys/%lld/open", sv2), e.sw, NULL), 200);
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE person_id = %lld AND ref_entity = 'surveys'"
				" AND ref_id = %lld", p1, sv2)), 0);
	long long n0 = db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE person_id = %lld AND channel = 'sms'"
				     " AND kind = 'emergency_callout'", p1));
	mobilized(s, &e, 1);
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE person_id = %lld AND channel = 'sms'"
				" AND kind = 'emergency_callout'", p1)), n0 + 1);
	CHECK_INT(db_int(s, fmt("SELECT COUNT(*) FROM notifications WHERE person_id = %lld AND channel = 'email'"
				" AND kind = 'emergency_callout'", p1)), 1);
}

void t_replies_rotation_reseals_inbound_phones(struct srv *s)
{
	struct rw e;
	if (!rw_setup(s, &e))
		return;
	long long p1;
	char ph1[12];
	phone_n(ph1, 561);
	long long v1 = vol(s, &e, 1, ph1, &p1);
	long long em = mobilized(s, &e, 1);
	EXPECT_STATUS(inbound(s, ph1, "1", "rot-1"), 200);
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM sms_inbound WHERE phone_enc LIKE 'k2:%'"), 0);
	const char *argv[] = {s->bin, "rotate-key", "--db", s->db, "--key-file", s->key, "--batch", "100", NULL};
	CHECK_INT(run_tool(s, argv, NULL), 0);
	/* the inbound phone is under the new key, its hash the person's again */
	CHECK_INT(db_int(s, "SELECT COUNT(*) FROM sms_inbound WHERE phone_enc LIKE 'k2:%'"), 1);
	CHECK_STR(db_text(s, "SELECT phone_hash FROM sms_inbound WHERE gateway_id = 'rot-1'"),
		  db_text(s, fmt("SELECT phone_hash FROM people WHERE id = %lld", p1)));
	/* sessions ended with the old key; the phone still finds its call-out */
	s->admin = LOGIN(s, ADMIN_USER, ADMIN_PASS);
	struct resp *r = inbound(s, ph1, "2", "rot-2");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "outcome"), "declined");
	CHECK_STR(status_of(s, em, v1), "declined");
}
