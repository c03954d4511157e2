/* people.c - one identity per person.
 *
 * ID numbers are checked against GB 11643 and give the birth date and sex;
 * ID numbers and phones are stored only encrypted, with a keyed hash for
 * exact lookup and de-duplication. On a read they come back masked for every
 * role, and the birth date reduced to birth_year (it would fill the masked
 * digits back in); only the person reading their own record sees it in
 * full. A role that needs a value asks for it with a reason
 * (svc_person_reveal, reveal.c). */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "crypto/crypto.h"
#include "domain/email.h"
#include "domain/idcard.h"
#include "domain/mask.h"
#include "domain/phone.h"
#include "service/geo.h"
#include "service/service.h"
#include "service/keys.h"

/* Fields a person may change about themself. */
static const int self_fields[] = {PERSON_PHONE, PERSON_ADDRESS, PERSON_LAT, PERSON_LON, PERSON_SKILLS};

static int self_field(int i)
{
	for (size_t k = 0; k < sizeof self_fields / sizeof *self_fields; k++)
		if (FIELD_IDX(self_fields[k]) == i)
			return 1;
	return 0;
}

/* The caller's first org-staff binding, used as the default org. */
static int64_t default_org(const struct principal *p)
{
	for (int i = 0; p && i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r >= 0 && (ROLES_ORG_STAFF & RB(r)) && p->roles[i].org_id)
			return p->roles[i].org_id;
	}
	return 0;
}

static enum err person_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	enum err e;
	if (!rec_has(nw, PERSON_ORG_ID) && !old) {
		int64_t org = default_org(x->who);
		if (org)
			rec_set_int(nw, PERSON_ORG_ID, org);
	}
	if (old && old->vis_self) {
		for (int i = 0; i < nw->e->nfields; i++) {
			const struct field *f = &nw->e->fields[i];
			if ((f->flags & (FF_HIDDEN | FF_SERVER)) || self_field(i))
				continue;
			const struct val *a = &nw->v[i], *b = &old->v[i];
			if (a->set != b->set || a->null != b->null || a->i != b->i || a->r != b->r ||
			    (a->s != b->s && (!a->s || !b->s || strcmp(a->s, b->s) != 0)))
				return err_setf(ei, ERR_FORBIDDEN, f->name, "a person may not change their own %s",
						f->name);
		}
		return ERR_OK;
	}
	if (old && !old->vis_org)
		return err_set(ei, ERR_FORBIDDEN, NULL, "the person is outside the caller's organisations");
	if (rec_has(nw, PERSON_ORG_ID)) {
		const char *opath;
		if ((e = org_paths(x, rec_int(nw, PERSON_ORG_ID, 0), "org_id", &opath, NULL, ei)))
			return e;
		if (access_org(x->who, ROLES_ORG_STAFF, opath))
			return ERR_OK;
	} else if (old) {
		return ERR_OK; /* visible through a volunteer or social-worker record */
	}
	return err_set(ei, ERR_FORBIDDEN, "org_id", "only staff of the person's organisation may do this");
}

/* A text field given in this request: set now and new or different. */
static int given(const struct rec *nw, const struct rec *old, int f)
{
	const char *a = rec_text(nw, f), *b = old ? rec_text(old, f) : NULL;
	return a && (!b || strcmp(a, b) != 0);
}

static enum err person_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	const struct val *idv = rec_cval(nw, PERSON_ID_NUMBER);

	if (idv->set && !idv->null) {
		struct idcard id;
		enum idcard_err ie = idcard_parse(idv->s, strlen(idv->s), today_ymd(x->now), &id);
		if (ie != IDCARD_OK)
			return err_setf(ei, ERR_INVALID, "id_number", "id_number %s", idcard_strerror(ie));
		const char *gender = id.male ? "male" : "female";
		char birth[11];
		snprintf(birth, sizeof birth, "%04d-%02d-%02d", id.year, id.month, id.day);
		/* A gender or birth date given with the ID must agree with it. */
		if (given(nw, old, PERSON_GENDER) && strcmp(rec_text(nw, PERSON_GENDER), gender) != 0)
			return err_set(ei, ERR_INVALID, "gender", "gender does not agree with the ID number");
		if (given(nw, old, PERSON_BIRTH_DATE) && strcmp(rec_text(nw, PERSON_BIRTH_DATE), birth) != 0)
			return err_set(ei, ERR_INVALID, "birth_date", "birth_date does not agree with the ID number");
		rec_set_text(nw, PERSON_GENDER, gender);
		rec_set_text(nw, PERSON_BIRTH_DATE, arena_strdup(x->a, birth));
		/* unique under every key held: during a rotation a row not yet
		 * re-sealed has its hash under the old key */
		int64_t same = 0;
		const char *sealed, *hash;
		enum err e;
		if ((e = svc_person_by_id_number(x, id.number, &same, ei)))
			return e;
		if (same && (!old || same != old->id))
			return err_set(ei, ERR_DUPLICATE, "id_number", "a person with this ID number already exists");
		if ((e = svc_protect(x, id.number, &sealed, &hash, ei)))
			return e;
		rec_set_text(nw, PERSON_ID_NUMBER_ENC, sealed);
		rec_set_text(nw, PERSON_ID_NUMBER_HASH, hash);
	} else if (idv->set) {
		rec_set_null(nw, PERSON_ID_NUMBER_ENC);
		rec_set_null(nw, PERSON_ID_NUMBER_HASH);
	}
	const char *birth = rec_text(nw, PERSON_BIRTH_DATE);
	int y, m, d;
	if (birth && given(nw, old, PERSON_BIRTH_DATE) && !date_parse(birth, &y, &m, &d) &&
	    y * 10000 + m * 100 + d > today_ymd(x->now))
		return err_set(ei, ERR_INVALID, "birth_date", "birth_date is in the future");

	const struct val *pv = rec_cval(nw, PERSON_PHONE);
	if (pv->set && !pv->null) {
		char phone[12];
		if (phone_normalize(pv->s, strlen(pv->s), phone) < 0)
			return err_set(ei, ERR_INVALID, "phone", "phone must be a mainland mobile number (11 digits, 13x-19x)");
		const char *sealed, *hash;
		enum err e = svc_protect(x, phone, &sealed, &hash, ei);
		if (e)
			return e;
		rec_set_text(nw, PERSON_PHONE_ENC, sealed);
		rec_set_text(nw, PERSON_PHONE_HASH, hash);
	} else if (pv->set) {
		rec_set_null(nw, PERSON_PHONE_ENC);
		rec_set_null(nw, PERSON_PHONE_HASH);
	}
	const struct val *ev = rec_cval(nw, PERSON_EMAIL);
	if (ev->set && !ev->null && !email_valid(ev->s, strlen(ev->s)))
		return err_set(ei, ERR_INVALID, "email",
			       "email must be one address like name@example.org (no spaces, no name, at most 254 characters)");
	return ERR_OK;
}

/* The plain value of an encrypted field, or NULL. */
static char *open_field(struct ctx *x, const struct rec *r, int enc_field)
{
	const char *enc = rec_text(r, enc_field);
	return enc ? svc_open(x, enc) : NULL;
}

static void show(struct ctx *x, struct rec *r, int field, int enc_field, int full)
{
	char *plain = open_field(x, r, enc_field);
	if (plain && !full) {
		char buf[64];
		if (field == PERSON_ID_NUMBER)
			mask_id_number(plain, buf, sizeof buf);
		else
			mask_phone(plain, buf, sizeof buf);
		plain = arena_strdup(x->a, buf);
	}
	if (plain)
		rec_set_text(r, field, plain);
	else
		rec_set_null(r, field);
}

/* Masked for everyone but the person themself (issue 13): the ID number,
 * the phone, and the birth date reduced to its year. */
static void person_present(struct ctx *x, struct rec *r, int mask_all)
{
	int full = !mask_all && r->vis_self && x->who;
	show(x, r, PERSON_ID_NUMBER, PERSON_ID_NUMBER_ENC, full);
	show(x, r, PERSON_PHONE, PERSON_PHONE_ENC, full);
	const char *birth = rec_text(r, PERSON_BIRTH_DATE);
	int y, m, d;
	if (birth && !date_parse(birth, &y, &m, &d))
		rec_set_int(r, PERSON_BIRTH_YEAR, y);
	else
		rec_set_null(r, PERSON_BIRTH_YEAR);
	if (!full)
		rec_set_null(r, PERSON_BIRTH_DATE);
}

/* id_number and phone filters match through the keyed hash. */
static enum err person_filters(struct ctx *x, struct val *f, struct errinfo *ei)
{
	const struct entity *e = &person_entity;
	for (int i = 0; i < e->nfilters; i++) {
		if (!f[i].set || f[i].null)
			continue;
		const char *p = e->filters[i].param;
		if (strcmp(p, "id_number") == 0) {
			struct idcard id;
			if (idcard_parse(f[i].s, strlen(f[i].s), 99991231, &id) != IDCARD_OK)
				return err_set(ei, ERR_INVALID, p, "id_number is not a valid ID number");
			if (!(f[i].s = svc_lookup_filter(x, id.number, ei)))
				return ei->code;
		} else if (strcmp(p, "phone") == 0) {
			char phone[12];
			if (phone_normalize(f[i].s, strlen(f[i].s), phone) < 0)
				return err_set(ei, ERR_INVALID, p, "phone is not a valid mobile number");
			if (!(f[i].s = svc_lookup_filter(x, phone, ei)))
				return ei->code;
		}
	}
	return ERR_OK;
}

/* The emergency index of every server process follows places and skills. */
static enum err person_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return geo_person_written(x, nw, old, ei);
}

const struct resource res_people = {
	.e = &person_entity,
	.authorize = person_authorize,
	.prepare = person_prepare,
	.after = person_after,
	.present = person_present,
	.filters = person_filters,
};
