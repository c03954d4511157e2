/* err.h - the one error enum used by every layer.
 *
 * Each error has a stable API code, an HTTP status and a default message,
 * all from the single table below. Functions that can fail return enum err
 * and, where a caller needs it, fill a struct errinfo naming the field. */
#ifndef LD_CORE_ERR_H
#define LD_CORE_ERR_H

/*        name            http  api code              default message */
#define ERR_TABLE(X) \
	X(OK,             200, "ok",                  "ok") \
	X(BAD_REQUEST,    400, "bad_request",         "the request is malformed") \
	X(BAD_JSON,       400, "invalid_json",        "the body is not valid JSON") \
	X(UNKNOWN_FIELD,  400, "unknown_field",       "the field is not known") \
	X(UNAUTHORIZED,   401, "unauthorized",        "authentication is required") \
	X(FORBIDDEN,      403, "forbidden",           "the caller may not do this") \
	X(NOT_FOUND,      404, "not_found",           "no such resource") \
	X(METHOD,         405, "method_not_allowed",  "the method is not allowed here") \
	X(CONFLICT,       409, "conflict",            "the request conflicts with the current state") \
	X(DUPLICATE,      409, "duplicate",           "a record with this value already exists") \
	X(INSUFFICIENT,   409, "insufficient_funds",  "the fund does not hold enough money") \
	X(GONE,           410, "gone",                "the link was used already or has expired") \
	X(TOO_LARGE,      413, "payload_too_large",   "the request body is too large") \
	X(MEDIA_TYPE,     415, "unsupported_media_type", "the body must be application/json") \
	X(REQUIRED,       422, "required",            "the field is required") \
	X(INVALID,        422, "invalid_value",       "the value is not valid") \
	X(READ_ONLY,      422, "read_only",           "the field is set by the server") \
	X(TRANSITION,     422, "invalid_transition",  "the stage change is not allowed") \
	X(RULE,           422, "rule_violation",      "a business rule forbids this") \
	X(THROTTLED,      429, "too_many_requests",   "too many attempts; try again later") \
	X(INTERNAL,       500, "internal_error",      "an internal error occurred") \
	X(UNAVAILABLE,    503, "unavailable",         "the service is unavailable")

enum err {
#define X(name, status, code, msg) ERR_##name,
	ERR_TABLE(X)
#undef X
	ERR__COUNT
};

/* Detail of one failure: which field, and a message meant for people. */
struct errinfo {
	enum err code;
	char field[64];
	char message[256];
};

int err_http_status(enum err e);
const char *err_code(enum err e);
const char *err_message(enum err e);

/* Set *ei (if not NULL) and return e, so callers can `return err_set(...)`.
 * field may be NULL; message may be NULL for the table's default. */
enum err err_set(struct errinfo *ei, enum err e, const char *field, const char *message);

/* As err_set, with a printf-style message. */
enum err err_setf(struct errinfo *ei, enum err e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
