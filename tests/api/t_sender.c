/* t_sender.c - the outbox's senders (issue 17) with real peers on loopback:
 * a person's e-mail address, an HTTP SMS gateway written in python3 that
 * counts each message by its idempotency key (answering 200, 500 or never
 * as told), an SMTP server with STARTTLS (python3, a self-signed
 * certificate from openssl) that refuses a recipient, the outbox's admin
 * routes, and `liandong worker` processes sharing the queue and killed
 * mid-batch. */
#include "tests.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void t_sender_person_email_validated(struct srv *s)
{
	static const char *const bad[] = {
		"\"nobody\"", "\"a b@example.org\"", "\"a@example.org\\r\\nBcc: x@y.org\"", "\"a@b\"",
		"\"a@example.org, b@example.org\"", "\"Name <a@example.org>\"", "\"@example.org\"", "\"a@.org\"",
		"\"a..b@example.org\"", "\"\"", "5",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct resp *r = http(s, "POST", "/api/v1/people", s->admin, fmt("{\"name\":\"A\",\"email\":%s}", bad[i]));
		if (!EXPECT_ERR(r, 422, "invalid_value", "email"))
			note("email %s", bad[i]);
	}
	char longmail[300];
	memset(longmail, 'a', 250);
	strcpy(longmail + 250, "@example.org");
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin, fmt("{\"name\":\"A\",\"email\":\"%s\"}", longmail)), 422,
		   "invalid_value", "email");
	struct resp *l = http(s, "GET", "/api/v1/people?name=A", s->admin, NULL);
	if (EXPECT_STATUS(l, 200))
		CHECK_INT((long long)json_array_size(jget(l->json, "items")), 0);
	struct resp *ok = http(s, "POST", "/api/v1/people", s->admin, "{\"name\":\"B\",\"email\":\"li.na+x@mail.example.cn\"}");
	if (EXPECT_STATUS(ok, 201)) {
		CHECK_STR(jstr(ok->json, "email"), "li.na+x@mail.example.cn");
		long long id = jint(ok->json, "id");
		EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin, "{\"email\":\"x y@z.org\"}"), 422,
			   "invalid_value", "email");
		struct resp *g = http(s, "GET", fmt("/api/v1/people/%lld", id), s->admin, NULL);
		if (EXPECT_STATUS(g, 200))
			CHECK_STR(jstr(g->json, "email"), "li.na+x@mail.example.cn");
		struct resp *n = http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin, "{\"email\":null}");
		if (EXPECT_STATUS(n, 200))
			CHECK(jisnull(n->json, "email") || !jget(n->json, "email"));
	}
}
