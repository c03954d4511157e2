/* server.c - the libmicrohttpd adapter: the only file that includes
 * microhttpd.h and the only place MHD_YES/MHD_NO appear.
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers, then once per body chunk, then once more with no data.
 * We gather the body into a capped buffer (413 past the cap) and answer only
 * on the last call, after the request has been read in full, which keeps
 * keep-alive working. A thread pool with epoll serves connections; each
 * handler runs synchronously on its pool thread. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/http.h"
#include "service/service.h"
#include "http/ratelimit.h"
#include "domain/certificate.h"

struct conn_state {
	char *body;
	size_t len, cap;
	size_t max;	/* this route's body cap */
	int too_large;
};

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
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = 0;
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out,
			  (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)n);
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
		st->max = http_body_cap(app, parse_method(method), url);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > st->max)
			st->too_large = 1;
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

	char ip[INET6_ADDRSTRLEN];
	client_ip(c, ip, sizeof ip);
	struct req r = {
		.app = app,
		.method = parse_method(method),
		.path = url,
		.body = st->body ? st->body : "",
		.body_len = st->len,
		.client_ip = ip,
		.conn = c,
		.arena = ARENA_INIT,
	};
	if (st->too_large)
		error_body(&r, ERR_TOO_LARGE);
	else
		router_dispatch(&r);
	enum MHD_Result ret = send_reply(c, &r);
	arena_release(&r.arena);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct conn_state *st = *con_cls;
	(void)cls;
	(void)c;
	(void)t;
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

int http_serve(struct app *app, const char *listen_addr)
{
	struct sockaddr_in sa;
	if (parse_listen(listen_addr, &sa) < 0) {
		fprintf(stderr, "liandong: bad --listen address %s (want IPv4:PORT)\n", listen_addr);
		return 2;
	}

	/* Workers must not take the signals; the main thread waits for them. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	app->cert_lookups = ratelimit_new(CERT_LOOKUP_BURST, CERT_LOOKUPS_PER_MINUTE);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, app,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)app->threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "liandong: cannot listen on %s\n", listen_addr);
		ratelimit_free(app->cert_lookups);
		app->cert_lookups = NULL;
		return 1;
	}
	printf("liandong %s serving on http://%s/ (store: %s)\n", app->version, listen_addr,
	       svc_store_kind(app));
	fflush(stdout);

	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "liandong: signal %d, finishing in-flight requests\n", sig);
	/* MHD_stop_daemon lets each worker finish the handler it is running
	 * (so its transaction commits or rolls back) and joins them. No
	 * MHD_quiesce_daemon first: with a thread pool on epoll (libmicrohttpd
	 * 0.9.75) it races the workers over the listen socket and can abort
	 * with "Failed to remove listen FD from epoll set". */
	MHD_stop_daemon(d);
	ratelimit_free(app->cert_lookups);
	app->cert_lookups = NULL;
	return 0;
}
