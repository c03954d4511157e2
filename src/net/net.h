/* net.h - outbound messages over the network (issue 17): HTTP POSTs to an
 * SMS gateway and mail over SMTP, many at once. The one adapter of libcurl
 * (curl/curl.h is included in net/net.c only): a batch of jobs runs on one
 * multi handle, whose connections are kept and reused from batch to batch
 * (keep-alive to the gateway), each job with its own deadline.
 *
 * A job's result says what the peer answered, never what was sent: the
 * caller decides between delivered, retry and failed (service/sender.c). */
#ifndef LD_NET_NET_H
#define LD_NET_NET_H

#include <stddef.h>

enum net_kind { NET_HTTP_POST, NET_SMTP };

#define NET_MAX_HEADERS 4

struct net_job {
	enum net_kind kind;
	const char *url;		/* http(s)://... or smtp(s)://host:port */
	const char *body;		/* the POST body, or the whole RFC 5322 message */
	size_t body_len;
	/* HTTP: "Name: value" lines */
	const char *headers[NET_MAX_HEADERS];
	int nheaders;
	/* SMTP */
	const char *user, *password;	/* NULL: no AUTH */
	const char *ca_file;		/* NULL: the system's CAs */
	const char *mail_from, *rcpt;	/* bare addresses */
	int tls_optional;		/* STARTTLS when offered, else plain (only when the URL asks) */
	/* result */
	long code;			/* HTTP status or the last SMTP reply code; 0: none */
	int no_answer;			/* no complete answer: refused, reset, TLS failure */
	int timed_out;
	char error[200];		/* curl's message, or the peer's last reply line */
	/* the adapter's own */
	size_t pos;
	void *priv;
};

struct net;
/* Once per process before any thread runs a batch; 0 or -1. */
int net_global_init(void);
/* A batch runner; NULL when curl cannot make one. */
struct net *net_new(int max_parallel);
void net_free(struct net *n);
/* Run jobs[0..n) at once (at most max_parallel connections), each within
 * timeout_ms, until all have a result. */
void net_run(struct net *net, struct net_job *jobs, int n, long timeout_ms);

#endif
