/* reveal.c - personal data on a need-to-know basis (issue 13, PIPL's
 * minimum necessary): reads give ID numbers and phones masked to everyone
 * but the person; a role that needs a value asks for it here, with a
 * reason, and every reveal is in the audit log (the fields that held a
 * value, and the reason; never the values). A request that reveals nothing
 * (the fields asked are empty) writes no entry.
 *
 * Who may see what in full (docs/API.md "Roles and scope"):
 *   the person themself and platform admins: every field;
 *   org admins over the person (an org_admin binding whose org subtree
 *   holds the person, not any binding of the caller): every field;
 *   the social worker assigned to a client case of the person: every field;
 *   supervisors and social workers over the person: the phone (to call). */
#include <string.h>

#include "crypto/crypto.h"
#include "model/codec.h"
#include "service/service.h"
#include "service/keys.h"
#include "store/store.h"

enum { F_ID_NUMBER = 1, F_PHONE = 2, F_BIRTH_DATE = 4 };

static const struct {
	const char *name;
	unsigned bit;
} reveal_fields[] = {{"id_number", F_ID_NUMBER}, {"phone", F_PHONE}, {"birth_date", F_BIRTH_DATE}};

/* The caller is the social worker of one of the person's client cases: one
 * of the caller's social-worker records is the case's social worker. */
static enum err assigned_worker(struct ctx *x, int64_t person_id, int *yes)
{
	static const struct scope all = {.all = 1};
	enum { MAX_SW = 20 };
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	struct rec sws[MAX_SW], one;
	int n = 0, k = 0;
	*yes = 0;
	if (!x->who->person_id)
		return ERR_OK;
	entity_filter_int(&sw_entity, f, "person_id", x->who->person_id);
	enum err e = store_list(x->c, &sw_entity, &all, 0, MAX_SW, f, sws, &n, x->a);
	for (int i = 0; !e && i < n && !*yes; i++) {
		struct val cf[ENTITY_MAX_FILTERS] = {{0}};
		entity_filter_int(&client_entity, cf, "person_id", person_id);
		entity_filter_int(&client_entity, cf, "social_worker_id", sws[i].id);
		e = store_list(x->c, &client_entity, &all, 0, 1, cf, &one, &k, x->a);
		*yes = !e && k > 0;
	}
	return e;
}

/* The person is inside the org subtree of one of the caller's org_admin
 * bindings (the role mask alone is not enough: an org admin of one org who
 * is a social worker of another sees that other org's people as a social
 * worker). */
static enum err org_admin_over(struct ctx *x, int64_t person_id, int *yes)
{
	struct scope sc = {0};
	int k = 0;
	*yes = 0;
	for (int i = 0; i < x->who->nroles && k < SCOPE_SLOTS; i++)
		if (strcmp(x->who->roles[i].role, "org_admin") == 0 && x->who->roles[i].path)
			sc.org_paths[k++] = x->who->roles[i].path;
	if (!k)
		return ERR_OK;
	struct rec p;
	enum err e = store_get(x->c, &person_entity, person_id, &sc, &p, x->a);
	*yes = !e && p.vis_org;
	return e;
}

/* The fields of p the caller may see in full. */
static enum err allowed_fields(struct ctx *x, const struct rec *p, unsigned *allowed)
{
	*allowed = 0;
	if (access_platform(x->who) || p->vis_self) {
		*allowed = F_ID_NUMBER | F_PHONE | F_BIRTH_DATE;
		return ERR_OK;
	}
	if (!p->vis_org)
		return ERR_OK;
	int yes = 0;
	enum err e = org_admin_over(x, p->id, &yes);
	if (!e && !yes)
		e = assigned_worker(x, p->id, &yes);
	if (yes)
		*allowed = F_ID_NUMBER | F_PHONE | F_BIRTH_DATE;
	else if (x->who->role_mask & ROLES_ORG_STAFF)
		*allowed = F_PHONE;
	return e;
}

/* The plain value of sealed field `enc` of p into *out (NULL when empty);
 * ERR_UNAVAILABLE when no key held here opens it. */
static enum err open_value(struct ctx *x, const struct rec *p, int enc, const char **out, struct errinfo *ei)
{
	const char *sealed = rec_text(p, enc);
	*out = sealed ? svc_open(x, sealed) : NULL;
	if (sealed && !*out)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "this server does not hold the key of the value");
	return ERR_OK;
}

enum err svc_reveal_asked(const struct rec *in, struct arena *a, unsigned *asked, struct errinfo *ei)
{
	*asked = 0;
	const char *reason = rec_text(in, PERSON_REVEAL_REASON);
	if (!reason || strspn(reason, " \t\r\n") == strlen(reason))
		return err_set(ei, ERR_INVALID, "reason", "reason must say why the values are needed");
	const char **names;
	int n = codec_strings(rec_text(in, PERSON_REVEAL_FIELDS_), &names, a);
	for (int i = 0; i < n; i++) {
		size_t k = 0;
		while (k < sizeof reveal_fields / sizeof *reveal_fields && strcmp(reveal_fields[k].name, names[i]) != 0)
			k++;
		if (k == sizeof reveal_fields / sizeof *reveal_fields)
			return err_setf(ei, ERR_INVALID, "fields", "unknown field %s (id_number, phone, birth_date)",
					names[i]);
		*asked |= reveal_fields[k].bit;
	}
	if (!*asked)
		return err_set(ei, ERR_INVALID, "fields", "fields must name at least one of id_number, phone, birth_date");
	return ERR_OK;
}

struct reveal_args {
	int64_t id;
	const struct rec *in;
	struct person_reveal *out;
};

static enum err do_reveal(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct reveal_args *ra = arg;
	unsigned asked;
	enum err e = svc_reveal_asked(ra->in, x->a, &asked, ei);
	if (e)
		return e;
	struct rec p;
	e = svc_load_visible(x, &person_entity, ra->id, &p, ei);
	if (e)
		return e;
	unsigned allowed;
	if ((e = allowed_fields(x, &p, &allowed)))
		return err_set(ei, e, NULL, NULL);
	if (asked & ~allowed)
		return err_set(ei, ERR_FORBIDDEN, "fields", "the caller's roles may not see these fields in full");
	struct person_reveal *o = ra->out;
	o->asked_id_number = (asked & F_ID_NUMBER) != 0;
	o->asked_phone = (asked & F_PHONE) != 0;
	o->asked_birth_date = (asked & F_BIRTH_DATE) != 0;
	if ((o->asked_id_number && (e = open_value(x, &p, PERSON_ID_NUMBER_ENC, &o->id_number, ei))) ||
	    (o->asked_phone && (e = open_value(x, &p, PERSON_PHONE_ENC, &o->phone, ei))))
		return e;
	if (o->asked_birth_date)
		o->birth_date = rec_text(&p, PERSON_BIRTH_DATE);
	/* the fields that held a value; a request that revealed nothing is
	 * not in the log */
	const char *got[] = {o->id_number, o->phone, o->birth_date};
	const char *list = "[";
	for (size_t k = 0; k < sizeof reveal_fields / sizeof *reveal_fields; k++)
		if (got[k])
			list = arena_printf(x->a, "%s%s\"%s\"", list, list[1] ? "," : "", reveal_fields[k].name);
	if (!list[1])
		return ERR_OK;
	const char *reason = codec_quote(rec_text(ra->in, PERSON_REVEAL_REASON), x->a);
	const char *detail = arena_printf(x->a, "{\"fields\":%s],\"reason\":%s}", list, reason);
	if ((e = store_audit(x->c, x->now, x->who ? x->who->user_id : 0, "reveal", "people", p.id, NULL, detail)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_person_reveal(struct ctx *x, int64_t id, const struct rec *in, struct person_reveal *out,
			   struct errinfo *ei)
{
	memset(out, 0, sizeof *out);
	struct reveal_args ra = {id, in, out};
	return svc_tx(x, do_reveal, &ra, ei);
}
