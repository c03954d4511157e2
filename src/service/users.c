/* users.c - accounts and their role bindings (domain/roles.h).
 *
 * Who may grant what: a platform admin anything; a regional admin any role
 * but platform_admin inside its region subtree (regional_admin only strictly
 * below its own region); an org admin the org roles inside its org subtree.
 * Editing a user needs the right to grant every role it already holds. */
#include <string.h>

#include "crypto/crypto.h"
#include "domain/password.h"
#include "model/codec.h"
#include "service/service.h"
#include "store/store.h"

#define MAX_ROLES 8

static enum err grant_check(struct ctx *x, const struct role_in *ri, struct errinfo *ei)
{
	int r = role_parse(ri->role);
	if (r < 0)
		return err_setf(ei, ERR_INVALID, "roles", "unknown role %s", ri->role);
	enum role_binding b = role_binding((enum role)r);
	if ((b == BIND_NONE && (ri->org_id || ri->region_id)) || (b == BIND_REGION && (!ri->region_id || ri->org_id)) ||
	    (b == BIND_ORG && (!ri->org_id || ri->region_id)) || (b == BIND_ORG_OPTIONAL && ri->region_id))
		return err_setf(ei, ERR_INVALID, "roles", "role %s must be bound to %s", ri->role,
				b == BIND_NONE ? "nothing" : b == BIND_REGION ? "a region_id" : "an org_id");
	const char *opath = NULL, *rpath = NULL;
	enum err e;
	if (ri->org_id && (e = org_paths(x, ri->org_id, "roles", &opath, &rpath, ei)))
		return e;
	if (ri->region_id && (e = region_path(x, ri->region_id, "roles", &rpath, ei)))
		return e;
	if (access_platform(x->who))
		return ERR_OK;
	if (r == R_PLATFORM_ADMIN)
		return err_set(ei, ERR_FORBIDDEN, "roles", "only a platform admin may grant platform_admin");
	if (r == R_REGIONAL_ADMIN) {
		/* strictly below: the target's parent path must be covered */
		size_t n = strlen(rpath);
		const char *slash = n > 1 ? (const char *)memrchr(rpath, '/', n - 1) : NULL;
		if (slash && access_region(x->who, arena_strndup(x->a, rpath, (size_t)(slash - rpath) + 1)))
			return ERR_OK;
		return err_set(ei, ERR_FORBIDDEN, "roles", "regional_admin may be granted only below one's own region");
	}
	if (rpath && access_region(x->who, rpath))
		return ERR_OK;
	if (opath && access_org(x->who, RB(R_ORG_ADMIN), opath))
		return ERR_OK;
	return err_setf(ei, ERR_FORBIDDEN, "roles", "the caller may not grant %s there", ri->role);
}

static enum err given_roles(struct ctx *x, const struct rec *nw, struct role_in **roles, int *n, struct errinfo *ei)
{
	*roles = NULL;
	*n = 0;
	const char *text = rec_text(nw, USER_ROLES);
	if (!text)
		return ERR_OK;
	enum err e = codec_roles(text, MAX_ROLES, roles, n, x->a, ei);
	if (e)
		return e;
	int org_staff = 0, regional = 0;
	for (int i = 0; i < *n; i++) {
		int r = role_parse((*roles)[i].role);
		org_staff += r >= 0 && (ROLES_ORG_STAFF & RB(r));
		regional += r == R_REGIONAL_ADMIN;
	}
	if (org_staff > SCOPE_SLOTS || regional > SCOPE_SLOTS)
		return err_setf(ei, ERR_INVALID, "roles", "at most %d org staff and %d regional roles", SCOPE_SLOTS,
				SCOPE_SLOTS);
	return ERR_OK;
}

static enum err current_roles(struct ctx *x, int64_t user_id, struct role_in **out, int *n)
{
	struct role_row *rows;
	enum err e = store_roles(x->c, user_id, &rows, n, x->a);
	if (e)
		return e;
	*out = arena_alloc(x->a, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct role_in){rows[i].role, rows[i].org_id, rows[i].region_id};
	return ERR_OK;
}

static enum err user_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct role_in *roles;
	int n;
	enum err e = given_roles(x, nw, &roles, &n, ei);
	if (e)
		return e;
	for (int i = 0; i < n; i++)
		if ((e = grant_check(x, &roles[i], ei)))
			return e;
	if (old && !access_platform(x->who)) {
		if ((e = current_roles(x, old->id, &roles, &n)))
			return err_set(ei, e, NULL, NULL);
		if (n == 0 && !old->vis_self)
			return err_set(ei, ERR_FORBIDDEN, NULL, "the user is outside the caller's scope");
		for (int i = 0; i < n; i++)
			if ((e = grant_check(x, &roles[i], ei)))
				return e;
	} else if (!old && n == 0 && !access_platform(x->who) && !(x->who->role_mask & (RB(R_ORG_ADMIN) | RB(R_REGIONAL_ADMIN)))) {
		return err_set(ei, ERR_FORBIDDEN, NULL, "the caller may not create users");
	}
	return ERR_OK;
}

static enum err user_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)x;
	const char *u = rec_text(nw, USER_USERNAME);
	if (strspn(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(u))
		return err_set(ei, ERR_INVALID, "username", "username may hold letters, digits, '.', '_' and '-'");
	const char *pw = rec_text(nw, USER_PASSWORD);
	if (!pw && !old)
		return err_set(ei, ERR_REQUIRED, "password", "password is required");
	if (pw) {
		const char *weak = password_weakness(u, pw);
		if (weak)
			return err_set(ei, ERR_INVALID, "password", weak);
		char hash[128];
		if (crypto_password_hash(pw, hash) != 0)
			return err_set(ei, ERR_INTERNAL, NULL, "cannot hash the password");
		rec_set_text(nw, USER_PASSWORD_HASH, arena_strdup(x->a, hash));
	}
	return ERR_OK;
}

static enum err user_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct role_in *roles;
	int n;
	enum err e;
	if (!rec_text(nw, USER_ROLES))
		return ERR_OK;
	if ((e = given_roles(x, nw, &roles, &n, ei)))
		return e;
	if ((e = store_roles_clear(x->c, nw->id)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++)
		if ((e = store_role_add(x->c, nw->id, roles[i].role, roles[i].org_id, roles[i].region_id)))
			return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* The roles, and the person's name for lists and pickers (issue 18; not in
 * the audit's before/after). */
static void user_present(struct ctx *x, struct rec *r, int mask_all)
{
	struct role_in *roles;
	int n;
	rec_set_null(r, USER_PASSWORD);
	rec_set_text(r, USER_NAME,
		     mask_all || !rec_has(r, USER_PERSON_ID) ? NULL : svc_person_name(x, rec_int(r, USER_PERSON_ID, 0)));
	if (current_roles(x, r->id, &roles, &n) == ERR_OK)
		rec_set_text(r, USER_ROLES, codec_roles_dump(roles, n, x->a));
}

const struct resource res_users = {
	.e = &user_entity,
	.authorize = user_authorize,
	.prepare = user_prepare,
	.after = user_after,
	.present = user_present,
	.gate_roles = RB(R_PLATFORM_ADMIN) | RB(R_REGIONAL_ADMIN) | RB(R_ORG_ADMIN),
};

enum err users_add_cli(struct ctx *x, const char *username, const char *password, const char *role,
		       int64_t org_id, int64_t region_id, int64_t *id, struct errinfo *ei)
{
	struct rec in, out;
	rec_init(&in, &user_entity);
	rec_set_text(&in, USER_USERNAME, username);
	rec_set_text(&in, USER_PASSWORD, password);
	struct role_in ri = {role, org_id, region_id};
	rec_set_text(&in, USER_ROLES, codec_roles_dump(&ri, 1, x->a));
	enum err e = svc_create(x, &res_users, &in, &out, ei);
	if (!e)
		*id = out.id;
	return e;
}
