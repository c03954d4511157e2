/* voice.h - the pure rules of volunteer and resident voice (issue 15 item
 * 5): a rating is 1 to 5; a survey's questions are well formed (a key of
 * lower-case letters, digits and '_', unique; a choice question has 2 to
 * VOICE_MAX_OPTIONS distinct options, a scale or text question none); an
 * answer fits its question (a known option; one option for a single
 * choice; a whole number 1 to 5 for a scale; text of at most
 * VOICE_TEXT_MAX characters; a required question answered); a survey moves
 * draft -> open -> closed. The verdicts carry their message; the service
 * names the field ("questions[2].options", "answers.q3"). */
#ifndef LD_DOMAIN_VOICE_H
#define LD_DOMAIN_VOICE_H

#include <stdint.h>

#define VOICE_RATING_MIN 1
#define VOICE_RATING_MAX 5
#define VOICE_COMMENT_MAX 500	/* characters of a feedback or rating comment */
#define VOICE_MAX_QUESTIONS 30
#define VOICE_MAX_OPTIONS 20
#define VOICE_OPTION_MAX 100	/* characters of an option */
#define VOICE_TEXT_MAX 1000	/* characters of a text answer */
#define VOICE_KEY_MAX 40

enum voice_kind { VK_SINGLE, VK_MULTIPLE, VK_SCALE, VK_TEXT, VK__COUNT };

struct voice_question {
	const char *key, *text;
	enum voice_kind kind;
	const char *const *options;	/* n options */
	int noptions, required;
};

/* An answer's value as sent: nothing (null or absent), a string, a whole
 * number, a list of strings, or something else (a float, an object, a list
 * holding a non-string). */
enum voice_vtype { VV_NONE, VV_STRING, VV_INT, VV_STRINGS, VV_OTHER };
struct voice_value {
	const char *key;
	enum voice_vtype type;
	const char *s;
	int64_t i;
	const char *const *list;
	int n;
};

/* kind by API name ("single", "multiple", "scale", "text"); -1 if none */
int voice_kind_parse(const char *name);
const char *voice_kind_name(enum voice_kind k);

/* The questions q[0..n): 0 if well formed, else -1 with *bad the index of
 * the first bad question, *what the member at fault ("key", "options",
 * "kind") and *msg why. n == 0 is bad with *bad = -1. */
int voice_questions_check(const struct voice_question *q, int n, int *bad, const char **what, const char **msg);

/* Does value v (NULL: not given) answer q? 0, or -1 with *msg why. */
int voice_answer_check(const struct voice_question *q, const struct voice_value *v, const char **msg);

/* Survey states and their moves: draft -> open -> closed. */
enum voice_state { VS_DRAFT, VS_OPEN, VS_CLOSED, VS__COUNT };
int voice_state_parse(const char *name);
const char *voice_state_name(enum voice_state s);
/* May a survey in `from` move to `to`? */
int voice_state_move_ok(enum voice_state from, enum voice_state to);

/* Characters (UTF-8 code points) of s. */
long voice_chars(const char *s);

#endif
