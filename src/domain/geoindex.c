/* geoindex.c - the volunteer spatial index behind geoindex.h.
 *
 * Layout: a global grid of 0.0045-degree cells (about 500 m north-south;
 * 40,000 rows x 80,000 columns, longitude wrapping). Only tiles of 64 x 64
 * cells that hold volunteers exist, found through a small hash; a tile has
 * for each cell the OR of its volunteers' skill masks (8 cells to a cache
 * line, so a query skips cells where nobody has all the required skills
 * while touching little memory) and the cell itself: one block with the
 * masks packed first, then a record per volunteer (latitude in radians,
 * longitude in degrees, cos(latitude), id). An id hash (linear probing,
 * backward-shift delete) maps each id to its cell and slot, so put, move and
 * remove are O(1): append, or swap-remove with the last.
 *
 * Query: visit square rings of cells around the query cell. Every cell and
 * every ring has a lower bound on the distance to anything in it (from the
 * latitude gap, and from the longitude gap through the distance to a
 * meridian, asin(cos(lat) sin(dlon)) >= cos(lat) (x - x^3/6)); cells whose
 * bound exceeds the current threshold (the radius, or the k-th best so far)
 * are skipped, and the search stops at the first ring whose bound does.
 * Cells that pass are gathered in batches and prefetched before being
 * scanned, so their cache misses overlap (the index is far larger than the
 * cache; memory latency is what a query costs). Candidates pass a
 * polynomial lower bound on the haversine term before the exact haversine
 * is computed. A walk that grows past twice the number of cells in use
 * (huge radii, the poles) falls back to scanning every cell. The k best
 * live in the caller's output array as a max-heap, sorted at the end; a
 * query allocates nothing and writes nothing in the index. Bounds carry a
 * small slack (1e-9 relative, 1e-9 degree) so rounding can only make the
 * search look at more, never less.
 *
 * Memory: about 90 bytes per volunteer at 1M in a city (48 in cells with
 * growth slack, 32 in the id hash at load <= 1/2), plus 96 KB per tile in
 * use, so volunteers scattered one per 29 km tile across a country cost
 * more. Emptied cells keep their block. */
#include "domain/geoindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GI_PI   3.14159265358979323846
#define DEG2RAD (GI_PI / 180.0)

#ifndef GEOINDEX_NLAT
#define GEOINDEX_NLAT 40000 /* rows: 180 / 40000 = 0.0045 degree */
#endif
#define NLAT           GEOINDEX_NLAT
#define NLON           (2 * NLAT)
#define DLAT           (180.0 / NLAT)
#define DLON           (360.0 / NLON)
#define DX_MIN         (-(NLON / 2 - 1))
#define DX_MAX         (NLON / 2)
#define TILE_BITS      6
#define TILE           (1 << TILE_BITS)
#define NTX            ((NLON + TILE - 1) / TILE)
#define EDGE_SLACK_DEG 1e-9
#define REL_SLACK      1e-9
#define NO_CELL        UINT32_MAX
#define NO_TILE        UINT32_MAX

/* A cell lives inside its tile. `mem` holds cap masks (read first,
 * packed), then cap records with the rest (read only for points with the
 * skills). */
struct cell {
	uint32_t n, cap;
	char *mem;
};

/* The OR of each cell's masks sits in an array of its own, 8 cells to a
 * cache line, so walking the grid touches as little memory as possible. */
struct tile {
	uint32_t number; /* index in geoindex.tiles */
	uint64_t any[TILE * TILE];
	struct cell cell[TILE * TILE];
};

/* A cell reference: tile number << 12 | index in the tile. */
#define REF(tile, i)  ((tile) << (2 * TILE_BITS) | (uint32_t)(i))
#define REF_TILE(ref) ((ref) >> (2 * TILE_BITS))
#define REF_CELL(ref) ((ref) & (TILE * TILE - 1))

struct id_slot {
	int64_t id;
	uint32_t cell; /* a REF, or NO_CELL: empty slot */
	uint32_t slot;
};

struct rec {
	double plat; /* radians */
	double lon;  /* degrees, as given */
	double cosl; /* cos(plat) */
	int64_t id;
};

static uint64_t *c_mask(const struct cell *c)
{
	return (uint64_t *)c->mem;
}

static struct rec *c_rec(const struct cell *c)
{
	return (struct rec *)(c->mem + (size_t)c->cap * sizeof(uint64_t));
}

struct geoindex {
	size_t count;
	size_t bytes;
	uint32_t *used; /* REFs of the cells with a block (cap > 0) */
	uint32_t nused, capused;
	struct tile **tiles;
	uint32_t ntiles, captiles;
	uint32_t *tkey; /* tile hash: key (NO_TILE empty) -> tile number */
	uint32_t *tval;
	uint32_t tcap; /* power of two */
	struct id_slot *ids;
	size_t idcap; /* power of two */
	char *arena;  /* the blocks of all cells as geoindex_compact left them */
	size_t arena_bytes;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int coords_ok(double lat, double lon)
{
	return lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

static int row_of(double lat)
{
	int r = (int)floor((lat + 90.0) / DLAT);
	return r < 0 ? 0 : (r >= NLAT ? NLAT - 1 : r);
}

/* lon in [-180, 180); 180 is taken as -180 by the caller */
static int col_of(double lon)
{
	int c = (int)floor((lon + 180.0) / DLON);
	return c < 0 ? 0 : (c >= NLON ? NLON - 1 : c);
}

static double norm_lon(double lon)
{
	return lon >= 180.0 ? lon - 360.0 : lon;
}

/* ---- id hash ---- */

static size_t id_home(const struct geoindex *ix, int64_t id)
{
	return (size_t)mix64((uint64_t)id) & (ix->idcap - 1);
}

static struct id_slot *id_find(const struct geoindex *ix, int64_t id)
{
	if (ix->idcap == 0)
		return NULL;
	for (size_t i = id_home(ix, id);; i = (i + 1) & (ix->idcap - 1)) {
		struct id_slot *e = &ix->ids[i];
		if (e->cell == NO_CELL)
			return NULL;
		if (e->id == id)
			return e;
	}
}

static void id_insert(struct geoindex *ix, int64_t id, uint32_t cell, uint32_t slot)
{
	size_t i = id_home(ix, id);
	while (ix->ids[i].cell != NO_CELL)
		i = (i + 1) & (ix->idcap - 1);
	ix->ids[i].id = id;
	ix->ids[i].cell = cell;
	ix->ids[i].slot = slot;
}

static int id_resize(struct geoindex *ix, size_t cap)
{
	struct id_slot *old = ix->ids;
	size_t oldcap = ix->idcap;
	struct id_slot *t = malloc(cap * sizeof *t);
	if (!t)
		return -1;
	for (size_t i = 0; i < cap; i++)
		t[i].cell = NO_CELL;
	ix->ids = t;
	ix->idcap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].cell != NO_CELL)
			id_insert(ix, old[i].id, old[i].cell, old[i].slot);
	free(old);
	ix->bytes = ix->bytes - oldcap * sizeof *t + cap * sizeof *t;
	return 0;
}

/* Room for `n` ids at load <= 1/2. */
static int id_room(struct geoindex *ix, size_t n)
{
	size_t cap = ix->idcap ? ix->idcap : 16;
	while (cap / 2 < n)
		cap *= 2;
	return cap == ix->idcap ? 0 : id_resize(ix, cap);
}

static void id_delete(struct geoindex *ix, struct id_slot *e)
{
	size_t m = ix->idcap - 1;
	size_t hole = (size_t)(e - ix->ids);
	size_t j = hole;
	for (;;) {
		j = (j + 1) & m;
		if (ix->ids[j].cell == NO_CELL)
			break;
		size_t h = id_home(ix, ix->ids[j].id);
		int move = j > hole ? (h <= hole || h > j) : (h <= hole && h > j);
		if (move) {
			ix->ids[hole] = ix->ids[j];
			hole = j;
		}
	}
	ix->ids[hole].cell = NO_CELL;
}

/* ---- tiles and cells ---- */

static uint32_t tile_key(int row, int col)
{
	return (uint32_t)(row >> TILE_BITS) * NTX + (uint32_t)(col >> TILE_BITS);
}

static const struct tile *tile_find(const struct geoindex *ix, uint32_t key)
{
	if (ix->tcap == 0)
		return NULL;
	for (uint32_t i = (uint32_t)mix64(key) & (ix->tcap - 1);; i = (i + 1) & (ix->tcap - 1)) {
		if (ix->tkey[i] == NO_TILE)
			return NULL;
		if (ix->tkey[i] == key)
			return ix->tiles[ix->tval[i]];
	}
}

static void tile_hash_put(uint32_t *keys, uint32_t *vals, uint32_t cap, uint32_t key, uint32_t v)
{
	uint32_t i = (uint32_t)mix64(key) & (cap - 1);
	while (keys[i] != NO_TILE)
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	vals[i] = v;
}

static struct tile *tile_get_or_add(struct geoindex *ix, uint32_t key)
{
	struct tile *t = (struct tile *)tile_find(ix, key);
	if (t)
		return t;
	if (ix->ntiles + 1 > ix->tcap / 2) {
		uint32_t cap = ix->tcap ? ix->tcap * 2 : 16;
		uint32_t *k = malloc(cap * sizeof *k), *v = malloc(cap * sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			return NULL;
		}
		for (uint32_t i = 0; i < cap; i++)
			k[i] = NO_TILE;
		for (uint32_t i = 0; i < ix->tcap; i++)
			if (ix->tkey[i] != NO_TILE)
				tile_hash_put(k, v, cap, ix->tkey[i], ix->tval[i]);
		free(ix->tkey);
		free(ix->tval);
		ix->bytes = ix->bytes - 2 * ix->tcap * sizeof *k + 2 * cap * sizeof *k;
		ix->tkey = k;
		ix->tval = v;
		ix->tcap = cap;
	}
	if (ix->ntiles == ix->captiles) {
		uint32_t cap = ix->captiles ? ix->captiles * 2 : 8;
		struct tile **a = realloc(ix->tiles, cap * sizeof *a);
		if (!a)
			return NULL;
		ix->bytes += (cap - ix->captiles) * sizeof *a;
		ix->tiles = a;
		ix->captiles = cap;
	}
	if (ix->ntiles >= REF_TILE(NO_CELL))
		return NULL; /* would overflow a REF: 4 billion cells */
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->number = ix->ntiles;
	ix->bytes += sizeof *t;
	ix->tiles[ix->ntiles] = t;
	tile_hash_put(ix->tkey, ix->tval, ix->tcap, key, ix->ntiles);
	ix->ntiles++;
	return t;
}

static struct cell *cell_of(const struct geoindex *ix, uint32_t ref)
{
	return &ix->tiles[REF_TILE(ref)]->cell[REF_CELL(ref)];
}

static int cell_index(int row, int col)
{
	return ((row & (TILE - 1)) << TILE_BITS) | (col & (TILE - 1));
}

/* The reference of the cell at (row, col), its tile created if needed;
 * NO_CELL when out of memory. */
static uint32_t cell_get_or_add(struct geoindex *ix, int row, int col)
{
	struct tile *t = tile_get_or_add(ix, tile_key(row, col));
	if (!t)
		return NO_CELL;
	return REF(t->number, cell_index(row, col));
}

#define CELL_BYTES_PER (sizeof(uint64_t) + sizeof(struct rec))

static int in_arena(const struct geoindex *ix, const char *mem)
{
	return ix->arena && mem >= ix->arena && mem < ix->arena + ix->arena_bytes;
}

/* Give back a cell's block (one in the arena stays until the next compact). */
static void cell_release(struct geoindex *ix, struct cell *c)
{
	if (c->mem && !in_arena(ix, c->mem)) {
		free(c->mem);
		ix->bytes -= (size_t)c->cap * CELL_BYTES_PER;
	}
}

static int cell_room(struct geoindex *ix, uint32_t ref)
{
	struct cell *c = cell_of(ix, ref);
	if (c->n < c->cap)
		return 0;
	if (c->cap == 0 && ix->nused == ix->capused) {
		uint32_t cap = ix->capused ? 2 * ix->capused : 64;
		uint32_t *a = realloc(ix->used, cap * sizeof *a);
		if (!a)
			return -1;
		ix->bytes += (cap - ix->capused) * sizeof *a;
		ix->used = a;
		ix->capused = cap;
	}
	uint32_t cap = c->cap ? c->cap * 2 : 8;
	struct cell nc = {c->n, cap, malloc((size_t)cap * CELL_BYTES_PER)};
	if (!nc.mem)
		return -1;
	if (c->n) {
		memcpy(c_mask(&nc), c_mask(c), c->n * sizeof(uint64_t));
		memcpy(c_rec(&nc), c_rec(c), c->n * sizeof(struct rec));
	}
	if (c->cap == 0)
		ix->used[ix->nused++] = ref;
	cell_release(ix, c);
	ix->bytes += (size_t)cap * CELL_BYTES_PER;
	*c = nc;
	return 0;
}

static uint64_t *any_of(const struct geoindex *ix, uint32_t ref)
{
	return &ix->tiles[REF_TILE(ref)]->any[REF_CELL(ref)];
}

static void cell_recompute_any(struct geoindex *ix, uint32_t ref)
{
	const struct cell *c = cell_of(ix, ref);
	uint64_t any = 0;
	const uint64_t *m = c_mask(c);
	for (uint32_t i = 0; i < c->n; i++)
		any |= m[i];
	*any_of(ix, ref) = any;
}

static void cell_set(struct cell *c, uint32_t s, double lat, double lon, uint64_t mask)
{
	struct rec *e = &c_rec(c)[s];
	e->plat = lat * DEG2RAD;
	e->lon = lon;
	e->cosl = cos(e->plat);
	c_mask(c)[s] = mask;
}

/* Swap-remove slot s of cell `ref`, fixing the moved id's hash entry. */
static void cell_take_out(struct geoindex *ix, uint32_t ref, uint32_t s)
{
	struct cell *c = cell_of(ix, ref);
	uint32_t last = c->n - 1;
	if (s != last) {
		c_mask(c)[s] = c_mask(c)[last];
		c_rec(c)[s] = c_rec(c)[last];
		struct id_slot *moved = id_find(ix, c_rec(c)[s].id);
		if (!moved)
			abort(); /* every stored point is in the id hash */
		moved->slot = s;
	}
	c->n = last;
	cell_recompute_any(ix, ref);
}

/* ---- public: lifetime and updates ---- */

struct geoindex *geoindex_new(void)
{
	struct geoindex *ix = calloc(1, sizeof *ix);
	if (ix)
		ix->bytes = sizeof *ix;
	return ix;
}

void geoindex_free(struct geoindex *ix)
{
	if (!ix)
		return;
	for (uint32_t i = 0; i < ix->ntiles; i++) {
		for (int j = 0; j < TILE * TILE; j++)
			if (!in_arena(ix, ix->tiles[i]->cell[j].mem))
				free(ix->tiles[i]->cell[j].mem);
		free(ix->tiles[i]);
	}
	free(ix->tiles);
	free(ix->used);
	free(ix->arena);
	free(ix->tkey);
	free(ix->tval);
	free(ix->ids);
	free(ix);
}

int geoindex_reserve(struct geoindex *ix, size_t n)
{
	return id_room(ix, n);
}

int geoindex_compact(struct geoindex *ix)
{
	size_t total = 0;
	for (uint32_t i = 0; i < ix->nused; i++)
		total += cell_of(ix, ix->used[i])->n;
	char *arena = NULL;
	if (total) {
		arena = malloc(total * CELL_BYTES_PER);
		if (!arena)
			return -1;
	}
	size_t off = 0;
	uint32_t nu = 0;
	for (uint32_t t = 0; t < ix->ntiles; t++) {
		for (int j = 0; j < TILE * TILE; j++) {
			struct cell *c = &ix->tiles[t]->cell[j];
			if (c->cap == 0)
				continue;
			struct cell nc = {c->n, c->n, c->n ? arena + off : NULL};
			if (c->n) {
				memcpy(c_mask(&nc), c_mask(c), c->n * sizeof(uint64_t));
				memcpy(c_rec(&nc), c_rec(c), c->n * sizeof(struct rec));
				off += (size_t)c->n * CELL_BYTES_PER;
				ix->used[nu++] = REF(t, (uint32_t)j);
			}
			cell_release(ix, c);
			*c = nc;
		}
	}
	ix->nused = nu;
	free(ix->arena);
	ix->bytes = ix->bytes - ix->arena_bytes + total * CELL_BYTES_PER;
	ix->arena = arena;
	ix->arena_bytes = total * CELL_BYTES_PER;
	return 0;
}

int geoindex_put(struct geoindex *ix, int64_t id, double lat, double lon, uint64_t skill_mask)
{
	if (!coords_ok(lat, lon))
		return -1;
	int row = row_of(lat), col = col_of(norm_lon(lon));
	struct id_slot *e = id_find(ix, id);
	if (!e && id_room(ix, ix->count + 1) < 0)
		return -1;
	uint32_t ci = cell_get_or_add(ix, row, col);
	if (ci == NO_CELL)
		return -1;
	if (e && e->cell == ci) { /* same cell: update in place */
		struct cell *c = cell_of(ix, ci);
		uint64_t old = c_mask(c)[e->slot];
		cell_set(c, e->slot, lat, lon, skill_mask);
		if (old & ~skill_mask)
			cell_recompute_any(ix, ci);
		else
			*any_of(ix, ci) |= skill_mask;
		return 0;
	}
	if (cell_room(ix, ci) < 0)
		return -1;
	struct cell *c = cell_of(ix, ci);
	if (e) {
		cell_take_out(ix, e->cell, e->slot);
		e = id_find(ix, id); /* still there: take_out only rewrote slots */
		if (!e)
			abort();
		e->cell = ci;
		e->slot = c->n;
	} else {
		id_insert(ix, id, ci, c->n);
		ix->count++;
	}
	cell_set(c, c->n, lat, lon, skill_mask);
	c_rec(c)[c->n].id = id;
	c->n++;
	*any_of(ix, ci) |= skill_mask;
	return 0;
}

int geoindex_remove(struct geoindex *ix, int64_t id)
{
	struct id_slot *e = id_find(ix, id);
	if (!e)
		return 0;
	uint32_t ci = e->cell, s = e->slot;
	id_delete(ix, e);
	cell_take_out(ix, ci, s);
	ix->count--;
	return 1;
}

size_t geoindex_count(const struct geoindex *ix)
{
	return ix->count;
}

int geoindex_get(const struct geoindex *ix, int64_t id, double *lat, double *lon, uint64_t *skill_mask)
{
	const struct id_slot *e = id_find(ix, id);
	if (!e)
		return 0;
	const struct cell *c = cell_of(ix, e->cell);
	if (lat)
		*lat = c_rec(c)[e->slot].plat / DEG2RAD;
	if (lon)
		*lon = c_rec(c)[e->slot].lon;
	if (skill_mask)
		*skill_mask = c_mask(c)[e->slot];
	return 1;
}

size_t geoindex_memory(const struct geoindex *ix)
{
	return ix->bytes;
}

/* ---- distance ---- */

/* The reference haversine, operation for operation (p in radians, lon in
 * degrees, cosp = cos(p)). */
static double hav(double p1, double cos1, double lon1, double p2, double cos2, double lon2)
{
	double dp = p2 - p1, dl = (lon2 - lon1) * DEG2RAD;
	double s1 = sin(dp * 0.5), s2 = sin(dl * 0.5);
	double a = s1 * s1 + cos1 * cos2 * s2 * s2;
	return 2.0 * GEOINDEX_EARTH_R * asin(sqrt(a));
}

double geoindex_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	double p1 = lat1 * DEG2RAD, p2 = lat2 * DEG2RAD;
	return hav(p1, cos(p1), lon1, p2, cos(p2), lon2);
}

/* ---- query ---- */

#ifndef GEOINDEX_PEND
#define GEOINDEX_PEND 256
#endif
#define PEND GEOINDEX_PEND

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

struct query {
	const struct geoindex *ix;
	double qp, qcos, qlon, qlon_n, qlat;
	double radius;
	uint64_t req;
	int k, n;
	struct geo_hit *heap; /* max-heap on (distance, id) */
	double thr;           /* prune anything surely farther than this */
	double a_thr;         /* same threshold on the haversine term */
	int row0, col0;
	uint32_t tkey; /* one-tile cache */
	const struct tile *tile;
	size_t visits; /* cells looked up so far */
	/* Cells that passed the cheap tests, their memory being prefetched:
	 * scanning waits until a batch is gathered so the cache misses of
	 * many cells overlap instead of following one another. */
	int npend;
	const struct cell *pend[PEND];
	double pend_lb[PEND];
};

static int worse(const struct geo_hit *a, const struct geo_hit *b)
{
	return a->distance_m > b->distance_m || (a->distance_m == b->distance_m && a->id > b->id);
}

static void sift_down(struct geo_hit *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && worse(&h[l], &h[m]))
			m = l;
		if (r < n && worse(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		struct geo_hit t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static double a_of(double d)
{
	double x = d / (2.0 * GEOINDEX_EARTH_R);
	if (x >= GI_PI / 2)
		return 2.0; /* everything on the sphere */
	double s = sin(x);
	return s * s * (1.0 + REL_SLACK);
}

static void offer(struct query *q, int64_t id, double d)
{
	struct geo_hit h = {id, d};
	if (q->n < q->k) {
		int i = q->n++;
		q->heap[i] = h;
		while (i > 0 && worse(&q->heap[i], &q->heap[(i - 1) / 2])) {
			struct geo_hit t = q->heap[i];
			q->heap[i] = q->heap[(i - 1) / 2];
			q->heap[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
	} else if (worse(&q->heap[0], &h)) {
		q->heap[0] = h;
		sift_down(q->heap, q->n, 0);
	} else {
		return;
	}
	if (q->n == q->k) {
		q->thr = q->heap[0].distance_m;
		q->a_thr = a_of(q->thr);
	}
}

/* Lower bound in metres from a latitude gap in degrees. */
static double lat_lb(double gap)
{
	gap -= EDGE_SLACK_DEG;
	return gap > 0 ? gap * DEG2RAD * GEOINDEX_EARTH_R : 0.0;
}

/* Lower bound in metres from a longitude gap in degrees at the query's
 * latitude: asin(cos(lat) sin(g)) >= cos(lat) (g - g^3/6). g is capped at
 * sqrt(2), where the polynomial peaks, so the bound grows with the gap (the
 * search stops at the first ring beyond the threshold). */
static double lon_lb(const struct query *q, double gap)
{
	gap -= EDGE_SLACK_DEG;
	if (gap <= 0)
		return 0.0;
	double g = gap * DEG2RAD;
	if (g > 1.4142135623730950)
		g = 1.4142135623730950;
	double s = g * (1.0 - g * g / 6.0);
	return s > 0 ? GEOINDEX_EARTH_R * q->qcos * s : 0.0;
}

/* Gap in degrees from the query to row r (0 inside it). */
static double row_gap(const struct query *q, int r)
{
	double lo = r * DLAT - 90.0, hi = (r + 1) * DLAT - 90.0;
	return q->qlat < lo ? lo - q->qlat : (q->qlat > hi ? q->qlat - hi : 0.0);
}

/* Gap in degrees from the query to column col0 + dx (unwrapped). */
static double col_gap(const struct query *q, int dx)
{
	if (dx > 0)
		return (q->col0 + dx) * DLON - 180.0 - q->qlon_n;
	if (dx < 0)
		return q->qlon_n - ((q->col0 + dx + 1) * DLON - 180.0);
	return 0.0;
}

static int surely_beyond(const struct query *q, double lb)
{
	return lb * (1.0 - REL_SLACK) > q->thr;
}

static void scan_cell(struct query *q, const struct cell *c)
{
	const uint64_t req = q->req;
	const double qp = q->qp, qlon = q->qlon, qcos = q->qcos;
	const uint64_t *mask = c_mask(c);
	const struct rec *rec = c_rec(c);
	for (uint32_t i = 0; i < c->n; i++) {
		if ((mask[i] & req) != req)
			continue;
		const struct rec *e = &rec[i];
		double dp = e->plat - qp, dl = (e->lon - qlon) * DEG2RAD;
		double x = 0.5 * fabs(dp), y = 0.5 * fabs(dl);
		/* sin(t) >= t - t^3/6 for t >= 0 */
		double sx = x * (1.0 - x * x / 6.0), sy = y * (1.0 - y * y / 6.0);
		if (sx < 0)
			sx = 0;
		if (sy < 0)
			sy = 0;
		double alow = sx * sx + qcos * e->cosl * sy * sy;
		if (alow > q->a_thr)
			continue;
		double d = hav(qp, qcos, qlon, e->plat, e->cosl, e->lon);
		if (d > q->radius)
			continue;
		offer(q, e->id, d);
	}
}

/* Three stages, each over the whole batch, so the misses of one stage
 * overlap: the cells (prefetched by visit), their blocks, the scan. */
static void flush(struct query *q)
{
	for (int i = 0; i < q->npend; i++) {
		const struct cell *c = q->pend[i];
		PREFETCH(c->mem);
		if (c->n > 8)
			PREFETCH(c->mem + 64);
	}
	for (int i = 0; i < q->npend; i++)
		if (q->pend[i]->n && !surely_beyond(q, q->pend_lb[i]))
			scan_cell(q, q->pend[i]);
	q->npend = 0;
}

static void visit(struct query *q, int dy, int dx, double row_lb)
{
	int row = q->row0 + dy;
	if (row < 0 || row >= NLAT)
		return;
	q->visits++;
	int col = q->col0 + dx;
	col = col < 0 ? col + NLON : (col >= NLON ? col - NLON : col);
	uint32_t key = tile_key(row, col);
	if (key != q->tkey) {
		q->tkey = key;
		q->tile = tile_find(q->ix, key);
	}
	if (!q->tile)
		return;
	int i = cell_index(row, col);
	if ((q->tile->any[i] & q->req) != q->req)
		return;
	double lb = lon_lb(q, col_gap(q, dx));
	if (row_lb > lb)
		lb = row_lb;
	if (surely_beyond(q, lb))
		return;
	const struct cell *c = &q->tile->cell[i];
	PREFETCH(c);
	q->pend[q->npend] = c;
	q->pend_lb[q->npend] = lb;
	if (++q->npend == PEND)
		flush(q);
}

static void visit_row(struct query *q, int dy, int r)
{
	int row = q->row0 + dy;
	if (row < 0 || row >= NLAT)
		return;
	double rlb = lat_lb(row_gap(q, row));
	if (surely_beyond(q, rlb))
		return;
	int lo = -r < DX_MIN ? DX_MIN : -r, hi = r > DX_MAX ? DX_MAX : r;
	for (int dx = lo; dx <= hi; dx++)
		visit(q, dy, dx, rlb);
}

/* Lower bound on everything in ring r >= 1; HUGE_VAL when the ring is
 * empty (past both poles and all the way round). */
static double ring_lb(const struct query *q, int r)
{
	double lb = HUGE_VAL;
	if (q->row0 - r >= 0)
		lb = fmin(lb, lat_lb(row_gap(q, q->row0 - r)));
	if (q->row0 + r < NLAT)
		lb = fmin(lb, lat_lb(row_gap(q, q->row0 + r)));
	if (r <= DX_MAX)
		lb = fmin(lb, lon_lb(q, col_gap(q, r)));
	if (-r >= DX_MIN)
		lb = fmin(lb, lon_lb(q, col_gap(q, -r)));
	return lb;
}

static void full_scan(struct query *q)
{
	q->n = 0;
	q->thr = q->radius;
	q->a_thr = a_of(q->radius);
	for (uint32_t i = 0; i < q->ix->nused; i++) {
		uint32_t ref = q->ix->used[i];
		const struct cell *c = cell_of(q->ix, ref);
		if (c->n && (*any_of(q->ix, ref) & q->req) == q->req)
			scan_cell(q, c);
	}
}

int geoindex_nearest(const struct geoindex *ix, double lat, double lon, double radius_m, uint64_t required_mask, int k,
                     struct geo_hit *out)
{
	if (!coords_ok(lat, lon) || !(radius_m >= 0) || k < 0)
		return -1;
	if (k == 0 || ix->count == 0)
		return 0;
	struct query q = {
	    .ix = ix,
	    .qlat = lat,
	    .qlon = lon,
	    .qlon_n = norm_lon(lon),
	    .radius = radius_m,
	    .req = required_mask,
	    .k = k,
	    .heap = out,
	    .thr = radius_m,
	    .tkey = UINT32_MAX,
	};
	q.qp = lat * DEG2RAD;
	q.qcos = cos(q.qp);
	q.a_thr = a_of(radius_m);
	q.row0 = row_of(lat);
	q.col0 = col_of(q.qlon_n);
	/* Huge radii, or the poles where columns are centimetres wide, would
	 * walk more empty grid than there are cells: past that budget a plain
	 * scan of every cell is cheaper and just as exact. */
	size_t budget = 2 * (size_t)ix->nused + 4096;
	visit(&q, 0, 0, 0.0);
	flush(&q);
	for (int r = 1;; r++) {
		double lb = ring_lb(&q, r);
		if (lb == HUGE_VAL || surely_beyond(&q, lb))
			break;
		visit_row(&q, -r, r);
		visit_row(&q, r, r);
		for (int dy = -r + 1; dy <= r - 1; dy++) {
			int row = q.row0 + dy;
			if (row < 0 || row >= NLAT)
				continue;
			double rlb = lat_lb(row_gap(&q, row));
			if (surely_beyond(&q, rlb))
				continue;
			if (-r >= DX_MIN)
				visit(&q, dy, -r, rlb);
			if (r <= DX_MAX)
				visit(&q, dy, r, rlb);
		}
		flush(&q);
		if (q.visits > budget) {
			full_scan(&q);
			break;
		}
	}
	/* heapsort: the max-heap becomes ascending order */
	for (int n = q.n; n > 1; n--) {
		struct geo_hit t = out[0];
		out[0] = out[n - 1];
		out[n - 1] = t;
		sift_down(out, n - 1, 0);
	}
	return q.n;
}
