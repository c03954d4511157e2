/* fuzz_idcard.c - the resident ID number parser (domain/idcard.c) and its
 * mask (domain/mask.c) on any bytes. Properties: an accepted number is 18
 * characters of its normal form with a real birth date not after `today`,
 * the right check character and agreeing fields, and parses again to the
 * same; no read past the input (it is not NUL-terminated). */
#include "fuzz.h"

#include "domain/idcard.h"
#include "domain/mask.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int todays[] = {20261205, 99991231, 19000101};
	for (size_t k = 0; k < sizeof todays / sizeof *todays; k++) {
		struct idcard id;
		enum idcard_err e = idcard_parse((const char *)data, size, todays[k], &id);
		FUZZ_CHECK(idcard_strerror(e) != NULL);
		if (e != IDCARD_OK)
			continue;
		FUZZ_CHECK(size == 18 && strlen(id.number) == 18 && strlen(id.region) == 6);
		FUZZ_CHECK(memcmp(id.region, id.number, 6) == 0);
		FUZZ_CHECK(idcard_check_char(id.number) == id.number[17]);
		FUZZ_CHECK(id.year >= 1900 && date_valid(id.year, id.month, id.day));
		FUZZ_CHECK(id.year * 10000 + id.month * 100 + id.day <= todays[k]);
		FUZZ_CHECK(id.male == (id.number[16] - '0') % 2);
		struct idcard again;
		FUZZ_CHECK(idcard_parse(id.number, 18, todays[k], &again) == IDCARD_OK);
		FUZZ_CHECK(strcmp(again.number, id.number) == 0 && strcmp(again.region, id.region) == 0 &&
			   again.year == id.year && again.month == id.month && again.day == id.day && again.male == id.male);
		FUZZ_CHECK(age_on(id.year, id.month, id.day, todays[k]) >= 0);
	}
	char *s = fuzz_str(data, size), out[24];
	size_t len = mask_id_number(s, out, sizeof out);
	FUZZ_CHECK(len == strlen(s) && strlen(out) == (len < sizeof out ? len : sizeof out - 1));
	free(s);
	return 0;
}
