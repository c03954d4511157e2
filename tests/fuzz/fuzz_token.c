/* fuzz_token.c - the check-in token's check (service/attendance.c,
 * checkin_token_check: pure, no store) on any text, against a fixed
 * secret. Properties: a token is accepted only as the exact text that
 * checkin_token_make writes for its shift and expiry (so a forged MAC, a
 * changed number or a trailing byte is refused); other-shift and expired
 * answers come only for such a genuine token; a made token is accepted. */
#include "fuzz.h"

#include "service/service.h"

static const char secret[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	char *s = fuzz_str(data, size);
	long long sid = 0, exp = 0;
	char mac[40] = "";
	int fields = sscanf(s, "%lld.%lld.%39s", &sid, &exp, mac);
	int64_t shift = size ? data[0] % 50 : 1, now = size > 1 ? data[1] * 1000LL : 0;
	enum token_check c = checkin_token_check(secret, s, shift, now, &a);
	if (c != TOKEN_INVALID) {
		FUZZ_CHECK(fields == 3);
		const char *want = checkin_token_make(secret, sid, exp, &a);
		FUZZ_CHECK(want && strcmp(want, s) == 0);
		FUZZ_CHECK(c == (sid != shift ? TOKEN_OTHER_SHIFT : exp < now ? TOKEN_EXPIRED : TOKEN_OK));
	}
	/* a token made for the numbers read (when they are) passes */
	if (fields >= 2) {
		const char *made = checkin_token_make(secret, sid, exp, &a);
		FUZZ_CHECK(made && checkin_token_check(secret, made, sid, exp, &a) == TOKEN_OK);
		FUZZ_CHECK(checkin_token_check("00", made, sid, exp, &a) == TOKEN_INVALID);
	}
	free(s);
	arena_release(&a);
	return 0;
}
