/* config.c - the option table's sources: defaults, the configuration
 * file, the LIANDONG_* environment and the flags (config.h). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"

#define CONFIG_FILE_MAX (1 << 20)
#define ENV_PREFIX "LIANDONG_"

static int fail(char *err, size_t errn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errn, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errn, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether name[0..len) spells key, '-' standing for '_'. */
static int name_is(const char *key, const char *name, size_t len)
{
	if (!key || strlen(key) != len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (key[i] != (name[i] == '-' ? '_' : name[i]))
			return 0;
	return 1;
}

const struct opt *opt_find(const struct optset *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (name_is(s->t[i].name, name, len) || name_is(s->t[i].alias, name, len))
			return &s->t[i];
	return NULL;
}

/* LIANDONG_ + the upper-case name, into buf. */
static const char *env_name(const struct opt *o, char *buf, size_t n)
{
	size_t k = snprintf(buf, n, ENV_PREFIX "%s", o->name) >= (int)n ? n - 1 : strlen(buf);
	for (size_t i = sizeof ENV_PREFIX - 1; i < k; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return buf;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"1", "true", "yes", "on"}, *const no[] = {"0", "false", "no", "off"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

int opt_set(struct optset *s, const struct opt *o, const char *value, const char *where, char *err, size_t errn)
{
	char *slot = (char *)s->base + o->off;
	switch (o->type) {
	case O_STR: {
		char *copy = xstrdup(value);
		s->owned = xrealloc(s->owned, sizeof *s->owned * (s->nowned + 1));
		s->owned[s->nowned++] = copy;
		*(const char **)(void *)slot = copy;
		return 0;
	}
	case O_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(value, &end, 10);
		if (errno || *end || !*value || n < 0 || !isdigit((unsigned char)*value))
			return fail(err, errn, "%s: %s needs a non-negative integer, not \"%.40s\"", where, o->name,
				    o->flags & OPT_SECRET ? "(hidden)" : value);
		*(long long *)(void *)slot = n;
		return 0;
	}
	case O_FLAG:
		if (parse_bool(value, (int *)(void *)slot))
			return fail(err, errn, "%s: %s is true or false, not \"%.40s\"", where, o->name, value);
		return 0;
	}
	return fail(err, errn, "%s: %s has an unknown type", where, o->name);
}

int config_defaults(struct optset *s, char *err, size_t errn)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].def && opt_set(s, &s->t[i], s->t[i].def, "default", err, errn))
			return -1;
	return 0;
}

static const char *trim(const char *b, const char **e)
{
	while (b < *e && (*b == ' ' || *b == '\t'))
		b++;
	while (*e > b && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
	return b;
}

int config_parse_text(struct optset *s, const char *text, size_t len, const char *path, char *err, size_t errn)
{
	if (memchr(text, 0, len))
		return fail(err, errn, "%s: not a text file (a NUL byte)", path);
	char *seen = xcalloc(s->n ? s->n : 1, 1);
	int rc = 0, line = 0;
	for (const char *p = text, *end = text + len; p < end && !rc;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		line++;
		const char *b = trim(p, &le);
		p = nl ? nl + 1 : end;
		if (b == le || *b == '#')
			continue;
		char where[300];
		snprintf(where, sizeof where, "%.250s:%d", path, line);
		const char *eq = memchr(b, '=', (size_t)(le - b));
		if (!eq) {
			rc = fail(err, errn, "%s: expected `key = value`", where);
			break;
		}
		const char *ke = eq, *k = trim(b, &ke), *ve = le, *v = trim(eq + 1, &ve);
		const struct opt *o = opt_find(s, k, (size_t)(ke - k));
		if (!o || !name_is(o->name, k, (size_t)(ke - k))) {
			rc = fail(err, errn, "%s: unknown key \"%.*s\"", where, (int)(ke - k > 60 ? 60 : ke - k), k);
			break;
		}
		if (!(o->flags & OPT_CONF)) {
			rc = fail(err, errn, "%s: %s is a command's argument, not a setting of the file", where, o->name);
			break;
		}
		if (seen[o - s->t]) {
			rc = fail(err, errn, "%s: %s is set twice", where, o->name);
			break;
		}
		seen[o - s->t] = 1;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"')
			v++, ve--;
		char *value = xmalloc((size_t)(ve - v) + 1);
		memcpy(value, v, (size_t)(ve - v));
		value[ve - v] = 0;
		rc = opt_set(s, o, value, where, err, errn);
		free(value);
	}
	free(seen);
	return rc;
}

int config_load_file(struct optset *s, const char *path, int must_exist, char *err, size_t errn)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT && !must_exist)
			return 0;
		return fail(err, errn, "cannot read the configuration file %s: %s", path, strerror(errno));
	}
	char *buf = xmalloc(CONFIG_FILE_MAX + 1);
	size_t n = fread(buf, 1, CONFIG_FILE_MAX + 1, f);
	int bad = ferror(f);
	fclose(f);
	int rc = bad ? fail(err, errn, "cannot read the configuration file %s", path)
	       : n > CONFIG_FILE_MAX ? fail(err, errn, "%s: larger than %d bytes", path, CONFIG_FILE_MAX)
				     : config_parse_text(s, buf, n, path, err, errn);
	free(buf);
	return rc;
}

int config_load_env(struct optset *s, char *const *env, char *err, size_t errn)
{
	for (; env && *env; env++) {
		const char *kv = *env, *eq = strchr(kv, '=');
		if (strncmp(kv, ENV_PREFIX, sizeof ENV_PREFIX - 1) != 0 || !eq)
			continue;
		const char *k = kv + sizeof ENV_PREFIX - 1;
		size_t klen = (size_t)(eq - k);
		char lower[64];
		if (klen >= sizeof lower)
			return fail(err, errn, "unknown environment variable %.80s", kv);
		for (size_t i = 0; i < klen; i++)
			lower[i] = (char)tolower((unsigned char)k[i]);
		lower[klen] = 0;
		if (strcmp(lower, "config") == 0)
			continue;
		const struct opt *o = opt_find(s, lower, klen);
		if (!o || strchr(lower, '-') || !name_is(o->name, lower, klen))
			return fail(err, errn, "unknown environment variable %.*s", (int)(eq - kv), kv);
		if (!(o->flags & OPT_CONF))
			return fail(err, errn, "%.*s: %s is a command's argument, not a setting", (int)(eq - kv), kv,
				    o->name);
		char where[80];
		snprintf(where, sizeof where, "%.*s", (int)(eq - kv), kv);
		if (opt_set(s, o, eq + 1, where, err, errn))
			return -1;
	}
	return 0;
}

int config_parse_args(struct optset *s, int argc, char **argv, int start, char *err, size_t errn)
{
	for (int i = start; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		if (strncmp(a, "--", 2) != 0)
			return fail(err, errn, "unexpected argument %.80s", a);
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const struct opt *o = opt_find(s, a + 2, len);
		if (!o)
			return fail(err, errn, "unknown option %.*s", (int)(len + 2 > 80 ? 80 : len + 2), a);
		if (o->flags & OPT_SECRET) {
			char env[80];
			return fail(err, errn, "%s is a secret: set it in the configuration file or in %s, never on the"
				    " command line", o->name, env_name(o, env, sizeof env));
		}
		const char *value = eq ? eq + 1 : NULL;
		if (!value && o->type == O_FLAG)
			value = "1";
		else if (!value && ++i < argc)
			value = argv[i];
		if (!value)
			return fail(err, errn, "--%s needs a value", o->name);
		char where[80];
		snprintf(where, sizeof where, "--%s", o->name);
		if (opt_set(s, o, value, where, err, errn))
			return -1;
	}
	return 0;
}

void config_help(const struct optset *s, unsigned cmd, FILE *f)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct opt *o = &s->t[i];
		if (!(o->cmds & cmd))
			continue;
		char flag[64], env[80];
		snprintf(flag, sizeof flag, "--%s%s", o->name, o->type == O_FLAG ? "" : " X");
		fprintf(f, "  %-28s %s", o->flags & OPT_SECRET ? o->name : flag, o->help);
		if (o->def && !(o->flags & OPT_SECRET))
			fprintf(f, " (default %s)", o->def);
		if (o->flags & OPT_SECRET)
			fprintf(f, " [secret: the file or %s only]", env_name(o, env, sizeof env));
		else if (o->flags & OPT_CONF)
			fprintf(f, " [file: %s, env: %s]", o->name, env_name(o, env, sizeof env));
		fputc('\n', f);
	}
}

void config_free(struct optset *s)
{
	for (size_t i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	s->owned = NULL;
	s->nowned = 0;
}
