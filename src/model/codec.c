/* codec.c - the generic JSON decoder/encoder for records; see codec.h. */
#include "model/codec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/mask.h"
#include "domain/voice.h"

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static enum err bad(struct errinfo *ei, const char *field, const char *what)
{
	return err_setf(ei, ERR_INVALID, field, "%s %s", field, what);
}

/* v as JSON text in the arena (dflt when it cannot be written). */
static const char *text_of(json_t *v, size_t flags, const char *dflt, struct arena *a)
{
	char *text = json_dumps(v, flags);
	const char *out = arena_strdup(a, text ? text : dflt);
	free(text);
	return out;
}

static enum err decode_list(json_t *v, const struct field *f, struct val *out, struct arena *a,
			    struct errinfo *ei)
{
	if (!json_is_array(v))
		return bad(ei, f->name, "must be an array of strings");
	if (json_array_size(v) > (size_t)f->max)
		return err_setf(ei, ERR_INVALID, f->name, "%s has more than %d items", f->name, (int)f->max);
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		if (!json_is_string(item))
			return bad(ei, f->name, "must be an array of strings");
		size_t n = utf8_chars(json_string_value(item));
		if (n < 1 || n > 40)
			return bad(ei, f->name, "items must be 1 to 40 characters");
	}
	out->s = text_of(v, JSON_COMPACT, "[]", a);
	return ERR_OK;
}

static enum err decode_ids(json_t *v, const struct field *f, struct val *out, struct arena *a, struct errinfo *ei)
{
	if (!json_is_array(v) || json_array_size(v) < (size_t)f->min || json_array_size(v) > (size_t)f->max)
		return err_setf(ei, ERR_INVALID, f->name, "%s must be an array of %d to %d ids", f->name, (int)f->min,
				(int)f->max);
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		if (!json_is_integer(item) || json_integer_value(item) < 1)
			return err_setf(ei, ERR_INVALID, f->name, "%s[%zu] must be a positive integer id", f->name, i);
	}
	out->s = text_of(v, JSON_COMPACT, "[]", a);
	return ERR_OK;
}

static enum err decode_one(json_t *v, const struct field *f, struct val *out, struct arena *a,
			   struct errinfo *ei)
{
	*out = (struct val){.set = 1};
	if (json_is_null(v)) {
		out->null = 1;
		return ERR_OK;
	}
	switch (f->type) {
	case FT_INT:
		if (!json_is_integer(v))
			return bad(ei, f->name, "must be an integer");
		out->i = json_integer_value(v);
		if ((f->min || f->max) && (out->i < (int64_t)f->min || (double)out->i > f->max))
			return bad(ei, f->name, "is out of range");
		return ERR_OK;
	case FT_REAL:
		if (!json_is_number(v))
			return bad(ei, f->name, "must be a number");
		out->r = json_number_value(v);
		if (!isfinite(out->r) || ((f->min || f->max) && (out->r < f->min || out->r > f->max)))
			return err_setf(ei, ERR_INVALID, f->name, "%s must be between %g and %g", f->name, f->min,
					f->max);
		return ERR_OK;
	case FT_BOOL:
		if (!json_is_boolean(v))
			return bad(ei, f->name, "must be true or false");
		out->i = json_is_true(v);
		return ERR_OK;
	case FT_LIST:
		return decode_list(v, f, out, a, ei);
	case FT_IDS:
		return decode_ids(v, f, out, a, ei);
	case FT_JSON:
		out->s = text_of(v, JSON_COMPACT | JSON_ENCODE_ANY, "null", a);
		return ERR_OK;
	default:
		break;
	}
	if (!json_is_string(v))
		return bad(ei, f->name, "must be a string");
	const char *s = json_string_value(v);
	out->s = arena_strndup(a, s, json_string_length(v));
	if (strlen(out->s) != json_string_length(v))
		return bad(ei, f->name, "must not contain NUL characters");
	switch (f->type) {
	case FT_TEXT: {
		size_t n = utf8_chars(s);
		if (f->max && (n < (size_t)f->min || n > (size_t)f->max))
			return err_setf(ei, ERR_INVALID, f->name, "%s must be %d to %d characters", f->name,
					(int)f->min, (int)f->max);
		return ERR_OK;
	}
	case FT_ENUM:
		for (const char *const *e = f->enums; *e; e++)
			if (strcmp(*e, s) == 0)
				return ERR_OK;
		return bad(ei, f->name, "is not one of the allowed values");
	case FT_DATE: {
		int y, m, d;
		if (date_parse(s, &y, &m, &d) || y < 1900)
			return bad(ei, f->name, "must be a real date YYYY-MM-DD");
		return ERR_OK;
	}
	case FT_TIME:
		if (time_parse(s, &out->i))
			return bad(ei, f->name, "must be an ISO 8601 time with offset");
		out->s = NULL;
		return ERR_OK;
	default:
		return bad(ei, f->name, "has an unsupported type");
	}
}

enum err codec_decode(json_t *obj, const struct entity *e, int creating, struct rec *out, struct arena *a,
		      struct errinfo *ei)
{
	rec_init(out, e);
	if (!json_is_object(obj))
		return err_set(ei, ERR_BAD_REQUEST, NULL, "the body must be a JSON object");
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int i = entity_field(e, key);
		if (i < 0 || (e->fields[i].flags & FF_HIDDEN) || strcmp(key, "id") == 0) {
			if (strcmp(key, "id") == 0)
				return err_set(ei, ERR_READ_ONLY, "id", "id is set by the server");
			return err_setf(ei, ERR_UNKNOWN_FIELD, key, "unknown field %s", key);
		}
		const struct field *f = &e->fields[i];
		if (f->flags & FF_SERVER)
			return err_setf(ei, ERR_READ_ONLY, key, "%s is set by the server", key);
		enum err err = decode_one(v, f, &out->v[i], a, ei);
		if (err)
			return err;
		if (out->v[i].null && (f->flags & FF_REQUIRED))
			return err_setf(ei, ERR_REQUIRED, key, "%s is required", key);
	}
	if (creating)
		for (int i = 0; i < e->nfields; i++)
			if ((e->fields[i].flags & FF_REQUIRED) && (!out->v[i].set || out->v[i].null))
				return err_setf(ei, ERR_REQUIRED, e->fields[i].name, "%s is required",
						e->fields[i].name);
	return ERR_OK;
}

static json_t *json_of_text(const struct field *f, const char *t)
{
	char *end;
	switch (f ? f->type : FT_TEXT) {
	case FT_INT: {
		long long v = strtoll(t, &end, 10);
		return *t && !*end ? json_integer(v) : json_string(t);
	}
	case FT_REAL: {
		double v = strtod(t, &end);
		return *t && !*end ? json_real(v) : json_string(t);
	}
	case FT_BOOL:
		return strcmp(t, "true") == 0 ? json_true() : strcmp(t, "false") == 0 ? json_false() : json_string(t);
	case FT_LIST: {
		json_t *arr = json_array();
		for (const char *p = t; *p;) {
			size_t n = strcspn(p, "\n");
			if (n)
				json_array_append_new(arr, json_stringn(p, n));
			p += n + (p[n] == '\n');
		}
		return arr;
	}
	default:
		return json_string(t);
	}
}

enum err codec_decode_texts(const char *const *names, const char *const *texts, int n, const struct entity *e,
			    int creating, struct rec *out, struct arena *a, struct errinfo *ei)
{
	json_t *obj = json_object();
	for (int i = 0; i < n; i++) {
		int k = entity_field(e, names[i]);
		json_t *v = json_of_text(k >= 0 ? &e->fields[k] : NULL, texts[i]);
		if (!v) /* not UTF-8: the sheet reader gives UTF-8, so only a bug gets here */
			v = json_string("");
		json_object_set_new(obj, names[i], v);
	}
	enum err err = codec_decode(obj, e, creating, out, a, ei);
	json_decref(obj);
	return err;
}

const char *codec_quote(const char *s, struct arena *a)
{
	json_t *j = json_string(s ? s : "");
	const char *out = text_of(j ? j : json_null(), JSON_ENCODE_ANY, "\"\"", a);
	json_decref(j);
	return out;
}

static json_t *encode_val(const struct field *f, const struct val *v, int mask_pii)
{
	if (!v->set || v->null)
		return json_null();
	switch (f->type) {
	case FT_INT: return json_integer(v->i);
	case FT_REAL: return json_real(v->r);
	case FT_BOOL: return json_boolean(v->i);
	case FT_TIME: {
		char buf[32];
		time_format(v->i, buf);
		return json_string(buf);
	}
	case FT_LIST: case FT_IDS: return codec_list(v->s);
	case FT_JSON: {
		json_t *j = json_loads(v->s, JSON_DECODE_ANY, NULL);
		return j ? j : json_null();
	}
	default:
		break;
	}
	if (mask_pii && (f->flags & FF_PII)) {
		char buf[64];
		if (strcmp(f->name, "id_number") == 0)
			mask_id_number(v->s, buf, sizeof buf);
		else
			mask_phone(v->s, buf, sizeof buf);
		return json_string(buf);
	}
	return json_string(v->s);
}

json_t *codec_encode(const struct rec *r, int mask_pii)
{
	const struct entity *e = r->e;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	for (int i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & (FF_HIDDEN | FF_WRITEONLY))
			continue;
		json_object_set_new(o, f->name, encode_val(f, &r->v[i], mask_pii));
	}
	return o;
}

char *codec_dump(const struct rec *r, int mask_pii, struct arena *a)
{
	json_t *o = codec_encode(r, mask_pii);
	char *text = json_dumps(o, JSON_COMPACT);
	char *out = arena_strdup(a, text ? text : "{}");
	free(text);
	json_decref(o);
	return out;
}

json_t *codec_list(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_array(j)) {
		json_decref(j);
		return json_array();
	}
	return j;
}

int codec_strings(const char *text, const char ***out, struct arena *a)
{
	json_t *j = codec_list(text), *item;
	size_t i, n = json_array_size(j);
	const char **v = arena_alloc(a, sizeof *v * (n + 1));
	int k = 0;
	json_array_foreach(j, i, item)
		if (json_is_string(item))
			v[k++] = arena_strdup(a, json_string_value(item));
	v[k] = NULL;
	json_decref(j);
	*out = v;
	return k;
}

enum err codec_roles(const char *text, int max, struct role_in **out, int *n, struct arena *a,
		     struct errinfo *ei)
{
	json_t *arr = json_loads(text, JSON_DECODE_ANY, NULL);
	enum err e = ERR_OK;
	if (!json_is_array(arr) || json_array_size(arr) > (size_t)max) {
		e = err_setf(ei, ERR_INVALID, "roles", "roles must be an array of at most %d role bindings", max);
		goto out;
	}
	*n = (int)json_array_size(arr);
	*out = arena_alloc(a, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		json_t *o = json_array_get(arr, (size_t)i), *v;
		const char *key;
		if (!json_is_object(o)) {
			e = err_set(ei, ERR_INVALID, "roles", "each role must be an object {role, org_id|region_id}");
			goto out;
		}
		json_object_foreach(o, key, v)
		{
			if (strcmp(key, "role") == 0 && json_is_string(v)) {
				(*out)[i].role = arena_strdup(a, json_string_value(v));
			} else if (strcmp(key, "org_id") == 0 && (json_is_integer(v) || json_is_null(v))) {
				(*out)[i].org_id = json_integer_value(v);
			} else if (strcmp(key, "region_id") == 0 && (json_is_integer(v) || json_is_null(v))) {
				(*out)[i].region_id = json_integer_value(v);
			} else {
				e = err_setf(ei, ERR_INVALID, "roles", "role binding field %s is unknown or of the wrong type",
					     key);
				goto out;
			}
		}
		if (!(*out)[i].role) {
			e = err_set(ei, ERR_REQUIRED, "roles", "each role binding needs a role");
			goto out;
		}
	}
out:
	json_decref(arr);
	return e;
}

char *codec_roles_dump(const struct role_in *roles, int n, struct arena *a)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "role", json_string(roles[i].role));
		if (roles[i].org_id)
			json_object_set_new(o, "org_id", json_integer(roles[i].org_id));
		if (roles[i].region_id)
			json_object_set_new(o, "region_id", json_integer(roles[i].region_id));
		json_array_append_new(arr, o);
	}
	char *text = json_dumps(arr, JSON_COMPACT);
	char *out = arena_strdup(a, text ? text : "[]");
	free(text);
	json_decref(arr);
	return out;
}

enum err codec_ids(const char *text, int max, int64_t **ids, int *n, struct arena *a, struct errinfo *ei)
{
	json_t *arr = json_loads(text, JSON_DECODE_ANY, NULL);
	enum err e = ERR_OK;
	if (!json_is_array(arr) || json_array_size(arr) > (size_t)max) {
		e = err_setf(ei, ERR_INVALID, NULL, "must be an array of at most %d ids", max);
		goto out;
	}
	*n = (int)json_array_size(arr);
	*ids = arena_alloc(a, sizeof **ids * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		json_t *v = json_array_get(arr, (size_t)i);
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			e = err_set(ei, ERR_INVALID, NULL, "must be an array of positive integer ids");
			goto out;
		}
		(*ids)[i] = json_integer_value(v);
	}
out:
	json_decref(arr);
	return e;
}

char *codec_ids_dump(const int64_t *ids, int n, struct arena *a)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_integer(ids[i]));
	char *text = json_dumps(arr, JSON_COMPACT);
	char *out = arena_strdup(a, text ? text : "[]");
	free(text);
	json_decref(arr);
	return out;
}

char *codec_dump_list(const struct rec *rows, int n, struct arena *a)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, codec_encode(&rows[i], 0));
	char *text = json_dumps(arr, JSON_COMPACT | JSON_REAL_PRECISION(12));
	char *out = arena_strdup(a, text ? text : "[]");
	free(text);
	json_decref(arr);
	return out;
}

enum err codec_decode_list(const char *text, const struct entity *e, const char *parent, int max, struct rec **out,
			   int *n, struct arena *a, struct errinfo *ei)
{
	json_t *arr = json_loads(text, JSON_DECODE_ANY, NULL);
	enum err err = ERR_OK;
	if (!json_is_array(arr) || json_array_size(arr) > (size_t)max) {
		err = err_setf(ei, ERR_INVALID, NULL, "must be an array of at most %d objects", max);
		goto out;
	}
	*n = (int)json_array_size(arr);
	*out = arena_alloc(a, sizeof **out * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		json_t *o = json_array_get(arr, (size_t)i);
		if (json_is_object(o) && json_object_get(o, parent)) {
			char field[sizeof ei->field];
			snprintf(field, sizeof field, "[%d].%s", i, parent);
			err = err_setf(ei, ERR_READ_ONLY, field, "%s is set by the server", field);
			goto out;
		}
		int pi = entity_field(e, parent);
		if (json_is_object(o) && pi >= 0 && (e->fields[pi].flags & FF_REQUIRED))
			json_object_set_new(o, parent, json_integer(1)); /* placeholder, set by the caller */
		err = codec_decode(o, e, 1, &(*out)[i], a, ei);
		if (err) {
			char msg[400], field[sizeof ei->field];
			snprintf(field, sizeof field, "[%d].%.40s", i, ei->field);
			snprintf(msg, sizeof msg, "%s: %.200s", field, ei->message);
			err_set(ei, err, field, msg);
			goto out;
		}
	}
out:
	json_decref(arr);
	return err;
}

static void answer_value(json_t *j, struct voice_value *v, struct arena *a)
{
	if (json_is_null(j)) {
		v->type = VV_NONE;
	} else if (json_is_string(j)) {
		v->type = VV_STRING;
		v->s = arena_strdup(a, json_string_value(j));
	} else if (json_is_integer(j)) {
		v->type = VV_INT;
		v->i = json_integer_value(j);
	} else if (json_is_array(j) && json_array_size(j) <= VOICE_MAX_OPTIONS) {
		size_t i;
		json_t *item;
		const char **list = arena_alloc(a, sizeof *list * (json_array_size(j) + 1));
		v->type = VV_STRINGS;
		json_array_foreach(j, i, item) {
			if (!json_is_string(item)) {
				v->type = VV_OTHER;
				return;
			}
			list[i] = arena_strdup(a, json_string_value(item));
		}
		v->list = list;
		v->n = (int)json_array_size(j);
	} else {
		v->type = VV_OTHER;
	}
}

enum err codec_answers(const char *text, int max, struct voice_value **out, int *n, struct arena *a,
		       struct errinfo *ei)
{
	json_t *obj = json_loads(text, JSON_DECODE_ANY, NULL), *val;
	const char *key;
	enum err e = ERR_OK;
	if (!json_is_object(obj) || json_object_size(obj) > (size_t)max) {
		e = err_setf(ei, ERR_INVALID, NULL, "must be an object of at most %d answers, by question key", max);
		goto out;
	}
	*out = arena_alloc(a, sizeof **out * (json_object_size(obj) + 1));
	*n = 0;
	json_object_foreach(obj, key, val) {
		struct voice_value *v = &(*out)[(*n)++];
		memset(v, 0, sizeof *v);
		v->key = arena_strdup(a, key);
		answer_value(val, v, a);
	}
out:
	json_decref(obj);
	return e;
}
