/* test_password.c - unit tests for the weak-password rule (domain/password). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/password.h"

static void test_weak(void **state)
{
	(void)state;
	static const char *const weak[] = {
		"", "1234567", "        ", " \t \t \t \t", "password", "PASSWORD", "12345678", "qwerty123",
		"11111111", "abc12345", "iloveyou", "WoAiNi1314", "a123456789", "abababababab", "my-admin.x",
		"ADMIN1234",
	};
	for (size_t i = 0; i < sizeof weak / sizeof *weak; i++)
		if (password_weakness("admin", weak[i]) == NULL)
			fail_msg("\"%s\" was accepted", weak[i]);
	char big[PASSWORD_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	big[0] = 'a', big[1] = 'b';
	assert_non_null(password_weakness(NULL, big));
	assert_non_null(password_weakness(NULL, NULL));
}

static void test_strong(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"harbour-lantern-41", "river lamp 73", "password-9x-river", "长江大桥2026",
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (password_weakness("admin", ok[i]) != NULL)
			fail_msg("\"%s\" was refused: %s", ok[i], password_weakness("admin", ok[i]));
	/* No username: only the other rules apply. */
	assert_null(password_weakness(NULL, "harbour-lantern-41"));
	assert_null(password_weakness("", "harbour-lantern-41"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weak),
		cmocka_unit_test(test_strong),
	};
	return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
