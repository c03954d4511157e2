/* crypto.h - passwords, tokens and encryption at rest (libsodium).
 *
 * - Passwords: argon2id (crypto_pwhash_str; 19 MiB, 2 passes, at most two at
 *   once).
 * - Tokens: 32 random bytes, base64url; the store keeps only their keyed
 *   hash, so a stolen database holds no usable session.
 * - Personal identifiers (ID numbers, phones): XChaCha20-Poly1305
 *   (crypto_secretbox, random nonce) for the value, and a keyed BLAKE2b hash
 *   for exact lookup and uniqueness. Both keys derive from one 32-byte master
 *   key kept outside the database (a key file, 0600). */
#ifndef LD_CRYPTO_H
#define LD_CRYPTO_H

#include <stddef.h>

#include "core/arena.h"

struct crypto_keys {
	int id;				/* the key's number: 1, 2, ... (see below) */
	unsigned char enc[32];		/* secretbox key */
	unsigned char lookup[32];	/* keyed-hash key for lookups */
	unsigned char token[32];	/* keyed-hash key for session tokens */
};

/* Initialise libsodium; 0 on success. */
int crypto_init(void);

/* Load the master key from `path`, creating it (0600) when `create` and it is
 * missing. Returns 0, or -1 with a message in err[0..n).
 *
 * Key files and key numbers. A key file of exactly 32 bytes (what every
 * version wrote before `rotate-key`) is key 1; a rotated key is the text
 * line "liandong-key <id> <64 hex digits>". A value sealed under key 1 is
 * plain base64, under key N > 1 "k<N>:" then base64 (':' is not a base64
 * character), so a value says which key opens it. Lookup and token hashes
 * carry no number: the rotation rewrites lookup hashes with the values, and
 * the session tokens of the old key are tried during a rotation and ended
 * with it (service/keys.c). When `path` is missing and not `create`, errno
 * stays ENOENT for the caller to tell. */
int crypto_load_key(const char *path, int create, struct crypto_keys *out, char *err, size_t n);
/* Write a fresh random key numbered `id` into the new file `path` (0600,
 * synced; refused if it exists) and derive it into out. */
int crypto_new_key_file(const char *path, int id, struct crypto_keys *out, char *err, size_t n);
/* The number of the key a sealed value is under: 1 without a prefix, -1 if
 * the prefix is malformed. */
int crypto_sealed_key_id(const char *sealed);

/* argon2id: hash `pw` into out (crypto_pwhash_STRBYTES = 128 bytes). 0 ok. */
int crypto_password_hash(const char *pw, char out[128]);
/* 1 if `pw` matches `hash`. */
int crypto_password_verify(const char *hash, const char *pw);

/* A fresh random token: base64url of 32 bytes (43 chars + NUL). */
void crypto_token(char out[44]);
/* Hex of the keyed hash of a token (64 chars + NUL). */
void crypto_token_hash(const struct crypto_keys *k, const char *token, char out[65]);

/* Encrypt a short string into base64 text (nonce || box), in the arena. */
char *crypto_seal(const struct crypto_keys *k, const char *plain, struct arena *a);
/* Decrypt what crypto_seal made; NULL if it does not authenticate or is
 * under another key than k. */
char *crypto_open(const struct crypto_keys *k, const char *sealed, struct arena *a);
/* Hex keyed hash of a value for lookups (64 chars), in the arena. */
char *crypto_lookup_hash(const struct crypto_keys *k, const char *plain, struct arena *a);

/* n random bytes from the system's CSPRNG (certificate codes). */
void crypto_random_bytes(void *buf, size_t n);
/* Hex of 32 random bytes (64 chars + NUL): a fresh shared secret. */
void crypto_random_hex(char out[65]);
/* Hex keyed MAC (BLAKE2b-128) of msg under the hex key `key_hex`; 33 bytes.
 * Returns -1 if the key is not 64 hex digits. */
int crypto_mac_hex(const char *key_hex, const char *msg, char out[33]);

/* HMAC-SHA256 (libsodium's crypto_auth_hmacsha256, any key length) of
 * msg[0..msglen) under key[0..keylen): 1 when sig_hex is its 64 hex digits
 * (either case), compared in constant time; 0 otherwise (also for a
 * signature of the wrong length or with a non-hex digit). */
int crypto_hmac_sha256_verify_hex(const char *key, size_t keylen, const char *msg, size_t msglen,
				  const char *sig_hex);
/* The lowercase hex HMAC-SHA256 (64 chars + NUL), what a gateway sends. */
void crypto_hmac_sha256_hex(const char *key, size_t keylen, const char *msg, size_t msglen, char out[65]);

/* Constant-time string equality (for CSRF tokens). */
int crypto_streq(const char *a, const char *b);

#endif
