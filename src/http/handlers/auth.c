/* auth.c - POST /login, POST /logout, GET /me, POST /me/password. */
#include <stdio.h>
#include <string.h>

#include "http/handlers/handlers.h"
#include "http/ratelimit.h"
#include "domain/timefmt.h"
#include "model/codec.h"

static json_t *user_json(struct ctx *x, int64_t id)
{
	struct rec u;
	struct errinfo ei;
	struct ctx self = *x;
	self.who = NULL; /* the caller may always read itself */
	if (svc_get(&self, &res_users, id, &u, &ei))
		return json_null();
	return codec_encode(&u, 0);
}

static void set_cookies(struct req *r, const char *token, const char *csrf, int64_t max_age)
{
	const char *secure = r->app->secure_cookies || r->https ? "; Secure" : "";
	resp_header(r, "Set-Cookie",
		    arena_printf(&r->arena, "ld_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
				 (long long)max_age, secure));
	resp_header(r, "Set-Cookie",
		    arena_printf(&r->arena, "ld_csrf=%s; Path=/; SameSite=Strict; Max-Age=%lld%s", csrf,
				 (long long)max_age, secure));
}

void h_login(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"username", "password"};
	const char *vals[2];
	if (body_strings(r, names, vals, 2))
		return;
	const char *user = vals[0], *pass = vals[1];
	if (!user || !*user || !pass || !*pass) {
		reply_errc(r, ERR_REQUIRED, !user || !*user ? "username" : "password", "username and password are required");
		return;
	}
	struct login_result lr;
	struct errinfo ei;
	char addr[RATELIMIT_KEY];
	ratelimit_key(r->client_ip, addr);
	enum err e = auth_login(x, user, addr, pass, &lr, &ei);
	if (e) {
		if (e == ERR_THROTTLED)
			resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld", (long long)lr.retry_after));
		reply_err(r, &ei);
		return;
	}
	set_cookies(r, lr.token, lr.csrf, x->app->session_ttl);
	char exp[32];
	time_format(lr.expires_at, exp);
	reply_json(r, 200, json_pack("{s:s,s:s,s:s,s:o}", "token", lr.token, "csrf_token", lr.csrf, "expires_at", exp,
				     "user", user_json(x, lr.user_id)));
}

const char *req_session_token(struct req *r)
{
	const char *h = req_header(r, "Authorization");
	if (h && strncmp(h, "Bearer ", 7) == 0)
		return h + 7;
	return req_cookie(r, "ld_session");
}

void h_logout(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	const char *token = req_session_token(r);
	if (token && auth_logout(x, token, &ei)) {
		reply_err(r, &ei);
		return;
	}
	auth_logout_audit(x);
	set_cookies(r, "", "", 0);
	reply_empty(r, 204);
}

void h_me(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	reply_json(r, 200, user_json(x, x->who->user_id));
}

/* POST /me/password {"current_password", "new_password"} (issue 13): the
 * caller's own password; its other sessions end, this one stays. */
void h_me_password(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"current_password", "new_password"};
	const char *vals[2];
	if (body_strings(r, names, vals, 2))
		return;
	for (int i = 0; i < 2; i++)
		if (!vals[i] || !*vals[i]) {
			reply_errc(r, ERR_REQUIRED, names[i], arena_printf(&r->arena, "%s is required", names[i]));
			return;
		}
	struct errinfo ei;
	char addr[RATELIMIT_KEY];
	int64_t retry_after;
	ratelimit_key(r->client_ip, addr);
	if (auth_password_change(x, req_session_token(r), addr, vals[0], vals[1], &retry_after, &ei)) {
		if (ei.code == ERR_THROTTLED)
			resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld", (long long)retry_after));
		reply_err(r, &ei);
		return;
	}
	reply_empty(r, 204);
}

/* POST /people/{id}/reveal {"fields", "reason"} (issue 13): the fields asked
 * for, in full; the service checks the role and writes the audit entry. */
void h_person_reveal(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in;
	struct errinfo ei;
	struct person_reveal out;
	if (decode_rec(r, x, &person_reveal_body, 0, &in))
		return;
	if (svc_person_reveal(x, r->path_id, &in, &out, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *j = json_pack("{s:I}", "id", (json_int_t)r->path_id);
	if (out.asked_id_number)
		json_object_set_new(j, "id_number", out.id_number ? json_string(out.id_number) : json_null());
	if (out.asked_phone)
		json_object_set_new(j, "phone", out.phone ? json_string(out.phone) : json_null());
	if (out.asked_birth_date)
		json_object_set_new(j, "birth_date", out.birth_date ? json_string(out.birth_date) : json_null());
	resp_header(r, "Cache-Control", "no-store");
	reply_json(r, 200, j);
}
