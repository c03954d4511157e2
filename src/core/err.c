/* err.c - the error table's accessors. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	int status;
	const char *code;
	const char *msg;
} table[] = {
#define X(name, status, code, msg) {status, code, msg},
	ERR_TABLE(X)
#undef X
};

int err_http_status(enum err e)
{
	return (unsigned)e < ERR__COUNT ? table[e].status : 500;
}

const char *err_code(enum err e)
{
	return (unsigned)e < ERR__COUNT ? table[e].code : "internal_error";
}

const char *err_message(enum err e)
{
	return (unsigned)e < ERR__COUNT ? table[e].msg : "an internal error occurred";
}

enum err err_set(struct errinfo *ei, enum err e, const char *field, const char *message)
{
	if (!ei)
		return e;
	ei->code = e;
	snprintf(ei->field, sizeof ei->field, "%s", field ? field : "");
	snprintf(ei->message, sizeof ei->message, "%s", message ? message : err_message(e));
	return e;
}

enum err err_setf(struct errinfo *ei, enum err e, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(ei, e, field, msg);
}
