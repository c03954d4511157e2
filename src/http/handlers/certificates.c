/* certificates.c - handlers for certificates of service hours: issue and
 * list a volunteer's, the public check by code (throttled per client
 * address), the PDF. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "http/ratelimit.h"
#include "model/codec.h"
#include "service/certificates.h"

void h_cert_issue(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in, out;
	struct errinfo ei;
	if (decode_rec(r, x, &certificate_entity, 0, &in) == 0)
		reply_rec(r, svc_cert_issue(x, r->path_id, &in, &out, &ei), &ei, &out, 201);
}

void h_cert_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	list_nested(r, x, &res_certificates, "volunteer_id");
}

int public_lookup_throttle(struct req *r)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t wait = ratelimit_take(r->app->cert_lookups, r->client_ip ? r->client_ip : "",
				      (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
	if (!wait)
		return 0;
	resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld", (long long)wait));
	reply_errc(r, ERR_THROTTLED, NULL, "too many code lookups from this address; try again later");
	return -1;
}

void h_cert_public(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct cert_public c;
	struct errinfo ei;
	if (r->app->cert_lookups && public_lookup_throttle(r))
		return;
	if (svc_cert_public(x, r->path_seg, &c, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *orgs = json_array();
	for (int i = 0; i < c.norgs; i++)
		json_array_append_new(orgs, json_string(c.orgs[i]));
	char revoked[32];
	if (c.revoked_at)
		time_format(c.revoked_at, revoked);
	reply_json(r, 200,
		   json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:o,s:s,s:o}", "code", c.code, "number", c.number, "name",
			     c.name, "volunteer_no", c.volunteer_no, "from", c.from, "to", c.to, "hours", c.hours,
			     "orgs", orgs, "status", c.status, "revoked_at",
			     c.revoked_at ? json_string(revoked) : json_null()));
}

void h_cert_pdf(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	char *pdf;
	size_t len;
	struct errinfo ei;
	const char *base = req_public_base(r);
	if (!base) {
		reply_errc(r, ERR_BAD_REQUEST, "Host",
			   "the Host header is not a host name the verification link can use (or set --public-url)");
		return;
	}
	if (svc_cert_pdf(x, r->path_seg, base, &pdf, &len, &ei)) {
		reply_err(r, &ei);
		return;
	}
	resp_header(r, "Content-Disposition", "inline; filename=\"certificate.pdf\"");
	r->status = 200;
	r->resp = pdf;
	r->resp_len = len;
	r->content_type = "application/pdf";
}
