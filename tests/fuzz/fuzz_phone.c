/* fuzz_phone.c - the mobile number normaliser (domain/phone.c) and its mask
 * (domain/mask.c) on any bytes. Properties: an accepted number normalises to
 * 11 digits 13x-19x that normalise again to themselves, and the "+86 ",
 * "0086" and "86" forms of it are accepted as the same; no read past the
 * input (it is not NUL-terminated). */
#include "fuzz.h"

#include "domain/mask.h"
#include "domain/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[12];
	if (phone_normalize((const char *)data, size, out) == 0) {
		FUZZ_CHECK(strlen(out) == 11 && strspn(out, "0123456789") == 11);
		FUZZ_CHECK(out[0] == '1' && out[1] >= '3' && out[1] <= '9');
		static const char *const forms[] = {"%s", "+86 %s", "0086%s", "86-%s"};
		for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
			char in[32], again[12];
			int n = snprintf(in, sizeof in, forms[i], out);
			FUZZ_CHECK(phone_normalize(in, (size_t)n, again) == 0 && strcmp(again, out) == 0);
		}
		char masked[12];
		FUZZ_CHECK(mask_phone(out, masked, sizeof masked) == 11);
		FUZZ_CHECK(memcmp(masked, out, 3) == 0 && memcmp(masked + 7, out + 7, 4) == 0);
	}
	char *s = fuzz_str(data, size), m[16];
	size_t len = mask_phone(s, m, sizeof m);
	FUZZ_CHECK(len == strlen(s) && strlen(m) == (len < sizeof m ? len : sizeof m - 1));
	free(s);
	return 0;
}
