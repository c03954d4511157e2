/* fuzz_body.c - a request body through the shared decoder (model/codec.c)
 * and, where it needs no store, the entity's own validation: the resource's
 * prepare hook, as svc_create/svc_update run it (service/resource.c).
 *
 * Input: byte 0 picks the entity (every stored entity, then every action
 * body), byte 1 the way (bit 0: update instead of create; bit 1: the body as
 * sheet cells, "name<TAB>text" lines, through codec_decode_texts as an
 * import row meets it), the rest is the body. Properties: a refusal names a
 * field or says why, with a known error code; an accepted record holds only
 * fields of its entity, each of its declared type and bounds, and encodes
 * (plain and masked) to JSON; the prepare hooks answer OK or an error, never
 * crash.
 *
 * Not run here (they read the store: references, scope, counters), so only
 * their decoding is fuzzed: the prepare hooks of regions, clients, service
 * records, positions, shifts and volunteers; users' (argon2id, ~50 ms a
 * call) is left out for speed; every authorize hook and check_refs (store
 * reads). */
#include "fuzz.h"

#include <math.h>

#include "crypto/crypto.h"
#include "model/codec.h"
#include "service/care.h"
#include "service/emergency.h"
#include "service/service.h"

/* The action bodies: decoded by the codec, never stored. */
static const struct entity *const bodies[] = {
	&need_move_body, &case_move_body, &report_file_body, &emergency_assess_body, &emergency_mobilize_body,
	&emergency_ack_body, &emergency_close_body, &match_request_body, &calendar_day_body, &record_verify_body,
	&correction_resolve_body,
};

/* The resources whose prepare hook needs no store (checked by reading
 * each: pure rules, the key for encryption, the caller if any). */
static const struct resource *const pure[] = {
	&res_service_menu, &res_case_notes, &res_emergency_reports, &res_plans, &res_social_workers,
	&res_volunteer_honors, &res_course_sessions, &res_completions, &res_session_attendance, &res_activities,
	&res_needs, &res_orgs, &res_org_links, &res_people, &res_emergencies,
};

#define NENT ((int)E__COUNT + (int)(sizeof bodies / sizeof *bodies))

static const struct entity *pick(int i)
{
	return i < E__COUNT ? entity_get((enum entity_id)i) : bodies[i - E__COUNT];
}

static const struct resource *pure_of(const struct entity *e)
{
	for (size_t i = 0; i < sizeof pure / sizeof *pure; i++)
		if (pure[i]->e == e)
			return pure[i];
	return NULL;
}

/* Utf-8 characters of s. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Every value of an accepted record is of its field's type and bounds. */
static void check_rec(const struct rec *r, int creating)
{
	const struct entity *e = r->e;
	for (int i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const struct val *v = &r->v[i];
		if (creating && (f->flags & FF_REQUIRED))
			FUZZ_CHECK(v->set && !v->null);
		if (!v->set || v->null)
			continue;
		FUZZ_CHECK(!(f->flags & (FF_SERVER | FF_HIDDEN)));
		switch (f->type) {
		case FT_INT:
			if (f->ref)
				FUZZ_CHECK(v->i > 0);
			if (f->min < f->max)
				FUZZ_CHECK(v->i >= f->min && v->i <= f->max);
			break;
		case FT_REAL:
			FUZZ_CHECK(isfinite(v->r));
			if (f->min < f->max)
				FUZZ_CHECK(v->r >= f->min && v->r <= f->max);
			break;
		case FT_BOOL:
			FUZZ_CHECK(v->i == 0 || v->i == 1);
			break;
		case FT_TEXT:
			FUZZ_CHECK(v->s != NULL);
			if (f->max > 0)
				FUZZ_CHECK(chars(v->s) >= f->min && chars(v->s) <= f->max);
			break;
		case FT_ENUM: {
			int known = 0;
			for (int k = 0; f->enums[k]; k++)
				known |= strcmp(f->enums[k], v->s) == 0;
			FUZZ_CHECK(known);
			break;
		}
		case FT_TIME: /* unix seconds */
			break;
		default:
			FUZZ_CHECK(v->s != NULL);
			break;
		}
	}
}

/* Decode the body as JSON, or as "name<TAB>text" lines. */
static enum err decode(const char *body, size_t len, int texts, const struct entity *e, int creating,
		       struct rec *out, struct arena *a, struct errinfo *ei)
{
	if (!texts) {
		json_error_t je;
		json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
		if (!j || !json_is_object(j)) {
			json_decref(j);
			return ERR_BAD_JSON;
		}
		enum err r = codec_decode(j, e, creating, out, a, ei);
		json_decref(j);
		return r;
	}
	const char *names[64], *vals[64];
	int n = 0;
	char *s = arena_strndup(a, body, len), *save = NULL;
	for (char *line = strtok_r(s, "\n", &save); line && n < 64; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = 0;
		names[n] = line;
		vals[n++] = tab + 1;
	}
	return codec_decode_texts(names, vals, n, e, creating, out, a, ei);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct app app;
	static int ready;
	if (!ready) {
		if (crypto_init())
			abort();
		memset(&app.keys, 0x5a, sizeof app.keys);
		ready = 1;
	}
	if (size < 2)
		return 0;
	const struct entity *e = pick(data[0] % NENT);
	int update = data[1] & 1, texts = data[1] & 2;
	const char *body = (const char *)data + 2;
	size_t len = size - 2;

	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	struct rec in;
	enum err r = decode(body, len, texts, e, !update, &in, &a, &ei);
	if (r == ERR_BAD_JSON) {
		arena_release(&a);
		return 0;
	}
	if (r != ERR_OK) {
		FUZZ_CHECK(err_code(r) != NULL && err_http_status(r) >= 400);
		FUZZ_CHECK(ei.field[0] || ei.message[0]);
		arena_release(&a);
		return 0;
	}
	check_rec(&in, !update);
	if (e->id < E__COUNT) {
		for (int mask = 0; mask < 2; mask++) {
			char *text = codec_dump(&in, mask, &a);
			FUZZ_CHECK(text && text[0] == '{');
		}
	}
	const struct resource *res = pure_of(e);
	if (res && res->prepare) {
		struct ctx x = {.app = &app, .a = &a, .now = 1796000000};
		if (!update) {
			res->prepare(&x, &in, NULL, &ei);
		} else {
			/* an update of a record that this same body would have
			 * made: old as created, the patch over it */
			struct rec old, nw;
			if (decode(body, len, texts, e, 1, &old, &a, &ei) == ERR_OK) {
				nw = old;
				for (int i = 0; i < e->nfields; i++)
					if (in.v[i].set)
						nw.v[i] = in.v[i];
				res->prepare(&x, &nw, &old, &ei);
			}
		}
	}
	arena_release(&a);
	return 0;
}
