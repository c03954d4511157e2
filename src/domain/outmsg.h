/* outmsg.h - the bytes of an outbound message (issue 17), pure.
 *
 * An SMS gateway's request body is the configured template with {phone},
 * {text} and {id} replaced; a template whose first non-blank character is
 * '{' or '[' is JSON, and the values are JSON-escaped into it (the template
 * supplies the quotes); any other template is a form body
 * (application/x-www-form-urlencoded) and the values are percent-encoded.
 * A literal brace that is not one of the three placeholders stays as it is.
 *
 * A mail is an RFC 5322 message: From, To, a UTF-8 Subject as RFC 2047
 * base64 encoded words, Date, Message-ID, MIME-Version and a text/plain
 * UTF-8 body in base64 lines of 76, every line ending CRLF. */
#ifndef LD_DOMAIN_OUTMSG_H
#define LD_DOMAIN_OUTMSG_H

#include <stddef.h>
#include <stdint.h>

#define SMS_TEMPLATE_DEFAULT "{\"phone\":\"{phone}\",\"text\":\"{text}\",\"id\":{id}}"

/* 1 if the template is JSON (see above). */
int sms_template_is_json(const char *tpl);
/* 0 if every '{' of tpl that starts a word in braces names a known
 * placeholder and {phone} and {text} both appear; -1 otherwise. */
int sms_template_check(const char *tpl);
/* The body (malloc, NUL-terminated) and its length; NULL out of memory. */
char *sms_render(const char *tpl, const char *phone, const char *text, int64_t id, size_t *len);

/* The whole message (malloc) for one recipient; `now` the Date (epoch
 * seconds, written in UTC; NULL out of memory); the Message-ID <liandong-ID.NOW@DOMAIN> takes
 * the domain of `from`. from/to must be email_valid addresses. */
char *mail_render(const char *from, const char *to, const char *subject, const char *body, int64_t id, int64_t now,
		  size_t *len);

#endif
