/* auth.c - sign-in, sessions and the caller's scope.
 *
 * Sessions and login throttling live in the store, so any server process
 * accepts any session and a throttle holds across processes. The password is
 * verified (argon2id, ~0.1 s) outside any transaction so that it never holds
 * the write lock.
 *
 * Throttling (issue 13) counts the failures of the login window twice: of
 * one account from one client address, which after login_max_failures
 * must wait a delay that doubles with each further failure (2 s, 4 s, 8 s
 * ... up to the window) and is then let in with the right password; and of
 * one address whatever the account, which past login_addr_max_failures
 * waits until its oldest failure leaves the window (password spraying).
 * Neither ever stops the owner signing in from another address. */
#include <pthread.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/password.h"
#include "service/service.h"
#include "service/keys.h"
#include "service/session_cache.h"
#include "store/store.h"

/* A fixed argon2id hash verified when the user does not exist, so that an
 * unknown username takes as long as a wrong password. */
static char dummy[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	crypto_password_hash("liandong-no-such-user", dummy);
}

static const char *dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy;
}

struct attempt {
	const char *username;
	const char *addr;
	struct login_result *out;
};

static enum err record_failure(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct attempt *f = arg;
	enum err e = store_login_failure_add(x->c, f->username, f->addr, x->now,
						x->now - x->app->login_window);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* The seconds an account waits after n failures from one address: none
 * before `free_tries`, then 2, 4, 8 ... at most cap. (Times are whole
 * seconds: a delay of d lasts between d - 1 and d seconds, so the first is
 * 2, never a wait of nothing.) */
static int64_t account_delay(int64_t n, int free_tries, int64_t cap)
{
	if (n < free_tries)
		return 0;
	int64_t d = 2;
	for (int64_t i = free_tries; i < n && d < cap; i++)
		d *= 2;
	return d < cap ? d : cap;
}

static enum err open_session(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct attempt *s = arg;
	char hash[KEYSET_MAX][65];
	enum err e;
	crypto_token(s->out->token);
	crypto_token(s->out->csrf);
	if (!svc_token_hashes(x, s->out->token, 1, hash))
		return err_set(ei, ERR_UNAVAILABLE, NULL, "this server does not hold the database's key");
	s->out->expires_at = x->now + x->app->session_ttl;
	if ((e = store_login_failures_clear(x->c, s->username, s->addr)) ||
	    (e = store_session_put(x->c, hash[0], s->out->user_id, s->out->csrf, x->now, s->out->expires_at)) ||
	    (e = store_audit(x->c, x->now, s->out->user_id, "login", "users", s->out->user_id, NULL, NULL)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* The throttle of sign-ins (see the top): ERR_THROTTLED with the seconds
 * to wait in *retry_after while `username` from `addr` must wait. */
static enum err throttle_check(struct ctx *x, const char *username, const char *addr, int64_t *retry_after,
			       struct errinfo *ei)
{
	struct login_failures lf;
	int64_t window = x->app->login_window;
	enum err e;
	if ((e = store_login_failures(x->c, username, addr, x->now - window, &lf)))
		return err_set(ei, e, NULL, NULL);
	if (lf.addr >= x->app->login_addr_max_failures) {
		*retry_after = lf.addr_oldest + window - x->now;
		if (*retry_after < 1)
			*retry_after = 1;
		return err_set(ei, ERR_THROTTLED, NULL, "too many failed sign-ins from this address; try again later");
	}
	int64_t delay = account_delay(lf.account, x->app->login_max_failures, window);
	if (delay && x->now < lf.account_latest + delay) {
		*retry_after = lf.account_latest + delay - x->now;
		return err_set(ei, ERR_THROTTLED, "username", "too many failed sign-ins; try again later");
	}
	return ERR_OK;
}

/* Whether `password` is the user's: the user's id and the verdict (an
 * unknown user takes as long as a wrong password and is never right). */
static enum err password_matches(struct ctx *x, const char *username, const char *password, int64_t *id, int *ok,
				 struct errinfo *ei)
{
	const char *hash = NULL;
	enum err e = store_user_by_name(x->c, username, id, &hash, x->a);
	if (e && e != ERR_NOT_FOUND)
		return err_set(ei, e, NULL, NULL);
	*ok = crypto_password_verify(e ? dummy_hash() : hash, password) && !e;
	return ERR_OK;
}

enum err auth_login(struct ctx *x, const char *username, const char *addr, const char *password,
		    struct login_result *out, struct errinfo *ei)
{
	int64_t id = 0;
	int ok;
	enum err e;

	memset(out, 0, sizeof *out);
	if ((e = throttle_check(x, username, addr, &out->retry_after, ei)) ||
	    (e = password_matches(x, username, password, &id, &ok, ei)))
		return e;
	struct attempt at = {username, addr, out};
	if (!ok) {
		if ((e = svc_tx(x, record_failure, &at, ei)))
			return e;
		return err_set(ei, ERR_UNAUTHORIZED, "password", "wrong username or password");
	}
	out->user_id = id;
	return svc_tx(x, open_session, &at, ei);
}

struct password_change {
	const char *addr, *hash;
	char keep[KEYSET_MAX][65];
	int nkeep;
};

static enum err set_password(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct password_change *pc = arg;
	enum err e;
	if ((e = store_password_set(x->c, x->who->user_id, pc->hash)) ||
	    (e = store_sessions_end_others(x->c, x->who->user_id, pc->keep[0], pc->keep[pc->nkeep > 1])) ||
	    (e = store_login_failures_clear(x->c, x->who->username, pc->addr)) ||
	    (e = store_audit(x->c, x->now, x->who->user_id, "password_change", "users", x->who->user_id, NULL, NULL)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err auth_password_change(struct ctx *x, const char *token, const char *addr, const char *current,
			      const char *next, int64_t *retry_after, struct errinfo *ei)
{
	struct password_change pc = {.addr = addr};
	const char *weak = password_weakness(x->who->username, next);
	int64_t id;
	int ok;
	enum err e;
	*retry_after = 0;
	if (weak)
		return err_set(ei, ERR_INVALID, "new_password", weak);
	if (strcmp(current, next) == 0)
		return err_set(ei, ERR_INVALID, "new_password", "new_password must differ from current_password");
	if ((e = throttle_check(x, x->who->username, addr, retry_after, ei)) ||
	    (e = password_matches(x, x->who->username, current, &id, &ok, ei)))
		return e;
	if (!ok || id != x->who->user_id) {
		struct attempt at = {x->who->username, addr, NULL};
		if ((e = svc_tx(x, record_failure, &at, ei)))
			return e;
		return err_set(ei, ERR_FORBIDDEN, "current_password", "current_password is wrong");
	}
	char hash[128];
	if (crypto_password_hash(next, hash) != 0)
		return err_set(ei, ERR_INTERNAL, NULL, "cannot hash the password");
	pc.hash = hash;
	if (!(pc.nkeep = svc_token_hashes(x, token, 0, pc.keep)))
		return err_set(ei, ERR_UNAVAILABLE, NULL, "this server does not hold the database's key");
	return svc_tx(x, set_password, &pc, ei);
}

static void add_path(const char **slots, const char *path)
{
	for (int i = 0; i < SCOPE_SLOTS; i++)
		if (!slots[i]) {
			slots[i] = path;
			return;
		}
}

enum err auth_session(struct ctx *x, const char *token, struct principal **out, struct errinfo *ei)
{
	char hash[KEYSET_MAX][65], key[65] = "";
	struct session_row sr;
	enum err e = ERR_NOT_FOUND;
	struct session_cache *cache = x->app->sessions;
	/* read before the store: a write committed after it makes the copy stale */
	uint64_t gen = store_auth_generation(x->app->store);

	/* under each key held; on a miss, once more after reading the store's
	 * key state (another server may have begun a rotation) */
	for (int force = 0; force < 2 && e == ERR_NOT_FOUND; force++) {
		int n = svc_token_hashes(x, token, force, hash);
		if (force == 0 && n > 0) {
			memcpy(key, hash[0], sizeof key);
			if (cache && session_cache_get(cache, key, gen, x->now, &sr, x->a)) {
				e = ERR_OK;
				break;
			}
		}
		for (int i = 0; i < n && e == ERR_NOT_FOUND; i++)
			e = store_session_get(x->c, hash[i], x->now, &sr, x->a);
		if (e == ERR_OK && cache && key[0])
			session_cache_put(cache, key, gen, &sr);
	}
	if (e == ERR_NOT_FOUND)
		return err_set(ei, ERR_UNAUTHORIZED, NULL, "the session is missing or has expired");
	if (e)
		return err_set(ei, e, NULL, NULL);

	struct principal *p = arena_alloc(x->a, sizeof *p);
	p->user_id = sr.user_id;
	p->person_id = sr.person_id;
	p->username = sr.username;
	p->csrf = sr.csrf;
	p->roles = sr.roles;
	p->nroles = sr.nroles;
	p->scope.self_person_id = p->person_id;
	p->scope.self_user_id = sr.user_id;
	for (int i = 0; i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r < 0)
			continue;
		p->role_mask |= RB(r);
		if (r == R_PLATFORM_ADMIN)
			p->scope.all = 1;
		else if (r == R_REGIONAL_ADMIN)
			add_path(p->scope.region_paths, p->roles[i].path);
		else if ((ROLES_ORG_STAFF & RB(r)) && p->roles[i].path)
			add_path(p->scope.org_paths, p->roles[i].path);
	}
	*out = p;
	return ERR_OK;
}

enum err auth_logout(struct ctx *x, const char *token, struct errinfo *ei)
{
	char hash[KEYSET_MAX][65];
	int n = svc_token_hashes(x, token, 0, hash);
	enum err e = ERR_OK;
	for (int i = 0; i < n && !e; i++)
		e = store_session_del(x->c, hash[i]);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

void auth_logout_audit(struct ctx *x)
{
	int64_t user_id = x->who ? x->who->user_id : 0;
	(void)store_audit(x->c, x->now, user_id, "logout", "users", user_id, NULL, NULL);
}
