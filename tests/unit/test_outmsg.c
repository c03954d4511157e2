/* test_outmsg.c - unit tests for the outbox's pure parts (issue 17): a
 * person's e-mail address (domain/email.c), the SMS gateway's body from its
 * template and the RFC 5322 mail (domain/outmsg.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/email.h"
#include "domain/outmsg.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_email(void **state)
{
	(void)state;
	static const char *const good[] = {"a@b.cn", "li.na+x@mail.example.cn", "o'neil@example.org",
					   "x_y-z@sub-domain.example.com"};
	static const char *const bad[] = {"", "a@b", "a b@c.org", "a@c.org\r\nBcc: d@e.org", "<a@c.org>",
					  "a@c.org,b@c.org", ".a@c.org", "a.@c.org", "a..b@c.org", "a@-c.org",
					  "a@c-.org", "a@c..org", "a@c.org.", "@c.org", "a@@c.org", "a\"b@c.org",
					  "张@c.org", "a@c_d.org"};
	for (size_t i = 0; i < N_ELEMS(good); i++)
		assert_true(email_valid(good[i], strlen(good[i])));
	for (size_t i = 0; i < N_ELEMS(bad); i++) {
		if (email_valid(bad[i], strlen(bad[i])))
			fail_msg("accepted %s", bad[i]);
	}
	char longl[80];
	memset(longl, 'a', 65);
	memcpy(longl + 65, "@c.org", 7);
	assert_false(email_valid(longl, strlen(longl)));
	longl[1] = '@';
	assert_false(email_valid(longl, 1)); /* the length given, not the NUL */
}

static void test_sms_json(void **state)
{
	(void)state;
	size_t n;
	char *b = sms_render(SMS_TEMPLATE_DEFAULT, "13912345678", "请到\"3号楼\"\n\\ \x01", 42, &n);
	assert_string_equal(b, "{\"phone\":\"13912345678\",\"text\":\"请到\\\"3号楼\\\"\\n\\\\ \\u0001\",\"id\":42}");
	assert_int_equal(n, strlen(b));
	free(b);
	/* a brace that is no placeholder stays */
	b = sms_render(" [{\"to\":\"{phone}\",\"msg\":\"{text}\",\"x\":{}}]", "1", "t", 1, &n);
	assert_string_equal(b, " [{\"to\":\"1\",\"msg\":\"t\",\"x\":{}}]");
	free(b);
}

static void test_sms_form(void **state)
{
	(void)state;
	size_t n;
	char *b = sms_render("to={phone}&text={text}&ref=liandong-{id}", "13912345678", "a b&c=d 好", 7, &n);
	assert_string_equal(b, "to=13912345678&text=a%20b%26c%3Dd%20%E5%A5%BD&ref=liandong-7");
	free(b);
}

static void test_template_check(void **state)
{
	(void)state;
	assert_int_equal(sms_template_check(SMS_TEMPLATE_DEFAULT), 0);
	assert_int_equal(sms_template_check("p={phone}&t={text}"), 0);
	assert_int_equal(sms_template_check("p={phone}"), -1);		/* no text */
	assert_int_equal(sms_template_check("p={phone}&t={txt}"), -1);	/* misspelt */
	assert_int_equal(sms_template_check("{phone}{text}{idd}"), -1);
	assert_int_equal(sms_template_check("{\"a\":{phone},\"b\":{text},\"c\":{}}"), 0);
}

static void test_mail(void **state)
{
	(void)state;
	size_t n;
	const char *subject = "紧急召集：三眼井社区需要志愿者支援，请尽快回复（共二十个汉字以上）";
	char *m = mail_render("noreply@liandong.example.org", "a@b.cn", subject, "正文\nline two", 9, 1733500000, &n);
	assert_int_equal(n, strlen(m));
	assert_non_null(strstr(m, "From: <noreply@liandong.example.org>\r\nTo: <a@b.cn>\r\nSubject: =?UTF-8?B?"));
	assert_non_null(strstr(m, "Date: Fri, 06 Dec 2024 15:46:40 +0000\r\n"));
	assert_non_null(strstr(m, "Message-ID: <liandong-9.1733500000@liandong.example.org>\r\n"));
	assert_non_null(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	/* every line ends CRLF, none longer than 78, no bare LF */
	for (const char *l = m; *l;) {
		const char *e = strstr(l, "\r\n");
		assert_non_null(e);
		assert_true(e - l <= 78);
		assert_null(memchr(l, '\n', (size_t)(e - l)));
		l = e + 2;
	}
	/* the subject folds into several encoded words, cut between characters */
	assert_non_null(strstr(m, "?=\r\n =?UTF-8?B?"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email),	     cmocka_unit_test(test_sms_json), cmocka_unit_test(test_sms_form),
		cmocka_unit_test(test_template_check), cmocka_unit_test(test_mail),
	};
	return cmocka_run_group_tests_name("outmsg", tests, NULL, NULL);
}
