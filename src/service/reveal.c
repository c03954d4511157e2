/* reveal.c - personal data on a need-to-know basis (issue 13, PIPL's
 * minimum necessary): reads give ID numbers and phones masked to everyone
 * but the person; a role that needs a value asks for it here, with a
 * reason, and every reveal is in the audit log (fields and reason, never
 * the values).
 *
 * Who may see what in full (docs/API.md "Roles and scope"):
 *   the person themself and platform admins: every field;
 *   org admins over the person: every field;
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

/* The caller is the social worker of one of the person's client cases. */
static enum err assigned_worker(struct ctx *x, int64_t person_id, int *yes)
{
	static const struct scope all = {.all = 1};
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	struct rec cases[50];
	int n = 0;
	*yes = 0;
	if (!x->who->person_id)
		return ERR_OK;
	f[7] = (struct val){.set = 1, .i = person_id}; /* client filter person_id */
	enum err e = store_list(x->c, &client_entity, &all, 0, 50, f, cases, &n, x->a);
	for (int i = 0; !e && i < n && !*yes; i++) {
		int64_t sw_id = rec_int(&cases[i], CLIENT_SOCIAL_WORKER_ID, 0);
		struct rec sw;
		if (!sw_id)
			continue;
		if ((e = store_get(x->c, &sw_entity, sw_id, NULL, &sw, x->a)))
			break;
		*yes = rec_int(&sw, SOCIAL_WORKER_PERSON_ID, 0) == x->who->person_id;
	}
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
	if (x->who->role_mask & RB(R_ORG_ADMIN)) {
		*allowed = F_ID_NUMBER | F_PHONE | F_BIRTH_DATE;
		return ERR_OK;
	}
	if (x->who->role_mask & ROLES_ORG_STAFF)
		*allowed = F_PHONE;
	int yes = 0;
	enum err e = assigned_worker(x, p->id, &yes);
	if (yes)
		*allowed = F_ID_NUMBER | F_PHONE | F_BIRTH_DATE;
	return e;
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
	const char *enc;
	o->asked_id_number = (asked & F_ID_NUMBER) != 0;
	o->asked_phone = (asked & F_PHONE) != 0;
	o->asked_birth_date = (asked & F_BIRTH_DATE) != 0;
	if (o->asked_id_number && (enc = rec_text(&p, PERSON_ID_NUMBER_ENC)))
		o->id_number = svc_open(x, enc);
	if (o->asked_phone && (enc = rec_text(&p, PERSON_PHONE_ENC)))
		o->phone = svc_open(x, enc);
	if (o->asked_birth_date)
		o->birth_date = rec_text(&p, PERSON_BIRTH_DATE);
	const char *list = "[";
	for (size_t k = 0; k < sizeof reveal_fields / sizeof *reveal_fields; k++)
		if (asked & reveal_fields[k].bit)
			list = arena_printf(x->a, "%s%s\"%s\"", list, list[1] ? "," : "", reveal_fields[k].name);
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
