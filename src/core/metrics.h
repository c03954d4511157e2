/* metrics.h - the process's counters and histograms, for GET /metrics.
 *
 * A metric is a family (its name, type and help) and series told apart by
 * their label text, written as Prometheus writes it between the braces:
 * `route="/api/v1/people/{id}",method="GET"` (values escaped by the
 * caller with metrics_label_escape when they are not constant). One mutex
 * guards the registry: an update is a hash lookup and an add. A family's
 * series are capped (METRICS_MAX_SERIES): past it an update is dropped and
 * counted in liandong_metrics_dropped_total, so a bug that put raw paths
 * in a label cannot eat the memory.
 *
 * Gauges that are read at scrape time (the store's pool, the outbox) are
 * not kept here: the /metrics handler appends them (metrics_gauge). */
#ifndef LD_CORE_METRICS_H
#define LD_CORE_METRICS_H

#include <stddef.h>

#define METRICS_MAX_SERIES 4096

/* Describe a family before its first use ("counter" or "histogram"); a
 * second call for a name changes nothing. Unknown names met by
 * metrics_count are counters without help. */
void metrics_declare(const char *name, const char *type, const char *help);

/* Add n to the counter series name{labels} (labels may be "" or NULL),
 * creating it at 0 first; n = 0 registers it so it is always exported. */
void metrics_count(const char *name, const char *labels, long long n);

/* Observe v in the histogram series name{labels} (seconds buckets from
 * 5 ms to 10 s). */
void metrics_observe(const char *name, const char *labels, double v);

/* One request, for the two HTTP families: liandong_http_requests_total
 * {route,method,status} and liandong_http_request_duration_seconds{route}.
 * route and method are strings that last as long as the process (the
 * router's patterns and names): each thread remembers their series by
 * their addresses and the status, so a request formats no labels. */
void metrics_http(const char *route, const char *method, int status, double seconds);

/* The registry in the Prometheus text format 0.0.4, appended to the
 * growing buffer *buf (length *len, capacity *cap; xrealloc'd). */
void metrics_render(char **buf, size_t *len, size_t *cap);

/* Append a gauge family's "# HELP" and "# TYPE" lines, then each of its
 * series with metrics_gauge. */
void metrics_gauge_head(char **buf, size_t *len, size_t *cap, const char *name, const char *help);
void metrics_gauge(char **buf, size_t *len, size_t *cap, const char *name, const char *labels, double v);

/* Escape a label value (\ " and newline) into out; it is cut to fit n. */
void metrics_label_escape(const char *v, char *out, size_t n);

#endif
