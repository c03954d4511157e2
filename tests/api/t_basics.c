/* t_basics.c - health, security headers and the generic error contract
 * (404, 405, 400 invalid_json, 413, 415, unknown fields, read-only fields,
 * bad query parameters), each error with error.code and error.message. */
#include "tests.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void t_health_reports_ok_sqlite_and_version(struct srv *s)
{
	struct resp *r = http(s, "GET", "/api/v1/health", NULL, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(jstr(r->json, "status"), "ok");
	CHECK_STR(jstr(r->json, "store"), expected_store());
	const char *v = jstr(r->json, "version");
	CHECKR(r, v != NULL && *v != '\0');
	const char *ct = resp_header(r, "Content-Type");
	CHECKM(ct != NULL && strncasecmp(ct, "application/json", 16) == 0,
		"Content-Type: expected application/json, got %s", ct ? ct : "(none)");
}

void t_security_headers_on_api_responses(struct srv *s)
{
	struct resp *rs[] = {
		http(s, "GET", "/api/v1/health", NULL, NULL),
		http(s, "GET", "/api/v1/people", s->admin, NULL),
		http(s, "GET", "/api/v1/people", NULL, NULL),
		http(s, "GET", "/api/v1/no-such-route", s->admin, NULL),
		http(s, "POST", "/api/v1/people", s->admin, "{"),
	};
	for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++) {
		struct resp *r = rs[i];
		const char *csp = resp_header(r, "Content-Security-Policy");
		CHECKR(r, csp != NULL && strstr(csp, "frame-ancestors") != NULL);
		const char *xcto = resp_header(r, "X-Content-Type-Options");
		CHECKR(r, xcto != NULL && strcasecmp(xcto, "nosniff") == 0);
		const char *ct = resp_header(r, "Content-Type");
		CHECKR(r, ct != NULL && strncasecmp(ct, "application/json", 16) == 0);
	}
}

void t_unknown_route_is_404_json(struct srv *s)
{
	EXPECT_ERR(http(s, "GET", "/api/v1/no-such-route", s->admin, NULL), 404,
		"not_found", NULL);
	EXPECT_ERR(http(s, "GET", "/api/v1/people/999999", s->admin, NULL), 404,
		"not_found", NULL);
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs/999999", s->admin, NULL), 404,
		"not_found", NULL);
}

void t_wrong_method_is_405(struct srv *s)
{
	EXPECT_ERR(http(s, "DELETE", "/api/v1/health", s->admin, NULL), 405,
		"method_not_allowed", NULL);
	EXPECT_ERR(http(s, "PUT", "/api/v1/regions", s->admin, "{}"), 405,
		"method_not_allowed", NULL);
	EXPECT_ERR(http(s, "GET", "/api/v1/login", NULL, NULL), 405,
		"method_not_allowed", NULL);
}

void t_malformed_json_is_400_and_changes_nothing(struct srv *s)
{
	static const char *bad[] = {"{\"name\": ", "{name: 'x'}", "not json", "{\"name\":\"a\"}}"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin, bad[i]), 400,
			"invalid_json", NULL);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
}

void t_oversized_body_is_413(struct srv *s)
{
	size_t n = 1024 * 1024 + 1024;
	char *body = track(malloc(n + 1), free);
	memcpy(body, "{\"name\":\"", 9);
	memset(body + 9, 'a', n - 11);
	memcpy(body + n - 2, "\"}", 3);
	struct resp *r = http_req(s, &(struct req){.method = "POST",
		.path = "/api/v1/people", .token = s->admin, .body = body,
		.body_len = n, .allow_expect = true, .timeout_ms = 30000});
	EXPECT_ERR(r, 413, "payload_too_large", NULL);
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
}

void t_non_json_content_type_is_415(struct srv *s)
{
	struct resp *r = http_req(s, &(struct req){.method = "POST",
		.path = "/api/v1/people", .token = s->admin,
		.body = "{\"name\":\"Wang\"}", .content_type = "text/plain"});
	EXPECT_ERR(r, 415, "unsupported_media_type", NULL);
	r = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/people",
		.token = s->admin, .body = "name=Wang",
		.content_type = "application/x-www-form-urlencoded"});
	EXPECT_ERR(r, 415, "unsupported_media_type", NULL);
	/* A charset parameter is still JSON. */
	r = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/people",
		.token = s->admin, .body = "{\"name\":\"Wang\"}",
		.content_type = "application/json; charset=utf-8"});
	EXPECT_STATUS(r, 201);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
}

void t_unknown_field_is_400_naming_it(struct srv *s)
{
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		"{\"name\":\"Li\",\"nickname\":\"xiao li\"}"), 400, "unknown_field", "nickname");
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt("{\"name\":\"A\","
		"\"kind\":\"other\",\"region_id\":%lld,\"colour\":\"red\"}", city)),
		400, "unknown_field", "colour");
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
	CHECK_INT(COUNT(s, "/api/v1/orgs"), 0);
}

void t_read_only_and_wrong_type_fields_are_422(struct srv *s)
{
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		"{\"name\":\"Li\",\"id\":77}"), 422, "read_only", "id");
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		"{\"name\":\"Li\",\"skills\":\"cooking\"}"), 422, "invalid_value", "skills");
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		"{\"name\":\"Li\",\"lat\":\"30.3\"}"), 422, "invalid_value", "lat");
	CHECK_INT(COUNT(s, "/api/v1/people"), 0);
}

void t_bad_query_parameter_is_400_naming_it(struct srv *s)
{
	EXPECT_ERR(http(s, "GET", "/api/v1/people?region_id=abc", s->admin, NULL),
		400, NULL, "region_id");
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs?limit=abc", s->admin, NULL),
		400, NULL, "limit");
	EXPECT_STATUS(http(s, "GET", "/api/v1/people?no_such_param=1", s->admin, NULL), 200);
}

/* Headers past the connection's memory limit (64 KiB) are refused by the
 * HTTP layer before any handler runs, and the server goes on serving. */
void t_oversized_headers_are_431(struct srv *s)
{
	size_t n = 100 * 1024;
	char *h = malloc(n + 16);
	if (!CHECK(h != NULL))
		return;
	memcpy(h, "X-Big: ", 7);
	memset(h + 7, 'a', n);
	h[7 + n] = 0;
	struct resp *r = http_req(s, &(struct req){.method = "GET", .path = "/api/v1/health", .extra_header = h});
	free(h);
	CHECKR(r, r->status == 431 || r->status == 413);
	EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
}
