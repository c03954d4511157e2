/* metrics.c - GET /metrics: the Prometheus text format 0.0.4 for the
 * operator's scraper. The registry's counters and histograms (core/
 * metrics.h: requests by route, method and status, latency by route,
 * sender failures, sweeps) and the gauges read now (service/ops.c: the
 * store's pool, the outbox by channel and status, import jobs).
 *
 * Who may read it: a client whose TCP peer address is 127.0.0.1 or ::1 (the real
 * peer: X-Forwarded-For plays no part, so a proxy on the same machine
 * forwarding the world does not make it public; nginx.conf in deploy/
 * refuses /metrics anyway), or one sending Authorization: Bearer
 * <metrics_token> when that option is set (compared in constant time).
 * Anyone else gets the same 404 as for a path that does not exist. */
#include <stdlib.h>
#include <string.h>

#include "core/metrics.h"
#include "crypto/crypto.h"
#include "http/handlers/handlers.h"

static int allowed(struct req *r)
{
	if (r->peer_loopback)
		return 1;
	const char *tok = r->app->metrics_token;
	const char *h = req_header(r, "Authorization");
	return tok && tok[0] && h && strncmp(h, "Bearer ", 7) == 0 && crypto_streq(h + 7, tok);
}

void metrics_serve(struct req *r)
{
	resp_header(r, "Cache-Control", "no-store");
	if (!allowed(r)) {
		reply_errc(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	if (r->method != M_GET && r->method != M_HEAD) {
		resp_header(r, "Allow", "GET, HEAD");
		reply_errc(r, ERR_METHOD, NULL, NULL);
		return;
	}
	char *buf = NULL, lab[256], ch[96], st[96];
	size_t len = 0, cap = 0;
	metrics_render(&buf, &len, &cap);

	struct ctx x;
	struct ops_gauges g;
	svc_ctx_begin(&x, r->app, &r->arena);
	svc_ops_gauges(&x, &g);
	svc_ctx_end(&x);
	struct gauge {
		const char *name, *help;
		double v;
	} plain[] = {
		{"liandong_store_pool_connections", "the store's connection pool size", g.pool_size},
		{"liandong_store_pool_in_use", "connections taken by requests and jobs (not this scrape's)",
		 g.pool_in_use},
		{"liandong_store_pool_waiting", "threads waiting for a connection", g.pool_waiting},
		{"liandong_outbox_read_ok", "1 when this scrape could read the outbox's depth from the database",
		 g.outbox_ok},
	};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		metrics_gauge_head(&buf, &len, &cap, plain[i].name, plain[i].help);
		metrics_gauge(&buf, &len, &cap, plain[i].name, NULL, plain[i].v);
	}
	metrics_gauge_head(&buf, &len, &cap, "liandong_outbox_messages",
			   "notifications in the database by channel and status");
	for (int i = 0; i < g.noutbox; i++) {
		metrics_label_escape(g.outbox[i].channel, ch, sizeof ch);
		metrics_label_escape(g.outbox[i].status, st, sizeof st);
		snprintf(lab, sizeof lab, "channel=\"%s\",status=\"%s\"", ch, st);
		metrics_gauge(&buf, &len, &cap, "liandong_outbox_messages", lab, (double)g.outbox[i].n);
	}
	metrics_gauge_head(&buf, &len, &cap, "liandong_import_jobs", "this server's import jobs by state");
	metrics_gauge(&buf, &len, &cap, "liandong_import_jobs", "state=\"running\"", g.imports_running);
	metrics_gauge(&buf, &len, &cap, "liandong_import_jobs", "state=\"queued\"", g.imports_queued);
	metrics_label_escape(r->app->version, ch, sizeof ch);
	snprintf(lab, sizeof lab, "version=\"%s\",store=\"%s\"", ch, svc_store_kind(r->app));
	metrics_gauge_head(&buf, &len, &cap, "liandong_build_info", "the running version and store backend");
	metrics_gauge(&buf, &len, &cap, "liandong_build_info", lab, 1);

	r->status = 200;
	r->resp = arena_strdup(&r->arena, buf ? buf : "");
	r->resp_len = len;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	free(buf);
}
