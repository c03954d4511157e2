/* http.h - the request/response object handlers see.
 *
 * http/server.c (the libmicrohttpd adapter) fills a struct req once the whole
 * request has been read, calls router_dispatch(), and sends what the handler
 * left in the response fields. Everything a request allocates lives in its
 * arena. Handlers never see libmicrohttpd types. */
#ifndef LD_HTTP_H
#define LD_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "core/arena.h"
#include "core/err.h"

enum http_method { M_GET, M_HEAD, M_POST, M_PATCH, M_PUT, M_DELETE, M_OTHER };

struct principal;

#define RESP_MAX_HEADERS 8

struct req {
	struct app *app;
	enum http_method method;
	const char *path;
	const char *body;
	size_t body_len;
	const char *client_ip;		/* the client's address (behind a trusted proxy, the one it names) */
	int peer_loopback;		/* the TCP peer itself (not what a proxy says) is 127.0.0.1 or ::1 */
	const char *req_id;		/* X-Request-Id: a trusted proxy's, or made here (core/log.h) */
	const char *route;		/* the route template for logs and metrics (router_template) */
	int https;			/* a trusted proxy says the client came over HTTPS */
	void *conn;			/* adapter's connection, opaque */
	struct arena arena;
	int64_t path_id;		/* the {id} path segment, if any */
	const char *path_seg;		/* the text of a {code} or {date} segment ("" else) */
	struct principal *who;		/* NULL when not signed in */

	int status;
	const char *resp;		/* arena-owned body, or static when resp_static */
	size_t resp_len;
	int resp_static;		/* resp lives as long as the process: sent without a copy */
	const char *content_type;
	int resp_fd;			/* with resp_fd_set: send this file, then close it */
	int resp_fd_set;
	uint64_t resp_fd_size;
	const char *hdr_name[RESP_MAX_HEADERS];
	const char *hdr_val[RESP_MAX_HEADERS];
	int nhdr;
};

/* Request accessors (implemented by the adapter). NULL when absent. */
const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);

void resp_header(struct req *r, const char *name, const char *value);
/* Answer with the open file fd (its first `size` bytes, from offset 0) as
 * the body, streamed by the adapter from the file without holding it in
 * memory; the adapter owns fd from here and closes it once sent. For
 * exports: the file is written first, so a failure is still a JSON error. */
void resp_file(struct req *r, int status, int fd, uint64_t size);

/* Start the server; blocks until SIGINT/SIGTERM, then drains and returns. */
int http_serve(struct app *app, const char *listen_addr);

/* The body cap of a request (router.c): app->max_upload for the routes that
 * take a file (POST /imports), app->max_body for every other. */
size_t http_body_cap(const struct app *app, enum http_method m, const char *path);

/* The i-th route of the static table (router.c): its method, pattern and
 * whether it needs a session; 0, or -1 when i is past the last route. */
int router_route(size_t i, enum http_method *method, const char **pattern, int *auth);

/* The route template of a request for the access log and the metrics: the
 * table's pattern ("/api/v1/people/{id}"), "/metrics", "web" for the web
 * app, or "unmatched"; never the raw path (router.c). */
const char *router_template(enum http_method m, const char *path);

/* GET /metrics (handlers/metrics.c): the Prometheus text, answered to a
 * loopback peer or a bearer of the metrics token, else 404. */
void metrics_serve(struct req *r);

/* The method's name for logs and metrics ("OTHER" for an unknown one). */
const char *http_method_name(enum http_method m);

/* Route one fully read request (router.c). */
void router_dispatch(struct req *r);

/* Answer a GET or HEAD outside /api/ from the embedded web app (static.c). */
void static_serve(struct req *r);
/* Whether an Accept-Encoding header value allows gzip (static.c). */
int http_accepts_gzip(const char *accept_encoding);

#endif
