/* config.h - one option table drives the defaults, the configuration file,
 * the LIANDONG_* environment, the command-line flags and --help.
 *
 * An option has one name, written the same way everywhere: `listen` in the
 * file, LIANDONG_LISTEN in the environment, --listen on the command line
 * (where --key-file and --key_file are the same flag). Later sources win:
 * default < file < environment < flag. A secret (OPT_SECRET) is refused on
 * the command line, where any user of the machine could read it in the
 * process list, and never printed. Only OPT_CONF options may come from the
 * file and the environment; the others are one command's arguments. */
#ifndef LD_CONFIG_H
#define LD_CONFIG_H

#include <stddef.h>
#include <stdio.h>

enum opt_type { O_STR, O_INT, O_FLAG };

#define OPT_CONF 1u	/* may be set in the file and the environment */
#define OPT_SECRET 2u	/* only from the file or the environment; never printed */

struct opt {
	const char *name;	/* snake_case key */
	enum opt_type type;
	size_t off;		/* where in the options struct: const char *, long long or int */
	const char *def;	/* the default, parsed as a value; NULL: none (or the program's own) */
	unsigned flags;		/* OPT_CONF, OPT_SECRET */
	unsigned cmds;		/* the commands it applies to, for --help: a mask of the caller's bits */
	const char *help;
	const char *alias;	/* an older flag name still accepted, or NULL */
};

struct optset {
	const struct opt *t;
	size_t n;
	void *base;		/* the options struct */
	char **owned;		/* strings copied from the file and environment */
	size_t nowned;
};

/* The option of a name, with '-' read as '_' and the alias; NULL if none. */
const struct opt *opt_find(const struct optset *s, const char *name, size_t len);

/* Set one option from its text (an integer is a non-negative decimal; a
 * flag is 1/0, true/false, yes/no, on/off). `where` names the source for
 * the message, e.g. "/etc/liandong/liandong.conf:3". 0, or -1 with err. */
int opt_set(struct optset *s, const struct opt *o, const char *value, const char *where, char *err, size_t errn);

/* Apply every option's default. */
int config_defaults(struct optset *s, char *err, size_t errn);

/* Parse a configuration file's text: `key = value` lines, `#` comments,
 * blank lines; a value may be wrapped in double quotes. An unknown key, a
 * command's own argument or a bad value is an error naming the line. */
int config_parse_text(struct optset *s, const char *text, size_t len, const char *path, char *err, size_t errn);

/* Read and parse a file; a missing file is an error only when must_exist. */
int config_load_file(struct optset *s, const char *path, int must_exist, char *err, size_t errn);

/* LIANDONG_* variables of env (NULL-terminated "K=V" strings); an unknown
 * LIANDONG_ name is an error (LIANDONG_CONFIG names the file). */
int config_load_env(struct optset *s, char *const *env, char *err, size_t errn);

/* Flags argv[start..argc) ("--name value", "--name=value", "--flag"). */
int config_parse_args(struct optset *s, int argc, char **argv, int start, char *err, size_t errn);

/* The options of the commands in mask cmd, one per line, with defaults,
 * environment names and the secrets marked. */
void config_help(const struct optset *s, unsigned cmd, FILE *f);

void config_free(struct optset *s);

#endif
