/* codec.h - records to and from JSON, driven by the entity descriptors.
 *
 * With http/, the only place that uses jansson. Decoding checks every field
 * against its descriptor (type, enum, range, length, read-only, unknown) and
 * names the field in the error; encoding writes what a caller may see. */
#ifndef LD_MODEL_CODEC_H
#define LD_MODEL_CODEC_H

#include <jansson.h>

#include "core/arena.h"
#include "core/err.h"
#include "model/entity.h"

/* Decode object `obj` into `out` (rec_init'ed by the callee). `creating`
 * enforces FF_REQUIRED. Strings are copied into the arena. */
enum err codec_decode(json_t *obj, const struct entity *e, int creating, struct rec *out, struct arena *a,
		      struct errinfo *ei);

/* codec_decode of an object given as n (name, text) pairs, as a sheet gives
 * its cells: each text becomes the JSON its field takes (an integer, a
 * number, true/false, a list from items separated by newlines, else a
 * string), so a cell meets the very checks a JSON body does. A text that is
 * not of its field's type (a name for an id) fails as it would in JSON. */
enum err codec_decode_texts(const char *const *names, const char *const *texts, int n, const struct entity *e,
			    int creating, struct rec *out, struct arena *a, struct errinfo *ei);

/* s as a quoted JSON string (escaped), in the arena. */
const char *codec_quote(const char *s, struct arena *a);

/* Encode a record as a new JSON object: id, then every field that is not
 * hidden or write-only (unset fields as null). With mask_pii, FF_PII values
 * are masked (audit snapshots). */
json_t *codec_encode(const struct rec *r, int mask_pii);

/* codec_encode as compact JSON text in the arena. */
char *codec_dump(const struct rec *r, int mask_pii, struct arena *a);

/* Parse a list (FT_LIST or FT_IDS) stored as JSON text; returns a new array
 * (empty on NULL or bad text). */
json_t *codec_list(const char *text);

/* The strings of a list stored as JSON text, copied into the arena as a
 * NULL-terminated array; returns their number (0 on NULL or bad text). */
int codec_strings(const char *text, const char ***out, struct arena *a);

/* Parse a JSON array of at most `max` positive integer ids. 422 on a bad
 * shape (the caller names the field). */
enum err codec_ids(const char *text, int max, int64_t **ids, int *n, struct arena *a, struct errinfo *ei);
/* Write ids as the JSON text of an array. */
char *codec_ids_dump(const int64_t *ids, int n, struct arena *a);
/* Encode records as the JSON text of an array. */
char *codec_dump_list(const struct rec *rows, int n, struct arena *a);
/* Decode a JSON array (text) of at most `max` objects, each a new record of
 * entity e; `parent` names the field the caller sets (it may not be given).
 * 422 names the item's field ("[2].title") as the error's field and in the
 * message; the caller prefixes the list's name. */
enum err codec_decode_list(const char *text, const struct entity *e, const char *parent, int max, struct rec **out,
			   int *n, struct arena *a, struct errinfo *ei);

/* Parse a user's "roles" array ([{role, org_id|region_id}], at most `max`).
 * Checks shape only (strings, integers, no unknown keys); 422 names "roles". */
enum err codec_roles(const char *text, int max, struct role_in **out, int *n, struct arena *a,
		     struct errinfo *ei);
/* Write roles as the JSON text of a "roles" array. */
char *codec_roles_dump(const struct role_in *roles, int n, struct arena *a);

/* Parse a survey's answers: a JSON object of at most `max` members, each
 * question key to its value (domain/voice.h: a string, a whole number, a
 * list of strings, null; anything else VV_OTHER). 422 on another shape
 * (the caller names the field). */
struct voice_value;
enum err codec_answers(const char *text, int max, struct voice_value **out, int *n, struct arena *a,
		       struct errinfo *ei);

#endif
