/* fuzz_config.c - the configuration file's reader (core/config.c) on any
 * text, against a table of every option type. Properties: it never crashes
 * or leaks; when it accepts the text, every string option it set is a
 * value written in the text, every integer is non-negative and every flag
 * 0 or 1; when it refuses, it says why and the message names the file. */
#include "fuzz.h"

#include "core/config.h"

struct fz {
	const char *s1, *s2, *arg;
	long long n;
	int flag;
};

static const struct opt table[] = {
	{"listen", O_STR, offsetof(struct fz, s1), "127.0.0.1:8080", OPT_CONF, 1, "", NULL},
	{"sms_body_template", O_STR, offsetof(struct fz, s2), NULL, OPT_CONF | OPT_SECRET, 1, "", "body"},
	{"username", O_STR, offsetof(struct fz, arg), NULL, 0, 1, "", NULL},
	{"threads", O_INT, offsetof(struct fz, n), "4", OPT_CONF, 1, "", NULL},
	{"reuse_port", O_FLAG, offsetof(struct fz, flag), NULL, OPT_CONF, 1, "", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size);
	struct fz v = {0};
	struct optset set = {table, sizeof table / sizeof *table, &v, NULL, 0};
	char err[512] = "";
	FUZZ_CHECK(config_defaults(&set, err, sizeof err) == 0);
	if (config_parse_text(&set, (const char *)data, size, "f.conf", err, sizeof err) == 0) {
		FUZZ_CHECK(v.s1 && (strcmp(v.s1, "127.0.0.1:8080") == 0 || strstr(text, v.s1)));
		FUZZ_CHECK(!v.s2 || strstr(text, v.s2));
		FUZZ_CHECK(v.arg == NULL);	/* a command's argument never comes from the file */
		FUZZ_CHECK(v.n >= 0 && (v.flag == 0 || v.flag == 1));
	} else {
		FUZZ_CHECK(strncmp(err, "f.conf", 6) == 0);
	}
	config_free(&set);
	free(text);
	return 0;
}
