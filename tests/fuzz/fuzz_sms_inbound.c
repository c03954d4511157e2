/* fuzz_sms_inbound.c - the SMS gateway's inbound webhook without a store:
 * the signature check (service/replies.c, webhook_verify) over any body,
 * the body's decoder (http/handlers/replies.c, sms_inbound_decode) and the
 * reply word of its text (domain/reply.c, reply_word_parse).
 *
 * Input: byte 0 picks the clock skew of the timestamp, the rest is the
 * body. Properties: a body signed with the secret at a timestamp within
 * five minutes verifies, the same with one signature digit changed, under
 * another key, or outside the window does not; the decoder accepts a body
 * only with a phone of 1..32 bytes, a text of at most SMS_INBOUND_TEXT_MAX
 * bytes and an id of 1..SMS_INBOUND_ID_MAX bytes or none, and a refusal
 * names a field (an empty key by its empty name) with a known code; the reply word is RW_ACCEPT or
 * RW_DECLINE only for the words of domain/reply.h around white space. */
#include "fuzz.h"

#include "crypto/crypto.h"
#include "domain/reply.h"
#include "http/handlers/handlers.h"
#include "service/replies.h"

static const char secret[] = "fuzz-webhook-secret-0123456789";

static void check_signature(const char *body, size_t len, int skew)
{
	const int64_t now = 1800000000;
	int64_t ts = now + skew, got = 0;
	char tss[24], sig[65];
	snprintf(tss, sizeof tss, "%lld", (long long)ts);
	size_t n = strlen(tss);
	char *msg = malloc(n + 1 + len + 1);
	if (!msg)
		abort();
	memcpy(msg, tss, n);
	msg[n] = '.';
	memcpy(msg + n + 1, body, len);
	crypto_hmac_sha256_hex(secret, strlen(secret), msg, n + 1 + len, sig);
	free(msg);
	enum webhook_verdict v = webhook_verify(secret, tss, sig, body, len, now, &got);
	int inside = skew >= -WEBHOOK_SKEW && skew <= WEBHOOK_SKEW;
	FUZZ_CHECK(v == (inside ? WH_OK : WH_STALE));
	if (!inside)
		return;
	FUZZ_CHECK(got == ts);
	FUZZ_CHECK(webhook_verify("another-secret-entirely-xx", tss, sig, body, len, now, &got) == WH_BAD_SIGNATURE);
	sig[len % 64] = sig[len % 64] == '0' ? '1' : '0';
	FUZZ_CHECK(webhook_verify(secret, tss, sig, body, len, now, &got) == WH_BAD_SIGNATURE);
	FUZZ_CHECK(webhook_verify(secret, NULL, sig, body, len, now, &got) == WH_MISSING);
}

static int is_word(const char *t, const char *const *words)
{
	size_t b = 0, e = strlen(t);
	while (b < e && (t[b] == ' ' || (t[b] >= '\t' && t[b] <= '\r') || (e - b >= 3 && !memcmp(t + b, "\xe3\x80\x80", 3))))
		b += (t[b] == '\xe3') ? 3 : 1;
	while (e > b && (t[e - 1] == ' ' || (t[e - 1] >= '\t' && t[e - 1] <= '\r') ||
			 (e - b >= 3 && !memcmp(t + e - 3, "\xe3\x80\x80", 3))))
		e -= (t[e - 1] == '\x80' && e - b >= 3 && !memcmp(t + e - 3, "\xe3\x80\x80", 3)) ? 3 : 1;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == e - b && !memcmp(words[i], t + b, e - b))
			return 1;
	return 0;
}

static const char *const yes[] = {"1", "Y", "y", "\xe6\x98\xaf", "\xef\xbc\x91", NULL};
static const char *const no[] = {"2", "N", "n", "\xe5\x90\xa6", "\xef\xbc\x92", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int skew = ((int)data[0] - 128) * 4; /* -512 .. +508 seconds */
	const char *body = (const char *)data + 1;
	size_t len = size - 1;
	check_signature(body, len, skew);

	struct arena a = ARENA_INIT;
	json_error_t je;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (j && json_is_object(j)) {
		struct sms_inbound in;
		struct errinfo ei = {0};
		enum err e = sms_inbound_decode(j, &a, &in, &ei);
		if (e) {
			/* the field is named (an empty key is named by its empty name) */
			FUZZ_CHECK(ei.code == e && (ei.field[0] || json_object_get(j, "") != NULL));
			FUZZ_CHECK(e == ERR_REQUIRED || e == ERR_INVALID || e == ERR_UNKNOWN_FIELD);
		} else {
			FUZZ_CHECK(in.phone && *in.phone && strlen(in.phone) <= 32);
			FUZZ_CHECK(in.text && strlen(in.text) <= SMS_INBOUND_TEXT_MAX);
			FUZZ_CHECK(!in.id || (*in.id && strlen(in.id) <= SMS_INBOUND_ID_MAX));
			enum reply_word w = reply_word_parse(in.text, strlen(in.text));
			FUZZ_CHECK((w == RW_ACCEPT) == is_word(in.text, yes));
			FUZZ_CHECK((w == RW_DECLINE) == is_word(in.text, no));
		}
	}
	json_decref(j);
	/* the raw text as a reply word: never both, never a crash */
	char *s = fuzz_str((const uint8_t *)body, len);
	enum reply_word w = reply_word_parse(s, strlen(s));
	FUZZ_CHECK(w == RW_UNKNOWN || w == RW_ACCEPT || w == RW_DECLINE);
	free(s);
	arena_release(&a);
	return 0;
}
