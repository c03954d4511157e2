/* voice.c - survey questions and answers, survey states; see voice.h. */
#include "domain/voice.h"

#include <string.h>

static const char *const kind_names[] = {"single", "multiple", "scale", "text"};
static const char *const state_names[] = {"draft", "open", "closed"};

int voice_kind_parse(const char *name)
{
	for (int i = 0; name && i < VK__COUNT; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return i;
	return -1;
}

const char *voice_kind_name(enum voice_kind k)
{
	return (unsigned)k < VK__COUNT ? kind_names[k] : NULL;
}

int voice_state_parse(const char *name)
{
	for (int i = 0; name && i < VS__COUNT; i++)
		if (strcmp(name, state_names[i]) == 0)
			return i;
	return -1;
}

const char *voice_state_name(enum voice_state s)
{
	return (unsigned)s < VS__COUNT ? state_names[s] : NULL;
}

int voice_state_move_ok(enum voice_state from, enum voice_state to)
{
	return (from == VS_DRAFT && to == VS_OPEN) || (from == VS_OPEN && to == VS_CLOSED);
}

long voice_chars(const char *s)
{
	long n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	if (n < 1 || n > VOICE_KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
			return 0;
	return 1;
}

static int fail(const char **what, const char **msg, const char *w, const char *m)
{
	*what = w;
	*msg = m;
	return -1;
}

static int question_check(const struct voice_question *q, const char **what, const char **msg)
{
	if (!key_ok(q->key))
		return fail(what, msg, "key", "a question key is 1 to 40 lower-case letters, digits or '_'");
	if ((unsigned)q->kind >= VK__COUNT)
		return fail(what, msg, "kind", "kind is single, multiple, scale or text");
	int choice = q->kind == VK_SINGLE || q->kind == VK_MULTIPLE;
	if (!choice)
		return q->noptions ? fail(what, msg, "options", "only a choice question has options") : 0;
	if (q->noptions < 2 || q->noptions > VOICE_MAX_OPTIONS)
		return fail(what, msg, "options", "a choice question has 2 to 20 options");
	for (int i = 0; i < q->noptions; i++) {
		long c = voice_chars(q->options[i]);
		if (c < 1 || c > VOICE_OPTION_MAX)
			return fail(what, msg, "options", "an option is 1 to 100 characters");
		for (int j = 0; j < i; j++)
			if (strcmp(q->options[i], q->options[j]) == 0)
				return fail(what, msg, "options", "the options repeat one");
	}
	return 0;
}

int voice_questions_check(const struct voice_question *q, int n, int *bad, const char **what, const char **msg)
{
	*bad = -1;
	if (n < 1 || n > VOICE_MAX_QUESTIONS)
		return fail(what, msg, "questions", "a survey has 1 to 30 questions");
	for (int i = 0; i < n; i++) {
		*bad = i;
		if (question_check(&q[i], what, msg))
			return -1;
		for (int j = 0; j < i; j++)
			if (strcmp(q[i].key, q[j].key) == 0)
				return fail(what, msg, "key", "two questions have the same key");
	}
	*bad = -1;
	return 0;
}

static int known(const struct voice_question *q, const char *s)
{
	for (int i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i], s) == 0)
			return 1;
	return 0;
}

int voice_answer_check(const struct voice_question *q, const struct voice_value *v, const char **msg)
{
	if (!v || v->type == VV_NONE || (v->type == VV_STRINGS && v->n == 0) ||
	    (v->type == VV_STRING && q->kind == VK_TEXT && !*v->s)) {
		*msg = "this question must be answered";
		return q->required ? -1 : 0;
	}
	switch (q->kind) {
	case VK_SINGLE:
		if (v->type == VV_STRINGS) {
			*msg = "a single choice takes one option, not a list";
			return -1;
		}
		*msg = "not one of the question's options";
		return v->type == VV_STRING && known(q, v->s) ? 0 : -1;
	case VK_MULTIPLE:
		if (v->type == VV_STRING && known(q, v->s))
			return 0;
		*msg = "a list of the question's options";
		if (v->type != VV_STRINGS)
			return -1;
		for (int i = 0; i < v->n; i++) {
			if (!known(q, v->list[i]))
				return *msg = "not one of the question's options", -1;
			for (int j = 0; j < i; j++)
				if (strcmp(v->list[i], v->list[j]) == 0)
					return *msg = "an option is chosen twice", -1;
		}
		return 0;
	case VK_SCALE:
		*msg = "a scale answer is a whole number from 1 to 5";
		return v->type == VV_INT && v->i >= VOICE_RATING_MIN && v->i <= VOICE_RATING_MAX ? 0 : -1;
	case VK_TEXT:
		*msg = "a text answer is text of at most 1000 characters";
		return v->type == VV_STRING && voice_chars(v->s) <= VOICE_TEXT_MAX ? 0 : -1;
	default:
		*msg = "unknown kind";
		return -1;
	}
}
