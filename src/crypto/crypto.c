/* crypto.c - libsodium adapter; see crypto.h. The only file that includes
 * sodium.h. */
#include "crypto/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static void derive(const unsigned char master[32], struct crypto_keys *out)
{
	crypto_kdf_derive_from_key(out->enc, sizeof out->enc, 1, "ld-enc__", master);
	crypto_kdf_derive_from_key(out->lookup, sizeof out->lookup, 2, "ld-look_", master);
	crypto_kdf_derive_from_key(out->token, sizeof out->token, 3, "ld-tokn_", master);
}

static int write_full(int fd, const unsigned char *p, size_t n)
{
	size_t put = 0;
	while (put < n) {
		ssize_t w = write(fd, p + put, n - put);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		put += (size_t)w;
	}
	return 0;
}

#define KEY_TEXT_PREFIX "liandong-key "
#define KEY_TEXT_MAX 128

/* A key file's content: 32 raw bytes (key 1), or the text form. */
static int parse_key(const unsigned char *buf, size_t len, unsigned char master[32], int *id)
{
	if (len == 32) {
		memcpy(master, buf, 32);
		*id = 1;
		return 0;
	}
	char text[KEY_TEXT_MAX + 1], hex[65];
	if (len > KEY_TEXT_MAX)
		return -1;
	memcpy(text, buf, len);
	text[len] = 0;
	int n = 0, end = 0;
	const char *rest = text + strlen(KEY_TEXT_PREFIX);
	if (strncmp(text, KEY_TEXT_PREFIX, strlen(KEY_TEXT_PREFIX)) != 0 ||
	    sscanf(rest, "%d %64[0-9a-f]%n", &n, hex, &end) != 2 || n < 1 || n > 999999 || strlen(hex) != 64 ||
	    (strcmp(rest + end, "") != 0 && strcmp(rest + end, "\n") != 0))
		return -1;
	size_t bin = 0;
	if (sodium_hex2bin(master, 32, hex, 64, NULL, &bin, NULL) != 0 || bin != 32)
		return -1;
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(text, sizeof text);
	*id = n;
	return 0;
}

static int create_key_file(const char *path, const unsigned char *content, size_t len, char *err, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write_full(fd, content, len) < 0 || fsync(fd) < 0) {
		snprintf(err, n, "cannot create key file %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return -1;
	}
	close(fd);
	return 0;
}

int crypto_load_key(const char *path, int create, struct crypto_keys *out, char *err, size_t n)
{
	unsigned char master[32], buf[KEY_TEXT_MAX + 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && create) {
		randombytes_buf(master, sizeof master);
		int rc = create_key_file(path, master, sizeof master, err, n);
		if (rc == 0) {
			derive(master, out);
			out->id = 1;
		}
		sodium_memzero(master, sizeof master);
		return rc;
	}
	if (fd < 0) {
		int saved = errno;
		snprintf(err, n, "cannot open key file %s: %s", path, strerror(errno));
		errno = saved;
		return -1;
	}
	size_t len = 0;
	ssize_t r;
	while (len < sizeof buf && ((r = read(fd, buf + len, sizeof buf - len)) > 0 || (r < 0 && errno == EINTR)))
		if (r > 0)
			len += (size_t)r;
	close(fd);
	int id = 0;
	if (parse_key(buf, len, master, &id) != 0) {
		snprintf(err, n, "key file %s is neither 32 bytes nor a \"liandong-key N <hex>\" line", path);
		sodium_memzero(buf, sizeof buf);
		errno = EINVAL;
		return -1;
	}
	sodium_memzero(buf, sizeof buf);
	derive(master, out);
	out->id = id;
	sodium_memzero(master, sizeof master);
	return 0;
}

int crypto_new_key_file(const char *path, int id, struct crypto_keys *out, char *err, size_t n)
{
	unsigned char master[32];
	char hex[65], line[KEY_TEXT_MAX];
	randombytes_buf(master, sizeof master);
	sodium_bin2hex(hex, sizeof hex, master, sizeof master);
	int len = snprintf(line, sizeof line, KEY_TEXT_PREFIX "%d %s\n", id, hex);
	int rc = create_key_file(path, (const unsigned char *)line, (size_t)len, err, n);
	if (rc == 0) {
		derive(master, out);
		out->id = id;
	}
	sodium_memzero(master, sizeof master);
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(line, sizeof line);
	return rc;
}

int crypto_sealed_key_id(const char *sealed)
{
	const char *colon = strchr(sealed, ':');
	if (!colon)
		return 1;
	int id = 0;
	if (sealed[0] != 'k' || colon == sealed + 1 || colon - sealed > 7)
		return -1;
	for (const char *p = sealed + 1; p < colon; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		id = id * 10 + (*p - '0');
	}
	return id > 1 ? id : -1;
}

/* argon2id with OWASP's recommended minimum (19 MiB, 2 passes): libsodium's
 * "interactive" preset needs 64 MiB per hash, too much for a server that
 * should stay under 50 MiB. At most PW_CONCURRENT hashes run at once, so a
 * burst of sign-ins queues instead of multiplying the memory. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024 * 1024)
#define PW_CONCURRENT 2

static pthread_mutex_t pw_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pw_cv = PTHREAD_COND_INITIALIZER;
static int pw_running;

static void pw_enter(void)
{
	pthread_mutex_lock(&pw_mu);
	while (pw_running >= PW_CONCURRENT)
		pthread_cond_wait(&pw_cv, &pw_mu);
	pw_running++;
	pthread_mutex_unlock(&pw_mu);
}

static void pw_leave(void)
{
	pthread_mutex_lock(&pw_mu);
	pw_running--;
	pthread_cond_signal(&pw_cv);
	pthread_mutex_unlock(&pw_mu);
}

int crypto_password_hash(const char *pw, char out[128])
{
	pw_enter();
	int rc = crypto_pwhash_str(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT);
	pw_leave();
	return rc;
}

int crypto_password_verify(const char *hash, const char *pw)
{
	pw_enter();
	int ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	pw_leave();
	return ok;
}

void crypto_token(char out[44])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, 44, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void keyed_hex(const unsigned char key[32], const char *s, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), key, 32);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void crypto_token_hash(const struct crypto_keys *k, const char *token, char out[65])
{
	keyed_hex(k->token, token, out);
}

char *crypto_lookup_hash(const struct crypto_keys *k, const char *plain, struct arena *a)
{
	char *out = arena_alloc(a, 65);
	keyed_hex(k->lookup, plain, out);
	return out;
}

char *crypto_seal(const struct crypto_keys *k, const char *plain, struct arena *a)
{
	size_t pn = strlen(plain);
	size_t bn = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + pn;
	unsigned char *box = arena_alloc(a, bn);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, pn,
			      box, k->enc);
	size_t on = sodium_base64_ENCODED_LEN(bn, sodium_base64_VARIANT_ORIGINAL);
	char prefix[16] = "";
	if (k->id > 1)
		snprintf(prefix, sizeof prefix, "k%d:", k->id);
	size_t pl = strlen(prefix);
	char *out = arena_alloc(a, pl + on);
	memcpy(out, prefix, pl);
	sodium_bin2base64(out + pl, on, box, bn, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

char *crypto_open(const struct crypto_keys *k, const char *sealed, struct arena *a)
{
	if (crypto_sealed_key_id(sealed) != k->id)
		return NULL;
	if (k->id > 1)
		sealed = strchr(sealed, ':') + 1;
	size_t sn = strlen(sealed);
	unsigned char *box = arena_alloc(a, sn + 1);
	size_t bn = 0;
	if (sodium_base642bin(box, sn, sealed, sn, NULL, &bn, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    bn < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	size_t pn = bn - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *plain = arena_alloc(a, pn + 1);
	if (crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
				       bn - crypto_secretbox_NONCEBYTES, box, k->enc) != 0)
		return NULL;
	plain[pn] = 0;
	return plain;
}

void crypto_random_bytes(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

void crypto_random_hex(char out[65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
}

int crypto_mac_hex(const char *key_hex, const char *msg, char out[33])
{
	unsigned char key[32], mac[16];
	size_t n = 0;
	if (sodium_hex2bin(key, sizeof key, key_hex, strlen(key_hex), NULL, &n, NULL) != 0 || n != sizeof key)
		return -1;
	crypto_generichash(mac, sizeof mac, (const unsigned char *)msg, strlen(msg), key, sizeof key);
	sodium_bin2hex(out, 33, mac, sizeof mac);
	sodium_memzero(key, sizeof key);
	return 0;
}

int crypto_streq(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

int crypto_hmac_sha256_verify_hex(const char *key, size_t keylen, const char *msg, size_t msglen,
				  const char *sig_hex)
{
	unsigned char want[crypto_auth_hmacsha256_BYTES], got[crypto_auth_hmacsha256_BYTES];
	size_t n = 0;
	if (!sig_hex || strlen(sig_hex) != 2 * sizeof got ||
	    sodium_hex2bin(got, sizeof got, sig_hex, 2 * sizeof got, NULL, &n, NULL) != 0 || n != sizeof got)
		return 0;
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, msglen);
	crypto_auth_hmacsha256_final(&st, want);
	sodium_memzero(&st, sizeof st);
	return crypto_verify_32(want, got) == 0;
}

void crypto_hmac_sha256_hex(const char *key, size_t keylen, const char *msg, size_t msglen, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, msglen);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(&st, sizeof st);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}
