/* fuzz_body.c - a request body through the shared decoder (model/codec.c)
 * and, where it needs no store, the entity's own validation: the resource's
 * prepare hook, as svc_create/svc_update run it (service/resource.c).
 *
 * Input: byte 0 picks the entity (every stored entity, then every action
 * body, then the bodies read without the codec: the string bodies of
 * body_strings, check-in/out, the import options), byte 1 the way (bit 0: update instead of create; bit 1: the body as
 * sheet cells, "name<TAB>text" lines, through codec_decode_texts as an
 * import row meets it), the rest is the body. Properties: a refusal names a
 * field or says why, with a known error code; an accepted record holds only
 * fields of its entity, each of its declared type and bounds, and encodes
 * (plain and masked) to JSON; the prepare hooks answer OK or an error, never
 * crash (an update's old record is the body created through the hook, as
 * the store holds it); a reveal's body asks for known fields with a reason
 * (svc_reveal_asked). The bodies without the codec: login {username,
 * password}, a volunteer's stage {to, note}, a sign-up's decision {note},
 * the reasons of void, refuse and an invitation's answer {reason}
 * (body_strings_json), check-in/out {signup_id, token, reason}
 * (check_body_decode) and the import options,
 * "kind\non_existing\nfilename\nfund_id\nplatform" lines
 * (import_opts_check), and a survey's answers (codec_answers, then
 * voice_answer_check against a question of each kind: what is taken fits
 * its question); the import options: accepted, every value is a string (a signup_id > 0,
 * a reason within bounds, known options; kind=donations with a fund read
 * > 0, skip, a platform of 1..100 bytes if any; another kind with neither
 * fund_id nor platform); refused, the error names the field.
 *
 * The hooks run here read the store for no record: the key state to seal
 * a value under, the hash of an ID number for its uniqueness; they run
 * against an empty database (open_store). Not run here (they read records:
 * references, scope, counters), so only
 * their decoding is fuzzed: the prepare hooks of regions, clients, service
 * records, positions, shifts and volunteers; users' (argon2id, ~50 ms a
 * call) is left out for speed; every authorize hook and check_refs (store
 * reads). */
#include "fuzz.h"

#include <math.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "domain/limits.h"
#include "domain/voice.h"
#include "model/codec.h"
#include "service/care.h"
#include "service/emergency.h"
#include "service/import.h"
#include "service/keys.h"
#include "store/store.h"
#include "service/service.h"
#include "http/handlers/handlers.h"

/* The action bodies: decoded by the codec, never stored. */
static const struct entity *const bodies[] = {
	&need_move_body, &case_move_body, &report_file_body, &emergency_assess_body, &emergency_mobilize_body,
	&emergency_ack_body, &emergency_close_body, &match_request_body, &calendar_day_body, &record_verify_body,
	&correction_resolve_body, &person_reveal_body, &qualification_rule_body, &survey_question_body,
	&survey_answers_body, &budget_line_body, &eval_score_body,
};

/* The bodies read by body_strings (http/reply.c): their names. */
static const char *const login_names[] = {"username", "password"}, *const stage_names[] = {"to", "note"},
		  *const note_names[] = {"note"}, *const reason_names[] = {"reason"};
static const struct {
	const char *const *names;
	int n;
} strings_bodies[] = {{login_names, 2}, {stage_names, 2}, {note_names, 1}, {reason_names, 1}};
#define NSTRINGS ((int)(sizeof strings_bodies / sizeof *strings_bodies))

/* The resources whose prepare hook reads no record of the store (checked
 * by reading each: pure rules, the keys to seal with, an ID number's
 * uniqueness, the caller if any). */
static const struct resource *const pure[] = {
	&res_service_menu, &res_case_notes, &res_emergency_reports, &res_plans, &res_social_workers,
	&res_volunteer_honors, &res_course_sessions, &res_completions, &res_session_attendance, &res_activities,
	&res_needs, &res_orgs, &res_org_links, &res_people, &res_emergencies,
};

#define NENT ((int)E__COUNT + (int)(sizeof bodies / sizeof *bodies))
/* after the entities: the string bodies, check-in/out, the import options */
#define NKIND (NENT + NSTRINGS + 3)

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

/* The store and keys of the prepare hooks that seal a value (under the
 * store's key state) or look a hash up: an empty SQLite database and a key
 * file in a scratch directory, closed and removed at exit. Each input's hooks run in a
 * transaction rolled back after them. */
static struct app app;
static struct store_conn *conn;
static char scratch[64];

static void remove_scratch(void)
{
	store_release(conn);
	store_close(app.store);
	keys_free(app.keys);
	static const char *const names[] = {"db", "db-wal", "db-shm", "db-journal", "key", "key.next"};
	char path[128];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", scratch, names[i]);
		unlink(path);
	}
	rmdir(scratch);
}

static void open_store(void)
{
	char db[128], key[128], msg[256];
	struct errinfo ei = {0};
	snprintf(scratch, sizeof scratch, "/tmp/ld-fuzz-body-XXXXXX");
	if (crypto_init() || !mkdtemp(scratch))
		abort();
	snprintf(db, sizeof db, "%s/db", scratch);
	snprintf(key, sizeof key, "%s/key", scratch);
	if (!(app.keys = keys_open(key, 1, msg, sizeof msg))) {
		fprintf(stderr, "fuzz_body: %s\n", msg);
		abort();
	}
	if (store_open(db, 1, 1, &app.store, &ei) || keys_attach(&app, &ei)) {
		fprintf(stderr, "fuzz_body: %s\n", ei.message);
		abort();
	}
	conn = store_acquire(app.store);
	atexit(remove_scratch);
}

/* A refusal names the field, with a known error code. */
static void check_refusal(enum err r, const struct errinfo *ei)
{
	FUZZ_CHECK(err_code(r) != NULL && err_http_status(r) >= 400);
	FUZZ_CHECK(ei->field[0] || ei->message[0]);
}

/* A survey's answers (codec_answers) against one question of each kind
 * (domain/voice.h): a parse refused says why; an answer the rules take
 * fits its question. */
static void survey_answers(const char *body, size_t len)
{
	static const char *const opts[] = {"a", "b", "c"};
	static const struct voice_question qs[] = {
		{"s", "single", VK_SINGLE, opts, 3, 1},
		{"m", "multiple", VK_MULTIPLE, opts, 3, 0},
		{"n", "scale", VK_SCALE, NULL, 0, 0},
		{"t", "text", VK_TEXT, NULL, 0, 0},
	};
	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	struct voice_value *v = NULL;
	int n = 0;
	char *text = arena_strndup(&a, body, len);
	if (codec_answers(text, VOICE_MAX_QUESTIONS, &v, &n, &a, &ei) != ERR_OK) {
		FUZZ_CHECK(ei.message[0]);
		arena_release(&a);
		return;
	}
	FUZZ_CHECK(n >= 0 && n <= VOICE_MAX_QUESTIONS);
	for (size_t q = 0; q < sizeof qs / sizeof *qs; q++) {
		const struct voice_value *got = NULL;
		for (int i = 0; i < n; i++)
			if (v[i].key && strcmp(v[i].key, qs[q].key) == 0)
				got = &v[i];
		const char *msg = NULL;
		if (voice_answer_check(&qs[q], got, &msg) != 0) {
			FUZZ_CHECK(msg && *msg);
			continue;
		}
		/* an empty list, or empty text, is no answer */
		if (!got || got->type == VV_NONE || (got->type == VV_STRINGS && got->n == 0) ||
		    (got->type == VV_STRING && qs[q].kind == VK_TEXT && !*got->s)) {
			FUZZ_CHECK(!qs[q].required);
			continue;
		}
		switch (qs[q].kind) {
		case VK_SINGLE:
			FUZZ_CHECK(got->type == VV_STRING && got->s);
			break;
		case VK_MULTIPLE:
			FUZZ_CHECK(got->type == VV_STRINGS || got->type == VV_STRING);
			break;
		case VK_SCALE:
			FUZZ_CHECK(got->type == VV_INT && got->i >= 1 && got->i <= 5);
			break;
		default:
			FUZZ_CHECK(got->type == VV_STRING && got->s && strlen(got->s) <= 4 * VOICE_TEXT_MAX);
			break;
		}
	}
	arena_release(&a);
}

/* Kind k (0..NSTRINGS+2) of the bodies read without the codec. */
static void other_body(int k, const char *body, size_t len)
{
	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	enum err r;
	if (k == NSTRINGS + 2) {
		survey_answers(body, len);
		return;
	}
	if (k == NSTRINGS + 1) { /* the import options, one a line */
		char *s = arena_strndup(&a, body, len), *save = NULL, *line;
		const char *opt[5] = {NULL, NULL, NULL, NULL, NULL};
		for (int i = 0; i < 5 && (line = strtok_r(i ? NULL : s, "\n", &save)); i++)
			opt[i] = line;
		struct import_opts o = {.kind = opt[0], .on_existing = opt[1], .filename = opt[2], .fund_id = opt[3],
					.platform = opt[4]};
		r = import_opts_check(&o, &ei);
		if (r == ERR_OK) {
			int gifts = strcmp(o.kind, "donations") == 0;
			FUZZ_CHECK(o.kind && o.on_existing);
			FUZZ_CHECK(!o.filename || strlen(o.filename) <= 255);
			FUZZ_CHECK(!strcmp(o.on_existing, "skip") || !strcmp(o.on_existing, "update"));
			FUZZ_CHECK(gifts ? o.fund > 0 && !strcmp(o.on_existing, "skip") : !o.fund && !o.fund_id);
			FUZZ_CHECK(gifts ? !o.platform || (*o.platform && strlen(o.platform) <= 100) : !o.platform);
		} else {
			FUZZ_CHECK(ei.field[0]);
		}
		arena_release(&a);
		return;
	}
	json_error_t je;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!j || !json_is_object(j)) {
		json_decref(j);
		arena_release(&a);
		return;
	}
	if (k < NSTRINGS) {
		const char *vals[2];
		int n = strings_bodies[k].n;
		r = body_strings_json(j, strings_bodies[k].names, vals, n, &a, &ei);
		if (r == ERR_OK) {
			for (int i = 0; i < n; i++) {
				json_t *v = json_object_get(j, strings_bodies[k].names[i]);
				FUZZ_CHECK(json_is_string(v) ? vals[i] && !strcmp(vals[i], json_string_value(v))
							     : vals[i] == NULL);
			}
			FUZZ_CHECK(json_object_size(j) <= (size_t)n);
		}
	} else {
		struct check_body b;
		r = check_body_decode(j, &a, &b, &ei);
		if (r == ERR_OK) {
			FUZZ_CHECK(b.signup_id > 0);
			FUZZ_CHECK(!b.reason || strlen(b.reason) <= REASON_MAX);
		}
	}
	if (r != ERR_OK) { /* naming the field (a key "" is named as sent) */
		check_refusal(r, &ei);
		FUZZ_CHECK(ei.field[0] || json_object_get(j, ""));
	}
	json_decref(j);
	arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!conn)
		open_store();
	if (size < 2)
		return 0;
	int kind = data[0] % NKIND;
	const char *body = (const char *)data + 2;
	size_t len = size - 2;
	if (kind >= NENT) {
		other_body(kind - NENT, body, len);
		return 0;
	}
	const struct entity *e = pick(kind);
	int update = data[1] & 1, texts = data[1] & 2;

	struct arena a = ARENA_INIT;
	struct errinfo ei = {0};
	struct rec in;
	enum err r = decode(body, len, texts, e, !update, &in, &a, &ei);
	if (r == ERR_BAD_JSON) {
		arena_release(&a);
		return 0;
	}
	if (r != ERR_OK) {
		check_refusal(r, &ei);
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
	if (e == &person_reveal_body) { /* the reveal's own checks */
		unsigned asked;
		if (svc_reveal_asked(&in, &a, &asked, &ei) == ERR_OK)
			FUZZ_CHECK(asked && !(asked & ~7u));
		else
			FUZZ_CHECK(!strcmp(ei.field, "reason") || !strcmp(ei.field, "fields"));
	}
	const struct resource *res = pure_of(e);
	if (res && res->prepare) {
		struct ctx x = {.app = &app, .c = conn, .a = &a, .now = 1796000000};
		if (store_begin(conn, 1))
			abort();
		if (!update) {
			res->prepare(&x, &in, NULL, &ei);
		} else {
			/* an update of a record that this same body would have
			 * made: old as created (decoded, then through the hook,
			 * as the store holds it), the patch over it */
			struct rec old, nw;
			if (decode(body, len, texts, e, 1, &old, &a, &ei) == ERR_OK &&
			    res->prepare(&x, &old, NULL, &ei) == ERR_OK) {
				nw = old;
				for (int i = 0; i < e->nfields; i++)
					if (in.v[i].set)
						nw.v[i] = in.v[i];
				res->prepare(&x, &nw, &old, &ei);
			}
		}
		store_rollback(conn);
	}
	arena_release(&a);
	return 0;
}
