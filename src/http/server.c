/* server.c - the libmicrohttpd adapter: the only file that includes
 * microhttpd.h and the only place MHD_YES/MHD_NO appear.
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers, then once per body chunk, then once more with no data.
 * We gather the body into a capped buffer (413 past the cap) and answer only
 * on the last call, after the request has been read in full, which keeps
 * keep-alive working. A thread pool with epoll serves connections; each
 * handler runs synchronously on its pool thread.
 *
 * Slow clients (slow-loris): libmicrohttpd's idle timeout restarts with
 * every byte, so a client trickling a byte a second would hold its
 * connection for ever. The guard below watches every connection: its
 * request head must be complete within --header-timeout seconds of the
 * connection opening or the previous reply ending, and its body within 60 s
 * plus a second per 64 KiB declared, whatever bytes arrive meanwhile; past
 * the deadline the socket is shut down. The guard also caps the open
 * connections of one client address (--max-conns-per-ip; a trusted proxy
 * is exempt). Behind a trusted proxy (--trusted-proxy) the client address
 * is the last one the proxy appended to X-Forwarded-For, and the request
 * counts as HTTPS when it sent X-Forwarded-Proto: https. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/metrics.h"
#include "http/forwarded.h"
#include "http/http.h"
#include "service/service.h"
#include "http/ratelimit.h"
#include "domain/certificate.h"

struct conn_state {
	int64_t t0_us;	/* monotonic time the request head was in */
	char *body;
	size_t len, cap;
	size_t max;	/* this route's body cap */
	int too_large;
};

/* The slowest body the guard accepts, beyond its first 60 seconds. */
#define BODY_BYTES_PER_SEC (64 * 1024)
#define BODY_BASE_MS 60000

/* A connection the guard watches; libmicrohttpd's socket context. */
struct watch {
	struct watch *prev, *next;
	int fd;				/* the connection's socket, open while listed */
	char key[RATELIMIT_KEY];	/* its client address (ratelimit_key) */
	int64_t deadline_ms;		/* shut down at this monotonic time; 0: none */
};

struct guard {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct watch list;		/* sentinel of a circular list */
	int64_t head_ms;		/* --header-timeout */
	int per_ip;			/* --max-conns-per-ip; 0: no cap */
	int stop;
	pthread_t thread;
	const struct app *app;
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void addr_text(const struct sockaddr *sa, char *out, size_t n)
{
	out[0] = 0;
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)n);
}

static int proxy_trusted(const struct app *app, const char *ip)
{
	return proxy_in_list(app->trusted_proxies, ip);
}

/* Refuse a new connection from an address that holds per_ip already. */
static enum MHD_Result guard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct guard *g = cls;
	char ip[INET6_ADDRSTRLEN], key[RATELIMIT_KEY];
	(void)addrlen;
	if (!g->per_ip)
		return MHD_YES;
	addr_text(addr, ip, sizeof ip);
	if (proxy_trusted(g->app, ip))
		return MHD_YES;
	ratelimit_key(ip, key);
	int n = 0;
	pthread_mutex_lock(&g->mu);
	for (struct watch *w = g->list.next; w != &g->list; w = w->next)
		n += strcmp(w->key, key) == 0;
	pthread_mutex_unlock(&g->mu);
	return n < g->per_ip ? MHD_YES : MHD_NO;
}

static void guard_set(struct guard *g, struct watch *w, int64_t deadline_ms)
{
	if (!w)
		return;
	pthread_mutex_lock(&g->mu);
	w->deadline_ms = deadline_ms;
	pthread_mutex_unlock(&g->mu);
}

/* The connection's watch (its socket context), or NULL. */
static struct watch *watch_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Listed when libmicrohttpd opens a connection, unlisted when it closes it
 * (before it closes the socket: the guard never shuts down a reused fd). */
static void guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
			 enum MHD_ConnectionNotificationCode code)
{
	struct guard *g = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		struct watch *w = xcalloc(1, sizeof *w);
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ca = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		char ip[INET6_ADDRSTRLEN];
		addr_text(ca ? ca->client_addr : NULL, ip, sizeof ip);
		ratelimit_key(ip, w->key);
		w->fd = fd ? fd->connect_fd : -1;
		w->deadline_ms = mono_ms() + g->head_ms;
		int exempt = !g->per_ip || proxy_trusted(g->app, ip), n = 0;
		pthread_mutex_lock(&g->mu);
		/* guard_accept is a fast path that pool threads accepting at once
		 * can both pass; counting and listing under one lock is exact */
		for (struct watch *o = g->list.next; !exempt && o != &g->list; o = o->next)
			n += strcmp(o->key, w->key) == 0;
		if (!exempt && n >= g->per_ip && w->fd >= 0) {
			shutdown(w->fd, SHUT_RDWR);
			w->deadline_ms = 0;
		}
		w->next = g->list.next;
		w->prev = &g->list;
		g->list.next->prev = w;
		g->list.next = w;
		pthread_mutex_unlock(&g->mu);
		*socket_context = w;
	} else if (*socket_context) {
		struct watch *w = *socket_context;
		pthread_mutex_lock(&g->mu);
		w->prev->next = w->next;
		w->next->prev = w->prev;
		pthread_mutex_unlock(&g->mu);
		free(w);
		*socket_context = NULL;
	}
}

/* Twice a second: shut down every connection past its deadline. */
static void *guard_run(void *arg)
{
	struct guard *g = arg;
	pthread_mutex_lock(&g->mu);
	while (!g->stop) {
		int64_t now = mono_ms();
		for (struct watch *w = g->list.next; w != &g->list; w = w->next)
			if (w->deadline_ms && now >= w->deadline_ms && w->fd >= 0) {
				shutdown(w->fd, SHUT_RDWR);
				w->deadline_ms = 0;
			}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 500 * 1000 * 1000;
		if (until.tv_nsec >= 1000 * 1000 * 1000) {
			until.tv_sec++;
			until.tv_nsec -= 1000 * 1000 * 1000;
		}
		pthread_cond_timedwait(&g->cv, &g->mu, &until);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode the %HH escapes of a path or query argument in place, as
 * libmicrohttpd's own decoder would, except %00, which stays as it is: a
 * NUL would cut the text short and "/people/1%00" would read person 1. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (const char *p = s; *p; p++) {
		int hi = p[0] == '%' ? hexval(p[1]) : -1, lo = hi >= 0 ? hexval(p[2]) : -1;
		if (lo >= 0 && (hi | lo)) {
			*w++ = (char)(hi * 16 + lo);
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

static const char *const security_headers[][2] = {
	{"Content-Security-Policy",
	 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
	 " connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none';"
	 " base-uri 'none'; form-action 'self'"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
};

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (r->nhdr < RESP_MAX_HEADERS) {
		r->hdr_name[r->nhdr] = name;
		r->hdr_val[r->nhdr] = value;
		r->nhdr++;
	}
}

void resp_file(struct req *r, int status, int fd, uint64_t size)
{
	r->status = status;
	r->resp_fd = fd;
	r->resp_fd_set = 1;
	r->resp_fd_size = size;
}

static enum http_method parse_method(const char *m)
{
	static const struct {
		const char *name;
		enum http_method m;
	} tab[] = {{"GET", M_GET}, {"HEAD", M_HEAD}, {"POST", M_POST}, {"PATCH", M_PATCH}, {"PUT", M_PUT}, {"DELETE", M_DELETE}};
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
		if (strcmp(m, tab[i].name) == 0)
			return tab[i].m;
	return M_OTHER;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct req *r)
{
	/* A file body is read from the file as the client takes it (bounded
	 * memory for any size); libmicrohttpd closes the descriptor. */
	struct MHD_Response *resp = r->resp_fd_set
		? MHD_create_response_from_fd64(r->resp_fd_size, r->resp_fd)
		: MHD_create_response_from_buffer(r->resp_len, (void *)(r->resp ? r->resp : ""),
						  r->resp_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY);
	if (!resp) {
		if (r->resp_fd_set)
			close(r->resp_fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "application/json");
	for (size_t i = 0; i < sizeof security_headers / sizeof *security_headers; i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	for (int i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr_name[i], r->hdr_val[i]);
	if (r->req_id)
		MHD_add_response_header(resp, "X-Request-Id", r->req_id);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* The client's address into ip, whether it came over HTTPS and whether
 * the TCP peer is a trusted proxy (*via_proxy): the peer, or behind a
 * trusted proxy what the proxies say. X-Forwarded-For is read from the
 * right: each proxy appends the address it saw, so the right-most entry
 * that is not itself a trusted proxy is the client (entries further left
 * were written by the client and are not believed). */
static int client_of(const struct app *app, struct MHD_Connection *c, char *ip, size_t n, int *loopback,
		     int *via_proxy)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	addr_text(sa, ip, n);
	*loopback = sa && ((sa->sa_family == AF_INET &&
			    ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) == INADDR_LOOPBACK) ||
			   (sa->sa_family == AF_INET6 &&
			    IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr)));
	*via_proxy = proxy_trusted(app, ip);
	if (!*via_proxy)
		return 0;
	forwarded_client(app->trusted_proxies, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For"), ip,
			 n);
	const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
	return proto && strcasecmp(proto, "https") == 0;
}

/* The request's access line (core/log.h) and its metrics. Never the raw
 * path (ids) nor the query, a header or the body. */
static void access_done(const struct req *r, int64_t t0_us)
{
	double ms = (double)(mono_us() - t0_us) / 1000.0;
	const char *method = http_method_name(r->method);
	struct logline l;
	logline_begin(&l, "info", "access");
	logline_str(&l, "req_id", r->req_id);
	logline_str(&l, "method", method);
	logline_str(&l, "route", r->route);
	logline_int(&l, "status", r->status);
	logline_ms(&l, "dur_ms", ms);
	if (r->who)
		logline_int(&l, "user_id", (long long)r->who->user_id);
	else
		logline_str(&l, "user_id", NULL);
	logline_str(&l, "client", r->client_ip);
	logline_end(&l);
	metrics_http(r->route, method, r->status, ms / 1000.0);
}

/* A handler that ran this long read or counted many rows (the statistics
 * of a city): what SQLite and the arena held for it (a city's data screen
 * about 145 MiB) is free now, but the C library keeps it in the thread's
 * own allocator arena, so each thread in turn would keep the largest
 * request it ran (docs/BENCHMARKS.md, "The data screen's split by mode").
 * Given back to the system here: a few milliseconds, against a request of
 * at least this long. (An export's pages are written while its answer
 * streams, after this, into one arena of bounded size.) */
#define GIVE_BACK_US (250 * 1000)

static void give_back_after(int64_t t0_us)
{
	if (mono_us() - t0_us >= GIVE_BACK_US)
		malloc_trim(0);
}

static void error_body(struct req *r, enum err e)
{
	r->status = err_http_status(e);
	r->resp = arena_printf(&r->arena, "{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}", err_code(e),
			       err_message(e));
	r->resp_len = strlen(r->resp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct app *app = cls;
	struct conn_state *st = *con_cls;
	(void)version;

	if (!st) {
		st = xcalloc(1, sizeof *st);
		*con_cls = st;
		st->t0_us = mono_us();
		st->max = http_body_cap(app, parse_method(method), url);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		if (declared > st->max)
			st->too_large = 1;
		/* the head is in: the body has its own deadline */
		guard_set(app->guard, watch_of(c),
			  mono_ms() + BODY_BASE_MS + (int64_t)(st->too_large ? 0 : declared / BODY_BYTES_PER_SEC) * 1000);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large) {
			if (st->len + *upload_size > st->max) {
				st->too_large = 1;
			} else {
				if (st->len + *upload_size + 1 > st->cap) {
					st->cap = (st->len + *upload_size + 1) * 2;
					if (st->cap > st->max + 1)
						st->cap = st->max + 1;
					st->body = xrealloc(st->body, st->cap);
				}
				memcpy(st->body + st->len, upload, *upload_size);
				st->len += *upload_size;
				st->body[st->len] = 0;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}

	/* read in full: the reply is sent at the client's pace */
	guard_set(app->guard, watch_of(c), 0);
	char ip[INET6_ADDRSTRLEN], rid[LOG_REQ_ID_MAX + 1];
	int loopback, via_proxy;
	int https = client_of(app, c, ip, sizeof ip, &loopback, &via_proxy);
	/* a trusted proxy's request id is kept, so its log and ours join */
	const char *in_id = via_proxy ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id") : NULL;
	if (in_id && log_req_id_ok(in_id))
		memcpy(rid, in_id, strlen(in_id) + 1);
	else
		log_new_req_id(rid);
	struct req r = {
		.app = app,
		.method = parse_method(method),
		.path = url,
		.body = st->body ? st->body : "",
		.body_len = st->len,
		.client_ip = ip,
		.peer_loopback = loopback,
		.req_id = rid,
		.route = "unmatched",
		.https = https,
		.conn = c,
		.arena = ARENA_INIT,
	};
	log_set_req(rid);
	if (st->too_large) {
		r.route = router_template(r.method, url);
		error_body(&r, ERR_TOO_LARGE);
	} else {
		router_dispatch(&r);
	}
	/* logged and counted before the answer leaves: a client that has its
	 * answer finds it in the log and the metrics */
	access_done(&r, st->t0_us);
	enum MHD_Result ret = send_reply(c, &r);
	log_set_req(NULL);
	arena_release(&r.arena);
	give_back_after(st->t0_us);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct conn_state *st = *con_cls;
	struct app *app = cls;
	(void)t;
	/* the next request's head must come within the head deadline */
	guard_set(app->guard, watch_of(c), mono_ms() + app->guard->head_ms);
	if (st) {
		free(st->body);
		free(st);
		*con_cls = NULL;
	}
}

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || port > 65535 || colon[1] == 0)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1)
		return -1;
	return 0;
}

/* The listening socket on sa, or -1 having said why. SO_REUSEPORT only
 * when asked: without it a second server on a busy port must fail rather
 * than silently share the port (the kernel would split requests between
 * two servers, perhaps on two databases). */
static int listen_on(const struct sockaddr_in *sa, int reuse_port, const char *listen_addr)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    (reuse_port && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)) {
		log_error("cannot listen on %s: %s", listen_addr, strerror(errno));
	} else if (bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
		if (errno == EADDRINUSE)
			log_error("address in use: %s (another server listens there; stop it, choose another --listen, or"
				  " start every server on it with --reuse-port)",
				  listen_addr);
		else
			log_error("cannot listen on %s: %s", listen_addr, strerror(errno));
	} else if (listen(fd, 511) != 0) {
		log_error("cannot listen on %s: %s", listen_addr, strerror(errno));
	} else {
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

int http_serve(struct app *app, const char *listen_addr)
{
	struct sockaddr_in sa;
	if (parse_listen(listen_addr, &sa) < 0) {
		log_error("bad --listen address %s (want IPv4:PORT)", listen_addr);
		return 2;
	}
	int lfd = listen_on(&sa, app->reuse_port, listen_addr);
	if (lfd < 0)
		return 1;

	/* Workers must not take the signals; the main thread waits for them. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	metrics_declare("liandong_http_requests_total", "counter", "requests answered, by route template, method and status");
	metrics_declare("liandong_http_request_duration_seconds", "histogram",
			"time from a request's head to its answer, by route template");
	metrics_declare("liandong_sender_failures_total", "counter", "outbox deliveries that failed, by channel");
	metrics_count("liandong_sender_failures_total", "channel=\"sms\"", 0);
	metrics_count("liandong_sender_failures_total", "channel=\"email\"", 0);
	metrics_declare("liandong_inactive_sweeps_total", "counter", "inactive sweeps this server finished");
	metrics_count("liandong_inactive_sweeps_total", NULL, 0);

	struct guard g = {.head_ms = (int64_t)app->header_timeout * 1000, .per_ip = app->max_conns_per_ip, .app = app};
	pthread_mutex_init(&g.mu, NULL);
	pthread_cond_init(&g.cv, NULL);
	g.list.next = g.list.prev = &g.list;
	app->guard = &g;
	int rc = 1;
	app->cert_lookups = ratelimit_new(CERT_LOOKUP_BURST, CERT_LOOKUPS_PER_MINUTE);
	struct MHD_Daemon *d = NULL;
	if (pthread_create(&g.thread, NULL, guard_run, &g) != 0) {
		log_error("cannot start the connection guard thread");
		close(lfd);
		goto out;
	}
	d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, guard_accept, &g, on_request, app,
		MHD_OPTION_LISTEN_SOCKET, lfd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)app->threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
		MHD_OPTION_NOTIFY_CONNECTION, guard_notify, &g,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_END);
	if (!d) {
		log_error("cannot serve on %s", listen_addr);
		close(lfd);
	} else {
		/* the line people and scripts wait for, on stdout; the log's own
		 * start line on stderr */
		printf("liandong %s serving on http://%s/ (store: %s)\n", app->version, listen_addr,
		       svc_store_kind(app));
		fflush(stdout);
		struct logline l;
		logline_begin(&l, "info", "serving");
		logline_str(&l, "version", app->version);
		logline_str(&l, "listen", listen_addr);
		logline_str(&l, "store", svc_store_kind(app));
		logline_int(&l, "threads", app->threads);
		logline_end(&l);

		int sig = 0;
		sigwait(&sigs, &sig);
		log_info("signal %d, finishing in-flight requests", sig);
		rc = 0;
	}
	pthread_mutex_lock(&g.mu);
	g.stop = 1;
	pthread_cond_signal(&g.cv);
	pthread_mutex_unlock(&g.mu);
	pthread_join(g.thread, NULL);
	/* MHD_stop_daemon lets each worker finish the handler it is running
	 * (so its transaction commits or rolls back) and joins them. No
	 * MHD_quiesce_daemon first: with a thread pool on epoll (libmicrohttpd
	 * 0.9.75) it races the workers over the listen socket and can abort
	 * with "Failed to remove listen FD from epoll set". */
	if (d)
		MHD_stop_daemon(d);
out:
	ratelimit_free(app->cert_lookups);
	app->cert_lookups = NULL;
	app->guard = NULL;
	pthread_cond_destroy(&g.cv);
	pthread_mutex_destroy(&g.mu);
	return rc;
}
