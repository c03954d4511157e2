/* fuzz_outmsg.c - the outbox's pure parts (issue 17) on any bytes: the
 * e-mail address check (domain/email.c), the SMS template check and render
 * and the mail (domain/outmsg.c). Properties: an accepted address has one
 * '@', no space, CR, LF, quote or angle bracket; a JSON template's body
 * carries no raw control character of the text; a form body's values are
 * all percent-encoded; the mail's lines all end CRLF and hold no bare LF;
 * no read past the input. */
#include "fuzz.h"

#include "domain/email.h"
#include "domain/outmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	if (email_valid(s, size)) {
		FUZZ_CHECK(memchr(s, '@', size) && memchr(s, '@', size) == memrchr(s, '@', size));
		for (size_t i = 0; i < size; i++)
			FUZZ_CHECK(s[i] > ' ' && s[i] != '"' && s[i] != '<' && s[i] != '>' && s[i] != 0x7f);
	}
	char *t = fuzz_str(data, size);
	size_t n;
	/* the input as the text, in both kinds of template */
	char *b = sms_render(SMS_TEMPLATE_DEFAULT, "13912345678", t, 1, &n);
	FUZZ_CHECK(b && n == strlen(b));
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)b[i] >= 0x20 || !memchr(t, b[i], strlen(t)) || b[i] == 0);
	free(b);
	b = sms_render("p={phone}&t={text}", "13912345678", t, 1, &n);
	FUZZ_CHECK(b && strspn(b + 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%") == n - 16);
	free(b);
	/* the input as a template */
	if (sms_template_check(t) == 0) {
		b = sms_render(t, "13912345678", "x\"y", 2, &n);
		FUZZ_CHECK(b && n == strlen(b));
		free(b);
	}
	char *m = mail_render("a@b.cn", "c@d.cn", t, t, 3, 1733500000, &n);
	FUZZ_CHECK(m && n == strlen(m));
	for (char *l = m; *l;) {
		char *e = strstr(l, "\r\n");
		FUZZ_CHECK(e && !memchr(l, '\n', (size_t)(e - l)) && !memchr(l, '\r', (size_t)(e - l)));
		l = e + 2;
	}
	free(m);
	free(t);
	return 0;
}
