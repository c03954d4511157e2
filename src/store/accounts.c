/* accounts.c - what signing in reads and writes: users by name, their role
 * bindings (with the path of the org or region each is bound to, for the
 * read scope), sessions (read with the user and roles in one query on every
 * signed-in request), and the failed sign-ins that throttle guessing. */
#include "store/store_int.h"

static struct stmt q_user_by_name = STMT("SELECT id, password_hash FROM users WHERE username = ?1");
static struct stmt q_roles = STMT("SELECT ur.role, ur.org_id, ur.region_id, COALESCE(o.path, r.path), orr.path"
				  " FROM user_roles ur LEFT JOIN orgs o ON o.id = ur.org_id"
				  " LEFT JOIN regions r ON r.id = ur.region_id"
				  " LEFT JOIN regions orr ON orr.id = o.region_id"
				  " WHERE ur.user_id = ?1 ORDER BY ur.id");
static struct stmt q_role_add =
	STMT("INSERT INTO user_roles (user_id, role, org_id, region_id) VALUES (?1, ?2, ?3, ?4)");
static struct stmt q_roles_clear = STMT("DELETE FROM user_roles WHERE user_id = ?1");
static struct stmt q_session_put = STMT("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)"
					" VALUES (?1, ?2, ?3, ?4, ?5)");
/* the session, its user and every role binding (one row each, or one row
 * with a NULL role): one round trip per signed-in request */
static struct stmt q_session_get = STMT("SELECT s.user_id, s.csrf, s.expires_at, u.username, u.person_id,"
					" ur.role, ur.org_id, ur.region_id, COALESCE(o.path, r.path), orr.path"
					" FROM sessions s JOIN users u ON u.id = s.user_id"
					" LEFT JOIN user_roles ur ON ur.user_id = u.id"
					" LEFT JOIN orgs o ON o.id = ur.org_id"
					" LEFT JOIN regions r ON r.id = ur.region_id"
					" LEFT JOIN regions orr ON orr.id = o.region_id"
					" WHERE s.token_hash = ?1 AND s.expires_at > ?2 ORDER BY ur.id");
static struct stmt q_session_del = STMT("DELETE FROM sessions WHERE token_hash = ?1");
static struct stmt q_session_gc = STMT("DELETE FROM sessions WHERE expires_at < ?1");
static struct stmt q_sessions_of_user =
	STMT("SELECT created_at, expires_at, CASE WHEN token_hash IN (?3, ?4) THEN 1 ELSE 0 END FROM sessions"
	     " WHERE user_id = ?1 AND expires_at > ?2 ORDER BY created_at, expires_at LIMIT ?5");
static struct stmt q_sessions_end_others =
	STMT("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2 AND token_hash <> ?3");
static struct stmt q_password_set = STMT("UPDATE users SET password_hash = ?2 WHERE id = ?1");
static struct stmt q_login_fail_account = STMT("SELECT COUNT(*), MAX(at) FROM login_failures"
					       " WHERE username = ?1 AND addr = ?2 AND at > ?3");
static struct stmt q_login_fail_addr =
	STMT("SELECT COUNT(*), MIN(at) FROM login_failures WHERE addr = ?1 AND at > ?2");
static struct stmt q_login_fail_add =
	STMT("INSERT INTO login_failures (username, addr, at) VALUES (?1, ?2, ?3)");
static struct stmt q_login_fail_clear = STMT("DELETE FROM login_failures WHERE username = ?1 AND addr = ?2");
static struct stmt q_login_fail_prune = STMT("DELETE FROM login_failures WHERE at < ?1");

/* A role binding from 5 columns: role, org_id, region_id, path, org's region path. */
static struct role_row role_of(const struct sval *v, struct arena *a)
{
	return (struct role_row){sv_text(&v[0], a), sv_int(&v[1]), sv_int(&v[2]), sv_text(&v[3], a),
				 sv_text(&v[4], a)};
}

enum err store_user_by_name(struct store_conn *c, const char *username, int64_t *id, const char **hash,
			    struct arena *a)
{
	struct sval p[1] = {P_text(username)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_user_by_name, p, 1, &rows, 1, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	*id = sv_int(&rows.v[0]);
	*hash = sv_text(&rows.v[1], a);
	return ERR_OK;
}

enum err store_roles(struct store_conn *c, int64_t user_id, struct role_row **out, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(user_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_roles, p, 1, &rows, 64, a, NULL);
	if (e)
		return e;
	struct role_row *r = arena_alloc(a, sizeof *r * (size_t)(rows.nrows ? rows.nrows : 1));
	for (int i = 0; i < rows.nrows; i++)
		r[i] = role_of(srows_row(&rows, i), a);
	*out = r;
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_role_add(struct store_conn *c, int64_t user_id, const char *role, int64_t org_id, int64_t region_id)
{
	struct sval p[4] = {P_int(user_id), P_text(role), P_int0(org_id), P_int0(region_id)};
	return store_run(c, &q_role_add, p, 4, NULL, 0, NULL, NULL);
}

enum err store_roles_clear(struct store_conn *c, int64_t user_id)
{
	struct sval p[1] = {P_int(user_id)};
	return store_run(c, &q_roles_clear, p, 1, NULL, 0, NULL, NULL);
}

enum err store_session_put(struct store_conn *c, const char *hash, int64_t user_id, const char *csrf,
			   int64_t now, int64_t expires)
{
	struct sval gc[1] = {P_int(now)};
	enum err e = store_run(c, &q_session_gc, gc, 1, NULL, 0, NULL, NULL);
	if (e)
		return e;
	struct sval p[5] = {P_text(hash), P_int(user_id), P_text(csrf), P_int(now), P_int(expires)};
	return store_run(c, &q_session_put, p, 5, NULL, 0, NULL, NULL);
}

enum err store_session_get(struct store_conn *c, const char *hash, int64_t now, struct session_row *out,
			   struct arena *a)
{
	struct sval p[2] = {P_text(hash), P_int(now)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_session_get, p, 2, &rows, 64, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	out->user_id = sv_int(&rows.v[0]);
	out->csrf = sv_text(&rows.v[1], a);
	out->expires = sv_int(&rows.v[2]);
	out->username = sv_text(&rows.v[3], a);
	out->person_id = sv_int(&rows.v[4]);
	out->roles = arena_alloc(a, sizeof *out->roles * (size_t)rows.nrows);
	out->nroles = 0;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		if (v[5].t == SV_NULL)
			continue;
		out->roles[out->nroles++] = role_of(&v[5], a);
	}
	return ERR_OK;
}

enum err store_session_del(struct store_conn *c, const char *hash)
{
	struct sval p[1] = {P_text(hash)};
	return store_run(c, &q_session_del, p, 1, NULL, 0, NULL, NULL);
}

enum err store_sessions_of_user(struct store_conn *c, int64_t user_id, int64_t now, const char *cur1,
				const char *cur2, int max, struct session_info *out, int *n)
{
	struct sval p[5] = {P_int(user_id), P_int(now), P_text(cur1), P_text(cur2), P_int(max)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_sessions_of_user, p, 5, &rows, max, &a, NULL);
	*n = 0;
	for (int i = 0; !e && i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		out[(*n)++] = (struct session_info){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]) != 0};
	}
	arena_release(&a);
	return e;
}

enum err store_sessions_end_others(struct store_conn *c, int64_t user_id, const char *keep1, const char *keep2)
{
	struct sval p[3] = {P_int(user_id), P_text(keep1), P_text(keep2)};
	return store_run(c, &q_sessions_end_others, p, 3, NULL, 0, NULL, NULL);
}

enum err store_password_set(struct store_conn *c, int64_t user_id, const char *hash)
{
	struct sval p[2] = {P_int(user_id), P_text(hash)};
	return store_run(c, &q_password_set, p, 2, NULL, 0, NULL, NULL);
}

/* A COUNT(*) and a MIN/MAX(at) row into n and at (0 when none). */
static enum err count_and_time(struct store_conn *c, struct stmt *q, const struct sval *p, int np, int64_t *n,
			       int64_t *at)
{
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, q, p, np, &rows, 1, &a, NULL);
	*n = !e && rows.nrows ? sv_int(&rows.v[0]) : 0;
	*at = !e && rows.nrows ? sv_int(&rows.v[1]) : 0;
	arena_release(&a);
	return e;
}

enum err store_login_failures(struct store_conn *c, const char *username, const char *addr, int64_t since,
			      struct login_failures *out)
{
	struct sval pa[3] = {P_text(username), P_text(addr), P_int(since)};
	struct sval pb[2] = {P_text(addr), P_int(since)};
	enum err e = count_and_time(c, &q_login_fail_account, pa, 3, &out->account, &out->account_latest);
	return e ? e : count_and_time(c, &q_login_fail_addr, pb, 2, &out->addr, &out->addr_oldest);
}

enum err store_login_failure_add(struct store_conn *c, const char *username, const char *addr, int64_t at,
				 int64_t forget_before)
{
	struct sval old[1] = {P_int(forget_before)};
	struct sval p[3] = {P_text(username), P_text(addr), P_int(at)};
	enum err e = store_run(c, &q_login_fail_prune, old, 1, NULL, 0, NULL, NULL);
	return e ? e : store_run(c, &q_login_fail_add, p, 3, NULL, 0, NULL, NULL);
}

enum err store_login_failures_clear(struct store_conn *c, const char *username, const char *addr)
{
	struct sval p[2] = {P_text(username), P_text(addr)};
	return store_run(c, &q_login_fail_clear, p, 2, NULL, 0, NULL, NULL);
}
