/* sender.h - the outbox's senders (issue 17): SMS through an HTTP gateway
 * and e-mail over SMTP, for the notifications queued for them.
 *
 * A round claims due rows under a lease (store/outbox_store.h), opens each
 * SMS's sealed phone (here only: nothing else of the sender sees it), sends
 * the batch at once (net/net.h) and records every result in one
 * transaction: delivered; retried after sender_backoff * 2^attempts
 * seconds (at most SENDER_BACKOFF_CAP) for a timeout, a refused or broken
 * connection, a 5xx, 408 or 429, or a temporary SMTP reply (4xx); failed
 * at once for any other 4xx, a permanent SMTP refusal (5xx, but for the
 * login's), no valid mainland mobile number or no e-mail address; and failed
 * when sender_max_attempts is reached. Each SMS carries the header
 * Idempotency-Key: liandong-<notification id>, the same on every try, so a
 * gateway that honours it sends a message once however often a crash makes
 * us try. Phones, bodies and secrets never reach a log line or last_error
 * (any run of 7 or more digits there is masked). */
#ifndef LD_SERVICE_SENDER_H
#define LD_SERVICE_SENDER_H

#include <stdint.h>

#include "app.h"
#include "core/err.h"
#include "model/rows.h"

#define SENDER_BACKOFF_CAP 3600
#define SENDER_CONNECTIONS_MAX 256

struct sender_conf {
	const char *sms_url, *sms_header, *sms_template;
	const char *smtp_url, *smtp_user, *smtp_password, *mail_from, *smtp_ca_file;
	int smtp_tls_optional;	/* the URL's ?starttls=optional: STARTTLS when offered */
	int timeout_s, backoff_s, max_attempts;
	int connections;	/* open at once to the peers; a claim takes 3 x as many rows */
};

/* Check c (the options as given) and say what is wrong in err: 0 or -1. */
int sender_conf_check(struct sender_conf *c, char *err, size_t errn);

/* What one round did. */
struct sender_stats {
	int claimed, delivered, retried, failed;
};
struct net;
/* One round as `by` (unique to this process): claim, send, record. */
enum err sender_round(struct app *app, struct net *net, const char *by, struct sender_stats *st,
		      struct errinfo *ei);

/* The sending thread of `serve`, when a channel is configured. */
void sender_runner_start(struct app *app);
void sender_runner_stop(struct app *app);
/* `liandong worker`: send until SIGINT or SIGTERM; the exit code. */
int sender_worker(struct app *app);

/* ---- the admins' outbox (platform admins) ---- */
struct ctx;
/* Newest first below `before` (0: the newest), at most `max` (out holds
 * max); status and channel may be NULL; each row's `to` masked. */
enum err svc_outbox_list(struct ctx *x, const char *status, const char *channel, int64_t before, int max,
			 struct outbox_row *out, int *n, struct errinfo *ei);
/* A failed message queued again (attempts 0): 409 unless failed. */
enum err svc_outbox_resend(struct ctx *x, int64_t id, struct outbox_row *out, struct errinfo *ei);

#endif
