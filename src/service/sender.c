/* sender.c - see sender.h. */
#include "service/sender.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/bgthread.h"
#include "core/metrics.h"
#include "domain/email.h"
#include "domain/mask.h"
#include "domain/outmsg.h"
#include "domain/phone.h"
#include "net/net.h"
#include "service/keys.h"
#include "service/service.h"
#include "store/outbox_store.h"

int sender_conf_check(struct sender_conf *c, char *err, size_t errn)
{
	if (c->sms_url && strncmp(c->sms_url, "http://", 7) != 0 && strncmp(c->sms_url, "https://", 8) != 0) {
		snprintf(err, errn, "sms_gateway_url must be an http:// or https:// URL");
		return -1;
	}
	if (c->sms_header && (!strchr(c->sms_header, ':') || strpbrk(c->sms_header, "\r\n"))) {
		snprintf(err, errn, "sms_gateway_header must be one header line, \"Name: value\"");
		return -1;
	}
	if (!c->sms_template)
		c->sms_template = SMS_TEMPLATE_DEFAULT;
	if (sms_template_check(c->sms_template)) {
		snprintf(err, errn, "sms_body_template must hold {phone} and {text} (and may hold {id}), and no other"
				    " {word}");
		return -1;
	}
	if (c->smtp_url) {
		if (strncmp(c->smtp_url, "smtp://", 7) != 0 && strncmp(c->smtp_url, "smtps://", 8) != 0) {
			snprintf(err, errn, "smtp_url must be smtp://host:port (STARTTLS) or smtps://host:port");
			return -1;
		}
		const char *q = strchr(c->smtp_url, '?');
		if (q && strcmp(q, "?starttls=optional") != 0) {
			snprintf(err, errn, "smtp_url may end only in ?starttls=optional");
			return -1;
		}
		c->smtp_tls_optional = q != NULL;
		if (!c->mail_from || !email_valid(c->mail_from, strlen(c->mail_from))) {
			snprintf(err, errn, "mail_from must be the sender's address, e.g. liandong@example.org, when smtp_url is"
					    " set");
			return -1;
		}
	}
	if (c->smtp_ca_file && access(c->smtp_ca_file, R_OK) != 0) {
		snprintf(err, errn, "smtp_ca_file %s cannot be read", c->smtp_ca_file);
		return -1;
	}
	if (c->timeout_s < 1 || c->timeout_s > 300 || c->backoff_s < 1 || c->backoff_s > SENDER_BACKOFF_CAP ||
	    c->max_attempts < 1 || c->max_attempts > 100 || c->connections < 1 || c->connections > SENDER_CONNECTIONS_MAX) {
		snprintf(err, errn, "sender_timeout is 1 to 300 seconds, sender_backoff 1 to %d seconds,"
				    " sender_max_attempts 1 to 100, sender_connections 1 to %d", SENDER_BACKOFF_CAP,
			 SENDER_CONNECTIONS_MAX);
		return -1;
	}
	return 0;
}

/* last_error as shown to admins: a run of 7 or more digits (a phone the
 * gateway echoed) masked, the rest as the peer said it. */
static const char *scrub(struct ctx *x, const char *prefix, const char *s)
{
	char *out = arena_printf(x->a, "%s%s%s", prefix, s && *s ? ": " : "", s ? s : "");
	for (char *p = out; *p;) {
		size_t k = strspn(p, "0123456789");
		if (k >= 7)
			for (size_t i = 3; i < k - 2; i++)
				p[i] = '*';
		p += k ? k : 1;
	}
	return out;
}

/* What became of one message. */
enum outcome { OUT_DELIVERED, OUT_RETRY, OUT_FAILED };

struct slot {
	struct outbox_item *it;
	enum outcome out;
	const char *error;
	int job;		/* index into the jobs, -1: decided without sending */
	char *body;		/* malloc */
};

static enum outcome judge(const struct net_job *j)
{
	if (j->no_answer || j->timed_out)
		return OUT_RETRY;
	if (j->kind == NET_HTTP_POST) {
		if (j->code >= 200 && j->code < 300)
			return OUT_DELIVERED;
		if (j->code == 408 || j->code == 429 || j->code >= 500 || j->code < 200)
			return OUT_RETRY;
		return OUT_FAILED;
	}
	if (j->code >= 200 && j->code < 400 && !j->error[0])
		return OUT_DELIVERED;
	/* a permanent refusal, but not of the login (the operator's to fix) */
	if (j->code >= 500 && j->code != 530 && j->code != 534 && j->code != 535 && j->code != 538)
		return OUT_FAILED;
	return OUT_RETRY;
}

/* The wait before the next try; due from the next whole second after it,
 * since times are whole seconds (so never less than the wait). */
static int64_t backoff(const struct sender_conf *c, int attempts)
{
	int64_t d = c->backoff_s;
	for (int i = 0; i < attempts && d < SENDER_BACKOFF_CAP; i++)
		d *= 2;
	return d < SENDER_BACKOFF_CAP ? d : SENDER_BACKOFF_CAP;
}

static enum err record(struct ctx *x, const struct sender_conf *conf, const char *by, struct slot *s, int n,
		       struct sender_stats *st)
{
	enum err e = store_begin(x->c, 1);
	if (e)
		return e;
	for (int i = 0; i < n && !e; i++) {
		const struct outbox_item *it = s[i].it;
		enum outcome o = s[i].out;
		if (o == OUT_RETRY && it->attempts + 1 >= conf->max_attempts)
			o = OUT_FAILED;
		if (o == OUT_DELIVERED)
			e = store_outbox_delivered(x->c, it->id, x->now);
		else
			e = store_outbox_not_sent(x->c, it->id, by,
						  o == OUT_FAILED ? 0 : x->now + 1 + backoff(conf, it->attempts), s[i].error);
		if (o != OUT_DELIVERED)
			metrics_count("liandong_sender_failures_total",
				      strcmp(it->channel, "email") == 0 ? "channel=\"email\"" : "channel=\"sms\"", 1);
		if (o == OUT_DELIVERED)
			st->delivered++;
		else if (o == OUT_RETRY)
			st->retried++;
		else
			st->failed++;
	}
	if (e) {
		store_rollback(x->c);
		return e;
	}
	return store_commit(x->c);
}

/* Rows a round claims: enough to keep every connection busy while the
 * previous answers come back. */
static int sender_batch(const struct sender_conf *c)
{
	return 3 * c->connections;
}

enum err sender_round(struct app *app, struct net *net, const char *by, struct sender_stats *st, struct errinfo *ei)
{
	const struct sender_conf *conf = app->sender;
	struct arena a = ARENA_INIT;
	struct ctx x;
	*st = (struct sender_stats){0};
	svc_ctx_begin(&x, app, &a);
	struct outbox_item *items = NULL;
	int n = 0;
	enum err e = store_begin(x.c, 1);
	if (!e) {
		e = store_outbox_claim(x.c, x.now, x.now + 2 * conf->timeout_s + 10, by, sender_batch(conf), conf->sms_url != NULL,
				       conf->smtp_url != NULL, &items, &n, &a);
		if (e)
			store_rollback(x.c);
		else
			e = store_commit(x.c);
	}
	if (e || n == 0) {
		svc_ctx_end(&x);
		arena_release(&a);
		return e ? err_set(ei, e, NULL, "the outbox could not be read") : ERR_OK;
	}
	st->claimed = n;
	struct slot *s = arena_alloc(&a, sizeof *s * (size_t)n);
	struct net_job *jobs = arena_alloc(&a, sizeof *jobs * (size_t)n);
	int nj = 0;
	char key[64];
	for (int i = 0; i < n; i++) {
		struct outbox_item *it = &items[i];
		s[i] = (struct slot){.it = it, .job = -1, .out = OUT_FAILED};
		struct net_job *j = &jobs[nj];
		memset(j, 0, sizeof *j);
		if (strcmp(it->channel, "sms") == 0) {
			char phone[12];
			char *plain = it->phone_enc ? svc_open(&x, it->phone_enc) : NULL;
			if (!plain || phone_normalize(plain, strlen(plain), phone) < 0) {
				s[i].error = plain ? "the phone is not a valid mainland mobile number" : "the person has no phone";
				continue;
			}
			/* the text says what it is about, then the message:
			 * "应急召集 (call-out): medical 老人晕倒：距您 0.11 km，…" */
			const char *text = it->subject && *it->subject
						   ? arena_printf(&a, "%s：%s", it->subject, it->body ? it->body : "")
						   : (it->body ? it->body : "");
			s[i].body = sms_render(conf->sms_template, phone, text, it->id, &j->body_len);
			j->kind = NET_HTTP_POST;
			j->url = conf->sms_url;
			j->headers[j->nheaders++] =
				sms_template_is_json(conf->sms_template) ? "Content-Type: application/json; charset=utf-8"
									 : "Content-Type: application/x-www-form-urlencoded";
			snprintf(key, sizeof key, "Idempotency-Key: liandong-%lld", (long long)it->id);
			j->headers[j->nheaders++] = arena_strdup(&a, key);
			if (conf->sms_header)
				j->headers[j->nheaders++] = conf->sms_header;
		} else {
			if (!it->email || !email_valid(it->email, strlen(it->email))) {
				s[i].error = "the person has no e-mail address";
				continue;
			}
			s[i].body = mail_render(conf->mail_from, it->email, it->subject ? it->subject : "", it->body ? it->body : "",
						it->id, x.now, &j->body_len);
			j->kind = NET_SMTP;
			j->url = conf->smtp_url;
			j->user = conf->smtp_user;
			j->password = conf->smtp_password;
			j->ca_file = conf->smtp_ca_file;
			j->mail_from = conf->mail_from;
			j->rcpt = it->email;
			j->tls_optional = conf->smtp_tls_optional;
		}
		if (!s[i].body) {
			s[i].out = OUT_RETRY;
			s[i].error = "out of memory";
			continue;
		}
		j->body = s[i].body;
		s[i].job = nj++;
	}
	/* no connection of the pool is held while the peers answer */
	svc_ctx_end(&x);
	net_run(net, jobs, nj, 1000L * conf->timeout_s);
	svc_ctx_begin(&x, app, &a);
	for (int i = 0; i < n; i++) {
		if (s[i].job < 0)
			continue;
		const struct net_job *j = &jobs[s[i].job];
		s[i].out = judge(j);
		if (s[i].out != OUT_DELIVERED) {
			char what[48];
			if (j->no_answer || j->timed_out)
				snprintf(what, sizeof what, "%s", j->kind == NET_SMTP ? "SMTP" : "gateway");
			else
				snprintf(what, sizeof what, "%s %ld", j->kind == NET_SMTP ? "SMTP" : "HTTP", j->code);
			s[i].error = scrub(&x, what, j->error);
		}
		free(s[i].body);
		s[i].body = NULL;
	}
	e = record(&x, conf, by, s, n, st);
	svc_ctx_end(&x);
	arena_release(&a);
	return e ? err_set(ei, e, NULL, "the results could not be recorded; the leases will lapse and the messages be"
					" sent again") : ERR_OK;
}

/* ---- the sending thread ---- */

struct sender_runner {
	struct app *app;
	struct bgthread bg;
	struct net *net;
	unsigned long rounds;
};

static void wait_ms(struct bgthread *bg, int ms)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += (long)ms * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	pthread_cond_timedwait(&bg->cv, &bg->mu, &t);
}

static void *run(void *arg)
{
	struct sender_runner *r = arg;
	char host[64] = "host", by[128];
	gethostname(host, sizeof host - 1);
	pthread_mutex_lock(&r->bg.mu);
	while (!r->bg.quit) {
		pthread_mutex_unlock(&r->bg.mu);
		struct sender_stats st;
		struct errinfo ei = {0};
		snprintf(by, sizeof by, "%.60s:%ld:%lu", host, (long)getpid(), r->rounds++);
		enum err e = sender_round(r->app, r->net, by, &st, &ei);
		if (e)
			fprintf(stderr, "liandong: sender: %s\n", ei.message);
		else if (st.claimed && (st.retried || st.failed))
			fprintf(stderr, "liandong: sender: %d messages: %d delivered, %d to retry, %d failed\n", st.claimed,
				st.delivered, st.retried, st.failed);
		pthread_mutex_lock(&r->bg.mu);
		/* a full batch: straight on; else look again shortly */
		if (!r->bg.quit && (e || st.claimed < sender_batch(r->app->sender)))
			wait_ms(&r->bg, e ? 1000 : 200);
	}
	pthread_mutex_unlock(&r->bg.mu);
	return NULL;
}

void sender_runner_start(struct app *app)
{
	if (!app->sender || (!app->sender->sms_url && !app->sender->smtp_url))
		return;
	struct sender_runner *r = xcalloc(1, sizeof *r);
	r->app = app;
	if (net_global_init() != 0 || !(r->net = net_new(app->sender->connections)) || bg_start(&r->bg, run, r) != 0) {
		fputs("liandong: cannot start the sender\n", stderr);
		net_free(r->net);
		free(r);
		return;
	}
	app->sending = r;
}

void sender_runner_stop(struct app *app)
{
	struct sender_runner *r = app->sending;
	if (!r)
		return;
	bg_stop(&r->bg);
	net_free(r->net);
	free(r);
	app->sending = NULL;
}

int sender_worker(struct app *app)
{
	if (!app->sender || (!app->sender->sms_url && !app->sender->smtp_url)) {
		fputs("liandong: worker needs sms_gateway_url or smtp_url\n", stderr);
		return 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sender_runner_start(app);
	if (!app->sending)
		return 1;
	fprintf(stderr, "liandong: worker sending%s%s\n", app->sender->sms_url ? " SMS" : "",
		app->sender->smtp_url ? " e-mail" : "");
	int sig = 0;
	sigwait(&set, &sig);
	sender_runner_stop(app);
	return 0;
}

/* ---- the admins' outbox ---- */

static void fill_to(struct ctx *x, struct outbox_row *r)
{
	r->to = NULL;
	if (strcmp(r->channel, "sms") == 0 && r->phone_enc) {
		char *plain = svc_open(x, r->phone_enc), buf[64];
		if (plain) {
			mask_phone(plain, buf, sizeof buf);
			r->to = arena_strdup(x->a, buf);
		}
	} else if (strcmp(r->channel, "email") == 0) {
		r->to = r->email;
	}
	r->phone_enc = NULL;
}

enum err svc_outbox_list(struct ctx *x, const char *status, const char *channel, int64_t before, int max,
			 struct outbox_row *out, int *n, struct errinfo *ei)
{
	if (!x->who || !access_platform(x->who))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only platform admins see the outbox");
	static const char *const states[] = {"queued", "delivered", "failed", NULL};
	static const char *const chans[] = {"sms", "email", NULL};
	int ok = !status;
	for (int i = 0; states[i] && !ok; i++)
		ok = strcmp(status, states[i]) == 0;
	if (!ok)
		return err_set(ei, ERR_BAD_REQUEST, "status", "status is queued, delivered or failed");
	ok = !channel;
	for (int i = 0; chans[i] && !ok; i++)
		ok = strcmp(channel, chans[i]) == 0;
	if (!ok)
		return err_set(ei, ERR_BAD_REQUEST, "channel", "channel is sms or email");
	enum err e = store_outbox_list(x->c, status, channel, before, max, out, n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < *n; i++)
		fill_to(x, &out[i]);
	return ERR_OK;
}

static enum err do_resend(struct ctx *x, void *arg, struct errinfo *ei)
{
	int64_t id = *(int64_t *)arg;
	struct rec before, after;
	enum err e = store_get_locked(x->c, &notification_entity, id, NULL, &before, x->a);
	if (e == ERR_NOT_FOUND || (!e && strcmp(rec_text(&before, NOTIFICATION_CHANNEL), "inbox") == 0))
		return err_set(ei, ERR_NOT_FOUND, NULL, "no such message in the outbox");
	if (e)
		return err_set(ei, e, NULL, NULL);
	int changed = 0;
	if ((e = store_outbox_resend(x->c, id, x->now, &changed)))
		return err_set(ei, e, NULL, NULL);
	if (!changed)
		return err_setf(ei, ERR_CONFLICT, "status", "only a failed message may be resent; this one is %s",
				rec_text(&before, NOTIFICATION_STATUS));
	if ((e = store_get(x->c, &notification_entity, id, NULL, &after, x->a)))
		return err_set(ei, e, NULL, NULL);
	return svc_audit(x, "resend", &res_notifications, id, &before, &after);
}

enum err svc_outbox_resend(struct ctx *x, int64_t id, struct outbox_row *out, struct errinfo *ei)
{
	if (!x->who || !access_platform(x->who))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only platform admins may resend a message");
	enum err e = svc_tx(x, do_resend, &id, ei);
	if (e)
		return e;
	int n = 0;
	if ((e = store_outbox_list(x->c, NULL, NULL, id + 1, 1, out, &n, x->a)) || n != 1 || out->id != id)
		return err_set(ei, e ? e : ERR_INTERNAL, NULL, NULL);
	fill_to(x, out);
	return ERR_OK;
}
