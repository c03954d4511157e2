/* geo.c - the per-process volunteer index and its change log; see geo.h. */
#include "service/geo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "model/codec.h"
#include "store/store_emergency.h"

#define LOAD_BATCH 2000
#define BACKLOG_MAX 1000	/* more changes than this since the last look: rebuild */

struct vocab_entry {
	char *name;
	int64_t id;
};

struct geo_cache {
	pthread_rwlock_t lock;		/* ix, vocab, built */
	pthread_mutex_t sync_mu;	/* one refresh at a time; its holder alone writes */
	struct geoindex *ix;
	int built;
	int64_t last_seq;		/* the last change applied */
	struct vocab_entry *vocab;	/* sorted by name */
	int nvocab;
};

struct geo_cache *geo_cache_new(void)
{
	struct geo_cache *g = xcalloc(1, sizeof *g);
	pthread_rwlock_init(&g->lock, NULL);
	pthread_mutex_init(&g->sync_mu, NULL);
	return g;
}

static void vocab_free(struct vocab_entry *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void geo_cache_free(struct geo_cache *g)
{
	if (!g)
		return;
	geoindex_free(g->ix);
	vocab_free(g->vocab, g->nvocab);
	pthread_rwlock_destroy(&g->lock);
	pthread_mutex_destroy(&g->sync_mu);
	free(g);
}

/* ---- write side ---- */

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_real(const struct val *a, const struct val *b)
{
	int an = !a->set || a->null, bn = !b->set || b->null;
	return an == bn && (an || a->r == b->r);
}

static enum err log_change(struct ctx *x, int64_t person_id, int64_t volunteer_id, struct errinfo *ei)
{
	int64_t seq;
	enum err e = store_counter_next(x->c, "geo_seq", &seq);
	if (!e)
		e = store_geo_change(x->c, seq, person_id, volunteer_id, x->now);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err geo_person_written(struct ctx *x, const struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	const char *skills = rec_text(nw, PERSON_SKILLS);
	int skills_changed = !old || !same_text(skills, rec_text(old, PERSON_SKILLS));
	if (skills_changed) {
		const char **names;
		int n = codec_strings(skills, &names, x->a);
		for (int i = 0; i < n; i++) {
			enum err e = store_skill_add(x->c, names[i]);
			if (e)
				return err_set(ei, e, NULL, NULL);
		}
	}
	/* a new person has no volunteer record yet: nothing indexed changes */
	if (!old || (!skills_changed && same_real(rec_cval(nw, PERSON_LAT), rec_cval(old, PERSON_LAT)) &&
		     same_real(rec_cval(nw, PERSON_LON), rec_cval(old, PERSON_LON))))
		return ERR_OK;
	return log_change(x, nw->id, 0, ei);
}

enum err geo_volunteer_written(struct ctx *x, int64_t volunteer_id, int64_t person_id, struct errinfo *ei)
{
	return log_change(x, person_id, volunteer_id, ei);
}

/* ---- the vocabulary ---- */

static int vocab_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vocab_entry *)a)->name, ((const struct vocab_entry *)b)->name);
}

/* 0 if unknown. The caller holds the lock, or is the refresher. */
static int64_t vocab_id(const struct geo_cache *g, const char *name)
{
	struct vocab_entry key = {(char *)name, 0};
	const struct vocab_entry *hit =
		g->nvocab ? bsearch(&key, g->vocab, (size_t)g->nvocab, sizeof *g->vocab, vocab_cmp) : NULL;
	return hit ? hit->id : 0;
}

/* The mask of `names`; *unknown counts the names not in the vocabulary. */
static uint64_t mask_of(const struct geo_cache *g, const char *const *names, int *unknown)
{
	uint64_t m = 0;
	*unknown = 0;
	for (int i = 0; names && names[i]; i++) {
		int64_t id = vocab_id(g, names[i]);
		if (id > 0)
			m |= UINT64_C(1) << ((id - 1) % 64);
		else
			++*unknown;
	}
	return m;
}

/* Read the vocabulary again (committed rows only: ids never change). */
static enum err vocab_reload(struct ctx *x, struct geo_cache *g)
{
	struct arena a = ARENA_INIT;
	struct skill_row *rows;
	int n;
	enum err e = store_skills(x->c, &rows, &n, &a);
	if (!e) {
		struct vocab_entry *v = xcalloc((size_t)n + 1, sizeof *v);
		for (int i = 0; i < n; i++)
			v[i] = (struct vocab_entry){xstrdup(rows[i].name), rows[i].id};
		qsort(v, (size_t)n, sizeof *v, vocab_cmp);
		pthread_rwlock_wrlock(&g->lock);
		struct vocab_entry *old = g->vocab;
		int nold = g->nvocab;
		g->vocab = v;
		g->nvocab = n;
		pthread_rwlock_unlock(&g->lock);
		vocab_free(old, nold);
	}
	arena_release(&a);
	return e;
}

/* A skill written before the vocabulary existed (a person stored before
 * 006): add it in a transaction of its own, then read the vocabulary. */
static enum err vocab_register(struct ctx *x, struct geo_cache *g, const char *const *names)
{
	enum err e = store_begin(x->c, 1);
	for (int i = 0; !e && names[i]; i++)
		if (!vocab_id(g, names[i]))
			e = store_skill_add(x->c, names[i]);
	if (!e)
		e = store_commit(x->c);
	else
		store_rollback(x->c);
	return e ? e : vocab_reload(x, g);
}

/* The mask of a person's skills (JSON text), registering unknown ones. */
static enum err person_mask(struct ctx *x, struct geo_cache *g, const char *skills, uint64_t *mask)
{
	const char **names;
	int unknown;
	codec_strings(skills, &names, x->a);
	*mask = mask_of(g, names, &unknown);
	if (!unknown)
		return ERR_OK;
	enum err e = vocab_reload(x, g);
	if (!e && (*mask = mask_of(g, names, &unknown), unknown) && !(e = vocab_register(x, g, names)))
		*mask = mask_of(g, names, &unknown);
	return e ? e : unknown ? ERR_INTERNAL : ERR_OK;
}

/* ---- the refresher (holds sync_mu) ---- */

static enum err put_row(struct ctx *x, struct geo_cache *g, struct geoindex *ix, const struct geo_vol_row *r,
			int lock)
{
	uint64_t mask = 0;
	enum err e = ERR_OK;
	if (r->registered && r->located && (e = person_mask(x, g, r->skills, &mask)))
		return e;
	if (lock)
		pthread_rwlock_wrlock(&g->lock);
	int rc = r->registered && r->located ? geoindex_put(ix, r->id, r->lat, r->lon, mask)
					    : (geoindex_remove(ix, r->id), 0);
	if (lock)
		pthread_rwlock_unlock(&g->lock);
	/* coordinates were validated on the way in; -1 is out of memory */
	return rc ? ERR_INTERNAL : ERR_OK;
}

static enum err build(struct ctx *x, struct geo_cache *g)
{
	int64_t seq;
	/* the change log's end first: whatever changes while we read is
	 * applied again afterwards */
	enum err e = store_geo_max(x->c, &seq);
	if (!e)
		e = vocab_reload(x, g);
	struct geoindex *ix = e ? NULL : geoindex_new();
	if (!e && !ix)
		e = ERR_INTERNAL;
	int64_t after = 0;
	for (int n = LOAD_BATCH; !e && n == LOAD_BATCH;) {
		struct arena a = ARENA_INIT;
		struct arena *saved = x->a;
		struct geo_vol_row *rows;
		x->a = &a;
		e = store_geo_load(x->c, after, LOAD_BATCH, &rows, &n, &a);
		for (int i = 0; !e && i < n; i++)
			e = put_row(x, g, ix, &rows[i], 0);
		if (!e && n)
			after = rows[n - 1].id;
		x->a = saved;
		arena_release(&a);
	}
	if (e) {
		geoindex_free(ix);
		return e;
	}
	geoindex_compact(ix); /* smaller and faster when it works; fine when not */
	pthread_rwlock_wrlock(&g->lock);
	struct geoindex *old = g->ix;
	g->ix = ix;
	g->last_seq = seq;
	g->built = 1;
	pthread_rwlock_unlock(&g->lock);
	geoindex_free(old);
	return ERR_OK;
}

static enum err apply_changes(struct ctx *x, struct geo_cache *g, int *rebuild)
{
	struct geo_change_row *ch;
	int n;
	enum err e = store_geo_changes(x->c, g->last_seq, BACKLOG_MAX + 1, &ch, &n, x->a);
	if (e || n == 0)
		return e;
	if (n > BACKLOG_MAX) {
		*rebuild = 1;
		return ERR_OK;
	}
	for (int i = 0; i < n && !e; i++) {
		int seen = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = ch[k].person_id == ch[i].person_id;
		if (seen)
			continue;
		struct geo_vol_row *rows;
		int nrows;
		if ((e = store_geo_person(x->c, ch[i].person_id, &rows, &nrows, x->a)))
			break;
		for (int r = 0; r < nrows && !e; r++)
			e = put_row(x, g, g->ix, &rows[r], 1);
	}
	if (!e)
		g->last_seq = ch[n - 1].seq; /* only the refresher reads or writes it */
	return e;
}

enum err geo_sync(struct ctx *x, struct errinfo *ei)
{
	struct geo_cache *g = x->app->geo;
	if (!g)
		return err_set(ei, ERR_INTERNAL, NULL, "this process has no volunteer index");
	pthread_mutex_lock(&g->sync_mu);
	int rebuild = !g->built;
	enum err e = rebuild ? ERR_OK : apply_changes(x, g, &rebuild);
	if (!e && rebuild)
		e = build(x, g);
	pthread_mutex_unlock(&g->sync_mu);
	return e ? err_set(ei, e, NULL, "cannot bring the volunteer index up to date") : ERR_OK;
}

enum err geo_nearest(struct ctx *x, double lat, double lon, double radius_m, const char *const *skills, int k,
		     struct geo_hit *out, int *n, struct errinfo *ei)
{
	struct geo_cache *g = x->app->geo;
	if (!g)
		return err_set(ei, ERR_INTERNAL, NULL, "this process has no volunteer index");
	int unknown;
	pthread_rwlock_rdlock(&g->lock);
	uint64_t mask = mask_of(g, skills, &unknown);
	/* every skill of every indexed person is in the vocabulary (a refresh
	 * reads it again when it meets a new one): a skill it lacks, nobody has */
	*n = !g->built ? -1 : unknown ? 0 : geoindex_nearest(g->ix, lat, lon, radius_m, mask, k, out);
	pthread_rwlock_unlock(&g->lock);
	if (*n < 0)
		return err_set(ei, ERR_INTERNAL, NULL, "the volunteer index is not built");
	return ERR_OK;
}

size_t geo_count(struct ctx *x)
{
	struct geo_cache *g = x->app->geo;
	if (!g)
		return 0;
	pthread_rwlock_rdlock(&g->lock);
	size_t n = g->ix ? geoindex_count(g->ix) : 0;
	pthread_rwlock_unlock(&g->lock);
	return n;
}
