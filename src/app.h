/* app.h - the application object passed explicitly to every layer. */
#ifndef LD_APP_H
#define LD_APP_H

#include <stdint.h>

#include "crypto/crypto.h"

struct geo_cache;
struct guard;
struct import_runner;
struct inactive_runner;
struct key_holder;
struct ratelimit;
struct sender_runner;
struct session_cache;
struct store;

struct app {
	struct store *store;
	struct key_holder *keys;	/* the key file(s) and the store's key state (service/keys.h) */
	const char *version;
	int threads;			/* HTTP worker threads */
	size_t max_body;		/* request body cap, bytes */
	size_t max_upload;		/* body cap of file uploads (POST /imports), bytes */
	int64_t session_ttl;		/* seconds */
	struct session_cache *sessions;	/* recent sessions (service/session_cache.h); NULL: off */
	int login_max_failures;		/* within login_window seconds */
	int64_t login_window;
	int secure_cookies;		/* add Secure to cookies always (https --public-url, --secure-cookies) */
	int64_t token_ttl;		/* check-in QR token lifetime, seconds */
	int star_hours[5];		/* star thresholds in verified hours */
	int64_t checkin_lead;		/* seconds before a shift's start a volunteer may check in */
	int64_t checkout_grace;		/* seconds after a shift's end a volunteer may check out */
	struct geo_cache *geo;		/* this process's volunteer index (service/geo.c) */
	struct import_runner *imports;	/* the import jobs' thread (service/import_runner.c) */
	struct ratelimit *cert_lookups;	/* the public certificate lookup's throttle (http/ratelimit.h) */
	const char *public_url;		/* base of printed links (--public-url); NULL: the request's Host */
	int reuse_port;			/* --reuse-port: share the port with other servers (SO_REUSEPORT) */
	int max_conns_per_ip;		/* open connections of one client address; 0: no cap */
	int header_timeout;		/* seconds a request head may take, however it trickles */
	const char *trusted_proxies;	/* --trusted-proxy: comma list of proxy addresses, or NULL */
	struct guard *guard;		/* the slow-client guard while serving (http/server.c) */
	int login_addr_max_failures;	/* failed sign-ins of one client address within login_window */
	int inactive_after_months;	/* months without service before inactive; 0: never (issue 15) */
	int inactive_sweep_secs;	/* seconds between a server's sweeps */
	struct inactive_runner *sweeper;	/* the sweeping thread (service/inactive_runner.c) */
	const char *metrics_token;	/* GET /metrics for a bearer of it, besides loopback; NULL: loopback only */
	struct sender_conf *sender;	/* the outbox's channels (service/sender.h); NULL: none configured */
	struct sender_runner *sending;	/* the sending thread (service/sender.c) */
	const char *sms_webhook_secret;	/* HMAC key of the SMS gateway's inbound webhook; NULL: webhook off */
};

#endif
