/* metrics.c - the registry of metrics.h: families in declaration order,
 * each with its series in creation order, found through one hash table
 * keyed by family and label text. Everything is allocated once per series
 * and kept for the process's life. */
#include "core/metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"

#define MAX_FAMILIES 64
#define TABLE_SIZE 16384	/* > 2 x the most series of all families: lookups stay short */

static const double bounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NB (sizeof bounds / sizeof *bounds)

enum kind { K_COUNTER, K_HISTOGRAM };

struct series {
	int fam;
	char *labels;
	long long value;	/* counter */
	long long buckets[NB];	/* histogram: observations <= bounds[i] (not cumulative) */
	long long count;
	double sum;
	struct series *next;	/* the family's next, in creation order */
};

struct family {
	char *name, *help;
	enum kind kind;
	int nseries;
	struct series *first, *last;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct family fams[MAX_FAMILIES];
static int nfams;
static struct series *table[TABLE_SIZE];
static long long dropped;

static uint64_t hash(int fam, const char *labels)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)fam;
	for (const unsigned char *p = (const unsigned char *)labels; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

static int family_find(const char *name)
{
	for (int i = 0; i < nfams; i++)
		if (strcmp(fams[i].name, name) == 0)
			return i;
	return -1;
}

static int family_add(const char *name, enum kind k, const char *help)
{
	int i = family_find(name);
	if (i >= 0 && help && !fams[i].help)	/* counted before it was declared */
		fams[i].help = xstrdup(help);
	if (i >= 0 || nfams == MAX_FAMILIES)
		return i;
	fams[nfams] = (struct family){.name = xstrdup(name), .help = help ? xstrdup(help) : NULL, .kind = k};
	return nfams++;
}

void metrics_declare(const char *name, const char *type, const char *help)
{
	pthread_mutex_lock(&mu);
	family_add(name, strcmp(type, "histogram") == 0 ? K_HISTOGRAM : K_COUNTER, help);
	pthread_mutex_unlock(&mu);
}

/* The series, created when absent; NULL when the family is full (under mu). */
static struct series *series_get(int fam, const char *labels)
{
	if (!labels)
		labels = "";
	size_t i = (size_t)(hash(fam, labels) % TABLE_SIZE);
	for (size_t probes = 0; table[i] && probes < TABLE_SIZE; probes++, i = (i + 1) % TABLE_SIZE)
		if (table[i]->fam == fam && strcmp(table[i]->labels, labels) == 0)
			return table[i];
	struct family *f = &fams[fam];
	if (table[i] || f->nseries >= METRICS_MAX_SERIES) {
		dropped++;
		return NULL;
	}
	struct series *s = xcalloc(1, sizeof *s);
	s->fam = fam;
	s->labels = xstrdup(labels);
	if (f->last)
		f->last->next = s;
	else
		f->first = s;
	f->last = s;
	f->nseries++;
	table[i] = s;
	return s;
}

static void observe(struct series *s, double v)
{
	size_t b = 0;
	while (b < NB && v > bounds[b])
		b++;
	if (b < NB)
		s->buckets[b]++;
	s->count++;
	s->sum += v;
}

void metrics_count(const char *name, const char *labels, long long n)
{
	pthread_mutex_lock(&mu);
	int fam = family_find(name);
	if (fam < 0)
		fam = family_add(name, K_COUNTER, NULL);
	struct series *s = fam >= 0 && fams[fam].kind == K_COUNTER ? series_get(fam, labels) : NULL;
	if (s)
		s->value += n;
	pthread_mutex_unlock(&mu);
}

void metrics_observe(const char *name, const char *labels, double v)
{
	pthread_mutex_lock(&mu);
	int fam = family_find(name);
	if (fam < 0)
		fam = family_add(name, K_HISTOGRAM, NULL);
	struct series *s = fam >= 0 && fams[fam].kind == K_HISTOGRAM ? series_get(fam, labels) : NULL;
	if (s)
		observe(s, v);
	pthread_mutex_unlock(&mu);
}

void metrics_label_escape(const char *v, char *out, size_t n)
{
	size_t o = 0;
	for (; *v && o + 3 < n; v++) {
		if (*v == '\\' || *v == '"') {
			out[o++] = '\\';
			out[o++] = *v;
		} else if (*v == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			out[o++] = *v;
		}
	}
	out[o] = 0;
}

/* A thread's memory of the HTTP series it counted into (metrics.h). */
#define HTTP_SLOTS 64
struct http_slot {
	const char *route, *method;
	int status;
	struct series *req, *dur;
};
static _Thread_local struct http_slot http_slots[HTTP_SLOTS];

void metrics_http(const char *route, const char *method, int status, double seconds)
{
	size_t h = (((uintptr_t)route >> 3) * 31 + ((uintptr_t)method >> 3) * 7 + (size_t)status) % HTTP_SLOTS;
	struct http_slot *sl = &http_slots[h];
	pthread_mutex_lock(&mu);
	if (sl->route != route || sl->method != method || sl->status != status) {
		char r[256], labels[320];
		metrics_label_escape(route, r, sizeof r);
		int fr = family_find("liandong_http_requests_total"), fd = family_find("liandong_http_request_duration_seconds");
		if (fr < 0)
			fr = family_add("liandong_http_requests_total", K_COUNTER, NULL);
		if (fd < 0)
			fd = family_add("liandong_http_request_duration_seconds", K_HISTOGRAM, NULL);
		snprintf(labels, sizeof labels, "route=\"%s\",method=\"%s\",status=\"%d\"", r, method, status);
		struct series *req = fr >= 0 && fams[fr].kind == K_COUNTER ? series_get(fr, labels) : NULL;
		snprintf(labels, sizeof labels, "route=\"%s\"", r);
		struct series *dur = fd >= 0 && fams[fd].kind == K_HISTOGRAM ? series_get(fd, labels) : NULL;
		*sl = (struct http_slot){route, method, status, req, dur};
		if (!req || !dur) /* a full family: counted as dropped each time */
			sl->route = NULL;
	}
	if (sl->req)
		sl->req->value++;
	if (sl->dur)
		observe(sl->dur, seconds);
	pthread_mutex_unlock(&mu);
}

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(*buf ? *buf + *len : NULL, *buf ? *cap - *len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (*buf && *len + (size_t)n < *cap) {
			*len += (size_t)n;
			return;
		}
		*cap = (*cap + (size_t)n + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
}

/* Text of a label set with one more label le="..." (histogram buckets). */
static void with_le(char *out, size_t n, const char *labels, const char *le)
{
	snprintf(out, n, "%s%sle=\"%s\"", labels, labels[0] ? "," : "", le);
}

void metrics_render(char **buf, size_t *len, size_t *cap)
{
	pthread_mutex_lock(&mu);
	for (int i = 0; i < nfams; i++) {
		struct family *f = &fams[i];
		if (f->help)
			append(buf, len, cap, "# HELP %s %s\n", f->name, f->help);
		append(buf, len, cap, "# TYPE %s %s\n", f->name, f->kind == K_HISTOGRAM ? "histogram" : "counter");
		for (struct series *s = f->first; s; s = s->next) {
			const char *ob = s->labels[0] ? "{" : "", *cb = s->labels[0] ? "}" : "";
			if (f->kind == K_COUNTER) {
				append(buf, len, cap, "%s%s%s%s %lld\n", f->name, ob, s->labels, cb, s->value);
				continue;
			}
			char l[512], le[32];
			long long cum = 0;
			for (size_t b = 0; b < NB; b++) {
				cum += s->buckets[b];
				snprintf(le, sizeof le, "%g", bounds[b]);
				with_le(l, sizeof l, s->labels, le);
				append(buf, len, cap, "%s_bucket{%s} %lld\n", f->name, l, cum);
			}
			with_le(l, sizeof l, s->labels, "+Inf");
			append(buf, len, cap, "%s_bucket{%s} %lld\n", f->name, l, s->count);
			append(buf, len, cap, "%s_sum%s%s%s %.6f\n", f->name, ob, s->labels, cb, s->sum);
			append(buf, len, cap, "%s_count%s%s%s %lld\n", f->name, ob, s->labels, cb, s->count);
		}
	}
	append(buf, len, cap,
	       "# HELP liandong_metrics_dropped_total updates dropped because a metric had too many series\n"
	       "# TYPE liandong_metrics_dropped_total counter\nliandong_metrics_dropped_total %lld\n",
	       dropped);
	pthread_mutex_unlock(&mu);
}

void metrics_gauge_head(char **buf, size_t *len, size_t *cap, const char *name, const char *help)
{
	append(buf, len, cap, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

void metrics_gauge(char **buf, size_t *len, size_t *cap, const char *name, const char *labels, double v)
{
	const char *ob = labels && labels[0] ? "{" : "", *cb = labels && labels[0] ? "}" : "";
	append(buf, len, cap, "%s%s%s%s %.17g\n", name, ob, labels ? labels : "", cb, v);
}
