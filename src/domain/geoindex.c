/* geoindex.c - the volunteer spatial index behind geoindex.h.
 *
 * Layout: grids over the whole sphere, each made of tiles that exist only
 * where volunteers are (found through a small hash). A tile holds for each
 * of its cells the OR of the cell's skill masks (8 cells to a cache line,
 * so a query skips cells where nobody has all the required skills while
 * touching little memory) and the cell itself: one block with the masks
 * packed first, then a payload per entry.
 *
 *  - The main grid: 0.0045-degree cells (about 500 m north-south; 40,000
 *    rows x 80,000 columns, longitude wrapping), 64 x 64 cells to a tile.
 *    It holds every volunteer; the payload is the record (latitude in
 *    radians, longitude in degrees, cos(latitude), id). An id hash (linear
 *    probing, backward-shift delete) maps each id to its cell and slot, so
 *    put, move and remove are O(1): append, or swap-remove with the last.
 *  - One skill grid per mask bit: cells of 4 x 4 main cells (0.018 degree),
 *    16 x 16 to a tile (so a skill tile covers one main tile), holding only
 *    the volunteers with that skill: their whole mask, and which main cell
 *    under the skill cell and which slot in it hold the record (4 bytes).
 *    A query needing two or more skills, or one skill held by fewer than
 *    1 in 16, walks the grid of its rarest skill (counts are kept per bit):
 *    in a city of a million where such skills are held by 2-10% of people,
 *    10-50 times fewer masks to read than in the main grid, where a cell's
 *    OR passes a test of several skills far more often than one volunteer
 *    does. A volunteer with b skills has b skill entries (12 bytes each);
 *    a move or removal finds them by a scan of the skill cells (a few
 *    dozen entries at most), so updates cost a few cache misses per skill.
 *
 * Query: visit square rings of cells around the query's cell in the grid
 * chosen. Every cell and every ring has a lower bound on the distance to
 * anything in it (from the latitude gap, and from the longitude gap through
 * the distance to a meridian, asin(cos(lat) sin(dlon)) >= cos(lat)
 * (x - x^3/6)); cells whose bound exceeds the current threshold (the
 * radius, or the k-th best so far) are skipped, and the search stops at the
 * first ring whose bound does. Cells that pass are gathered in batches and
 * prefetched before being scanned, so their cache misses overlap (the index
 * is far larger than the cache; memory latency is what a query costs); in a
 * skill grid the references of the entries with all the skills are
 * gathered the same way and followed in two prefetched stages (cell, then
 * record). Candidates pass a polynomial lower bound on the haversine term
 * before the exact haversine is computed. A walk that grows past twice the
 * number of cells in use (huge radii, the poles) falls back to scanning
 * every cell. The k best live in the caller's output array as a max-heap,
 * sorted at the end; a query allocates nothing and writes nothing in the
 * index. Bounds carry a small slack (1e-9 relative, 1e-9 degree) so
 * rounding can only make the search look at more, never less.
 *
 * Memory: about 78 bytes per volunteer in the main grid and id hash after
 * geoindex_compact (40 in cells, 32 in the id hash at load <= 1/2, plus 96
 * KB per main tile in use), and 12 per skill held plus 6 KB per skill tile
 * in use (one per skill and main tile); growth slack adds up to half again
 * before a compact. Emptied cells keep their block. */
#include "domain/geoindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GI_PI   3.14159265358979323846
#define DEG2RAD (GI_PI / 180.0)

#ifndef GEOINDEX_NLAT
#define GEOINDEX_NLAT 40000 /* main rows: 180 / 40000 = 0.0045 degree */
#endif
/* Queries with at least this many required skills use a skill grid. */
#ifndef GEOINDEX_SKILL_MIN_BITS
#define GEOINDEX_SKILL_MIN_BITS 2
#endif
/* ... and so do queries for one skill held by fewer than 1 in this many. */
#ifndef GEOINDEX_SKILL_RARE
#define GEOINDEX_SKILL_RARE 16
#endif
#define NLAT           GEOINDEX_NLAT
#define NBITS          64
#define MAIN_TBITS     6
#define SSCALE         4  /* a skill cell is 4 x 4 main cells */
#define SKILL_TBITS    4  /* so a skill tile covers a main tile */
#define SLOT_BITS      28 /* a skill entry: sub-cell (4 bits) | slot */
#define MAX_SLOT       ((1u << SLOT_BITS) - 1)
#define EDGE_SLACK_DEG 1e-9
#define REL_SLACK      1e-9
#define NO_CELL        UINT32_MAX
#define NO_TILE        UINT32_MAX

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

#if NLAT % (SSCALE << SKILL_TBITS) != 0 || (SSCALE << SKILL_TBITS) != (1 << MAIN_TBITS)
#error "a skill tile must cover exactly one main tile"
#endif

/* A cell lives inside its tile. `mem` holds cap masks (read first,
 * packed), then cap payloads (read only for entries with the skills). */
struct cell {
	uint32_t n, cap;
	char *mem;
};

/* One allocation: this header, then the OR of each cell's masks (8 cells
 * to a cache line, so walking the grid touches as little memory as
 * possible), then the cells. */
struct tile {
	uint32_t number; /* index in grid.tiles */
	uint32_t main;   /* of a skill tile: number of the main tile it covers */
	int trow, tcol;  /* tile coordinates: rows trow << tbits ... */
	uint64_t *any;
	struct cell *cell;
};

struct grid {
	int nlat, nlon;    /* rows and columns */
	int scale;         /* a cell is scale x scale main cells */
	double dlat, dlon; /* cell size in degrees */
	int tbits;         /* a tile is 1 << tbits cells square */
	uint32_t ntx;      /* tiles per row of tiles */
	size_t esize;      /* payload bytes per entry */
	uint32_t *used;    /* REFs of the cells with a block (cap > 0) */
	uint32_t nused, capused;
	struct tile **tiles;
	uint32_t ntiles, captiles;
	uint32_t *tkey; /* tile hash: key (NO_TILE empty) -> tile number */
	uint32_t *tval;
	uint32_t tcap; /* power of two */
	char *arena;   /* the blocks of all cells as geoindex_compact left them */
	size_t arena_bytes;
};

/* A cell reference: tile number << 2 tbits | index in the tile. */
static uint32_t mkref(const struct grid *g, uint32_t tile, uint32_t i)
{
	return tile << (2 * g->tbits) | i;
}

static uint32_t ref_tile(const struct grid *g, uint32_t ref)
{
	return ref >> (2 * g->tbits);
}

static uint32_t ref_cell(const struct grid *g, uint32_t ref)
{
	return ref & ((1u << (2 * g->tbits)) - 1);
}

struct id_slot {
	int64_t id;
	uint32_t cell; /* a REF in the main grid, or NO_CELL: empty slot */
	uint32_t slot;
};

struct rec {
	double plat; /* radians */
	double lon;  /* degrees, as given */
	double cosl; /* cos(plat) */
	int64_t id;
};

/* A skill entry's payload: which of the 16 main cells under the skill
 * cell (row % 4, column % 4) << 28 | slot in that main cell. */
static uint32_t skey(int row, int col, uint32_t slot)
{
	return (uint32_t)((row & (SSCALE - 1)) * SSCALE + (col & (SSCALE - 1))) << SLOT_BITS | slot;
}

static uint64_t *c_mask(const struct cell *c)
{
	return (uint64_t *)c->mem;
}

static void *c_payload(const struct cell *c)
{
	return c->mem + (size_t)c->cap * sizeof(uint64_t);
}

static struct rec *c_rec(const struct cell *c)
{
	return c_payload(c);
}

static uint32_t *c_key(const struct cell *c)
{
	return c_payload(c);
}

struct geoindex {
	size_t count;
	size_t bytes;
	struct grid main;
	struct grid skill[NBITS];
	size_t bitcount[NBITS]; /* volunteers holding each skill */
	struct id_slot *ids;
	size_t idcap; /* power of two */
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

static double norm_lon(double lon)
{
	return lon >= 180.0 ? lon - 360.0 : lon;
}

static int row_of(const struct grid *g, double lat)
{
	int r = (int)floor((lat + 90.0) / g->dlat);
	return r < 0 ? 0 : (r >= g->nlat ? g->nlat - 1 : r);
}

/* lon in [-180, 180); 180 is taken as -180 by the caller */
static int col_of(const struct grid *g, double lon)
{
	int c = (int)floor((lon + 180.0) / g->dlon);
	return c < 0 ? 0 : (c >= g->nlon ? g->nlon - 1 : c);
}

static void grid_init(struct grid *g, int scale, int tbits, size_t esize)
{
	memset(g, 0, sizeof *g);
	g->scale = scale;
	g->nlat = NLAT / scale;
	g->nlon = 2 * g->nlat;
	g->dlat = 180.0 / g->nlat;
	g->dlon = 360.0 / g->nlon;
	g->tbits = tbits;
	g->ntx = (uint32_t)((g->nlon + (1 << tbits) - 1) >> tbits);
	g->esize = esize;
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

static uint32_t tile_key(const struct grid *g, int row, int col)
{
	return (uint32_t)(row >> g->tbits) * g->ntx + (uint32_t)(col >> g->tbits);
}

static const struct tile *tile_find(const struct grid *g, uint32_t key)
{
	if (g->tcap == 0)
		return NULL;
	for (uint32_t i = (uint32_t)mix64(key) & (g->tcap - 1);; i = (i + 1) & (g->tcap - 1)) {
		if (g->tkey[i] == NO_TILE)
			return NULL;
		if (g->tkey[i] == key)
			return g->tiles[g->tval[i]];
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

static size_t tile_bytes(const struct grid *g)
{
	size_t n = (size_t)1 << (2 * g->tbits);
	size_t head = (sizeof(struct tile) + 63) & ~(size_t)63;
	return (head + n * (sizeof(uint64_t) + sizeof(struct cell)) + 63) & ~(size_t)63;
}

static struct tile *tile_get_or_add(struct geoindex *ix, struct grid *g, int row, int col)
{
	uint32_t key = tile_key(g, row, col);
	struct tile *t = (struct tile *)tile_find(g, key);
	if (t)
		return t;
	if (g->ntiles + 1 > g->tcap / 2) {
		uint32_t cap = g->tcap ? g->tcap * 2 : 16;
		uint32_t *k = malloc(cap * sizeof *k), *v = malloc(cap * sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			return NULL;
		}
		for (uint32_t i = 0; i < cap; i++)
			k[i] = NO_TILE;
		for (uint32_t i = 0; i < g->tcap; i++)
			if (g->tkey[i] != NO_TILE)
				tile_hash_put(k, v, cap, g->tkey[i], g->tval[i]);
		free(g->tkey);
		free(g->tval);
		ix->bytes = ix->bytes - 2 * g->tcap * sizeof *k + 2 * cap * sizeof *k;
		g->tkey = k;
		g->tval = v;
		g->tcap = cap;
	}
	if (g->ntiles == g->captiles) {
		uint32_t cap = g->captiles ? g->captiles * 2 : 8;
		struct tile **a = realloc(g->tiles, cap * sizeof *a);
		if (!a)
			return NULL;
		ix->bytes += (cap - g->captiles) * sizeof *a;
		g->tiles = a;
		g->captiles = cap;
	}
	if (g->ntiles >= ref_tile(g, NO_CELL))
		return NULL; /* would overflow a REF */
	size_t bytes = tile_bytes(g);
	t = aligned_alloc(64, bytes);
	if (!t)
		return NULL;
	memset(t, 0, bytes);
	size_t n = (size_t)1 << (2 * g->tbits);
	t->any = (uint64_t *)((char *)t + ((sizeof(struct tile) + 63) & ~(size_t)63));
	t->cell = (struct cell *)(t->any + n);
	t->number = g->ntiles;
	t->trow = row >> g->tbits;
	t->tcol = col >> g->tbits;
	ix->bytes += bytes;
	g->tiles[g->ntiles] = t;
	tile_hash_put(g->tkey, g->tval, g->tcap, key, g->ntiles);
	g->ntiles++;
	return t;
}

static struct cell *cell_of(const struct grid *g, uint32_t ref)
{
	return &g->tiles[ref_tile(g, ref)]->cell[ref_cell(g, ref)];
}

static uint64_t *any_of(const struct grid *g, uint32_t ref)
{
	return &g->tiles[ref_tile(g, ref)]->any[ref_cell(g, ref)];
}

static uint32_t cell_index(const struct grid *g, int row, int col)
{
	int m = (1 << g->tbits) - 1;
	return (uint32_t)(((row & m) << g->tbits) | (col & m));
}

/* Row and column of a cell from its reference. */
static void cell_rowcol(const struct grid *g, uint32_t ref, int *row, int *col)
{
	const struct tile *t = g->tiles[ref_tile(g, ref)];
	uint32_t i = ref_cell(g, ref);
	*row = (t->trow << g->tbits) + (int)(i >> g->tbits);
	*col = (t->tcol << g->tbits) + (int)(i & ((1u << g->tbits) - 1));
}

/* The reference of the cell at (row, col), its tile created if needed;
 * NO_CELL when out of memory. */
static uint32_t cell_get_or_add(struct geoindex *ix, struct grid *g, int row, int col)
{
	struct tile *t = tile_get_or_add(ix, g, row, col);
	if (!t)
		return NO_CELL;
	return mkref(g, t->number, cell_index(g, row, col));
}

/* The reference of the cell at (row, col), or NO_CELL if its tile does not
 * exist. */
static uint32_t cell_find(const struct grid *g, int row, int col)
{
	const struct tile *t = tile_find(g, tile_key(g, row, col));
	return t ? mkref(g, t->number, cell_index(g, row, col)) : NO_CELL;
}

static size_t entry_bytes(const struct grid *g)
{
	return sizeof(uint64_t) + g->esize;
}

static int in_arena(const struct grid *g, const char *mem)
{
	return g->arena && mem >= g->arena && mem < g->arena + g->arena_bytes;
}

/* Give back a cell's block (one in the arena stays until the next compact). */
static void cell_release(struct geoindex *ix, struct grid *g, struct cell *c)
{
	if (c->mem && !in_arena(g, c->mem)) {
		free(c->mem);
		ix->bytes -= (size_t)c->cap * entry_bytes(g);
	}
}

/* Room for one more entry in cell `ref`. */
static int cell_room(struct geoindex *ix, struct grid *g, uint32_t ref)
{
	struct cell *c = cell_of(g, ref);
	if (c->n < c->cap)
		return 0;
	if (c->cap == 0 && g->nused == g->capused) {
		uint32_t cap = g->capused ? 2 * g->capused : 64;
		uint32_t *a = realloc(g->used, cap * sizeof *a);
		if (!a)
			return -1;
		ix->bytes += (cap - g->capused) * sizeof *a;
		g->used = a;
		g->capused = cap;
	}
	uint32_t cap = c->cap ? c->cap * 2 : (g == &ix->main ? 8 : 4);
	struct cell nc = {c->n, cap, malloc((size_t)cap * entry_bytes(g))};
	if (!nc.mem)
		return -1;
	if (c->n) {
		memcpy(c_mask(&nc), c_mask(c), c->n * sizeof(uint64_t));
		memcpy(c_payload(&nc), c_payload(c), c->n * g->esize);
	}
	if (c->cap == 0)
		g->used[g->nused++] = ref;
	cell_release(ix, g, c);
	ix->bytes += (size_t)cap * entry_bytes(g);
	*c = nc;
	return 0;
}

static void cell_recompute_any(struct grid *g, uint32_t ref)
{
	const struct cell *c = cell_of(g, ref);
	uint64_t any = 0;
	const uint64_t *m = c_mask(c);
	for (uint32_t i = 0; i < c->n; i++)
		any |= m[i];
	*any_of(g, ref) = any;
}

static void cell_set(struct cell *c, uint32_t s, double lat, double lon, uint64_t mask)
{
	struct rec *e = &c_rec(c)[s];
	e->plat = lat * DEG2RAD;
	e->lon = lon;
	e->cosl = cos(e->plat);
	c_mask(c)[s] = mask;
}

/* ---- skill entries ---- */

/* Make room for one more entry in the skill cell over main cell `mref`
 * (at row, col) in each skill grid of `mask`; refs[j] is then that cell
 * for the j-th bit of the mask. */
static int skills_room(struct geoindex *ix, uint32_t mref, int row, int col, uint64_t mask, uint32_t *refs)
{
	int j = 0;
	for (uint64_t m = mask; m; m &= m - 1, j++) {
		struct grid *g = &ix->skill[__builtin_ctzll(m)];
		struct tile *t = tile_get_or_add(ix, g, row / SSCALE, col / SSCALE);
		if (!t)
			return -1;
		t->main = ref_tile(&ix->main, mref);
		refs[j] = mkref(g, t->number, cell_index(g, row / SSCALE, col / SSCALE));
		PREFETCH(cell_of(g, refs[j])); /* the misses of all the grids overlap */
	}
	j = 0;
	for (uint64_t m = mask; m; m &= m - 1, j++) {
		struct grid *g = &ix->skill[__builtin_ctzll(m)];
		if (cell_room(ix, g, refs[j]) < 0)
			return -1;
		const struct cell *c = cell_of(g, refs[j]);
		PREFETCH(c_mask(c) + c->n);
		PREFETCH(c_key(c) + c->n);
	}
	return 0;
}

/* Add the entries of the volunteer in slot `slot` of main cell (row, col)
 * to the cells skills_room found. */
static void skills_add(struct geoindex *ix, const uint32_t *refs, int row, int col, uint32_t slot, uint64_t mask)
{
	int j = 0;
	for (uint64_t m = mask; m; m &= m - 1, j++) {
		int b = __builtin_ctzll(m);
		struct grid *g = &ix->skill[b];
		struct cell *c = cell_of(g, refs[j]);
		if (c->n == c->cap)
			abort(); /* skills_room made room */
		c_mask(c)[c->n] = mask;
		c_key(c)[c->n] = skey(row, col, slot);
		c->n++;
		*any_of(g, refs[j]) |= mask;
		ix->bitcount[b]++;
	}
}

/* Find the entry of slot `slot` of main cell `mref` in each skill grid of
 * `mask`; remove it (newslot < 0) or point it at slot newslot. The cells
 * of all the grids are looked up and prefetched first, so their misses
 * overlap. A removal leaves the cell's OR as it was: a superset, which
 * only costs a query a look (geoindex_compact makes it exact again). */
static void skills_fix(struct geoindex *ix, uint32_t mref, uint32_t slot, uint64_t mask, int64_t newslot)
{
	int row, col;
	cell_rowcol(&ix->main, mref, &row, &col);
	uint32_t key = skey(row, col, slot);
	struct cell *cells[NBITS];
	int nb = 0;
	for (uint64_t m = mask; m; m &= m - 1, nb++) {
		const struct grid *g = &ix->skill[__builtin_ctzll(m)];
		uint32_t ref = cell_find(g, row / SSCALE, col / SSCALE);
		if (ref == NO_CELL)
			abort(); /* every volunteer has its entries */
		cells[nb] = cell_of(g, ref);
		PREFETCH(cells[nb]);
	}
	for (int j = 0; j < nb; j++) {
		const char *k = (const char *)c_key(cells[j]), *end = (const char *)(c_key(cells[j]) + cells[j]->n);
		for (; k < end; k += 64)
			PREFETCH(k);
	}
	int j = 0;
	for (uint64_t m = mask; m; m &= m - 1, j++) {
		struct cell *c = cells[j];
		uint32_t *k = c_key(c);
		uint32_t i = 0;
		while (i < c->n && k[i] != key)
			i++;
		if (i == c->n)
			abort();
		if (newslot >= 0) {
			k[i] = skey(row, col, (uint32_t)newslot);
			continue;
		}
		c->n--;
		k[i] = k[c->n];
		c_mask(c)[i] = c_mask(c)[c->n];
		ix->bitcount[__builtin_ctzll(m)]--;
	}
}

/* Swap-remove slot s of main cell `ref` (its skill entries are already
 * gone), fixing the moved volunteer's hash entry and skill entries. */
static void cell_take_out(struct geoindex *ix, uint32_t ref, uint32_t s)
{
	struct grid *g = &ix->main;
	struct cell *c = cell_of(g, ref);
	uint32_t last = c->n - 1;
	if (s != last) {
		skills_fix(ix, ref, last, c_mask(c)[last], s);
		c_mask(c)[s] = c_mask(c)[last];
		c_rec(c)[s] = c_rec(c)[last];
		struct id_slot *moved = id_find(ix, c_rec(c)[s].id);
		if (!moved)
			abort(); /* every stored point is in the id hash */
		moved->slot = s;
	}
	c->n = last;
	cell_recompute_any(g, ref);
}

/* ---- public: lifetime and updates ---- */

struct geoindex *geoindex_new(void)
{
	struct geoindex *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->bytes = sizeof *ix;
	grid_init(&ix->main, 1, MAIN_TBITS, sizeof(struct rec));
	for (int b = 0; b < NBITS; b++)
		grid_init(&ix->skill[b], SSCALE, SKILL_TBITS, sizeof(uint32_t));
	return ix;
}

static void grid_free(struct grid *g)
{
	size_t n = (size_t)1 << (2 * g->tbits);
	for (uint32_t i = 0; i < g->ntiles; i++) {
		for (size_t j = 0; j < n; j++)
			if (!in_arena(g, g->tiles[i]->cell[j].mem))
				free(g->tiles[i]->cell[j].mem);
		free(g->tiles[i]);
	}
	free(g->tiles);
	free(g->used);
	free(g->arena);
	free(g->tkey);
	free(g->tval);
}

void geoindex_free(struct geoindex *ix)
{
	if (!ix)
		return;
	grid_free(&ix->main);
	for (int b = 0; b < NBITS; b++)
		grid_free(&ix->skill[b]);
	free(ix->ids);
	free(ix);
}

int geoindex_reserve(struct geoindex *ix, size_t n)
{
	return id_room(ix, n);
}

/* Bytes of a packed block of n entries, a multiple of 8 so that the next
 * block's masks stay aligned. */
static size_t block_bytes(const struct grid *g, size_t n)
{
	return (n * entry_bytes(g) + 7) & ~(size_t)7;
}

static size_t grid_packed_bytes(const struct grid *g)
{
	size_t total = 0;
	for (uint32_t i = 0; i < g->nused; i++)
		total += block_bytes(g, cell_of(g, g->used[i])->n);
	return total;
}

/* Repack grid g into `arena` (`bytes` long, NULL if 0). */
static void grid_compact(struct geoindex *ix, struct grid *g, char *arena, size_t bytes)
{
	size_t off = 0, n = (size_t)1 << (2 * g->tbits);
	uint32_t nu = 0;
	for (uint32_t t = 0; t < g->ntiles; t++) {
		for (size_t j = 0; j < n; j++) {
			struct cell *c = &g->tiles[t]->cell[j];
			if (c->cap == 0)
				continue;
			struct cell nc = {c->n, c->n, c->n ? arena + off : NULL};
			if (c->n) {
				memcpy(c_mask(&nc), c_mask(c), c->n * sizeof(uint64_t));
				memcpy(c_payload(&nc), c_payload(c), c->n * g->esize);
				off += block_bytes(g, c->n);
				g->used[nu++] = mkref(g, t, (uint32_t)j);
			}
			g->tiles[t]->any[j] = 0; /* exact again (skill grids keep a superset) */
			for (uint32_t i = 0; i < c->n; i++)
				g->tiles[t]->any[j] |= c_mask(c)[i];
			cell_release(ix, g, c);
			*c = nc;
		}
	}
	g->nused = nu;
	free(g->arena);
	ix->bytes = ix->bytes - g->arena_bytes + bytes;
	g->arena = arena;
	g->arena_bytes = bytes;
}

int geoindex_compact(struct geoindex *ix)
{
	/* every arena first, so that running out of memory changes nothing */
	char *arena[1 + NBITS];
	size_t bytes[1 + NBITS];
	for (int i = 0; i <= NBITS; i++) {
		bytes[i] = grid_packed_bytes(i == 0 ? &ix->main : &ix->skill[i - 1]);
		arena[i] = bytes[i] ? malloc(bytes[i]) : NULL;
		if (bytes[i] && !arena[i]) {
			while (i-- > 0)
				free(arena[i]);
			return -1;
		}
	}
	for (int i = 0; i <= NBITS; i++)
		grid_compact(ix, i == 0 ? &ix->main : &ix->skill[i - 1], arena[i], bytes[i]);
	return 0;
}

int geoindex_put(struct geoindex *ix, int64_t id, double lat, double lon, uint64_t skill_mask)
{
	if (!coords_ok(lat, lon))
		return -1;
	struct grid *g = &ix->main;
	int row = row_of(g, lat), col = col_of(g, norm_lon(lon));
	struct id_slot *e = id_find(ix, id);
	if (!e && id_room(ix, ix->count + 1) < 0)
		return -1;
	uint32_t ci = cell_get_or_add(ix, g, row, col);
	if (ci == NO_CELL)
		return -1;
	int same = e && e->cell == ci;
	uint64_t old = same ? c_mask(cell_of(g, ci))[e->slot] : 0;
	/* all the memory first: past this point nothing can fail */
	uint32_t refs[NBITS];
	if (!same && (cell_room(ix, g, ci) < 0 || cell_of(g, ci)->n > MAX_SLOT))
		return -1;
	if ((!same || old != skill_mask) && skills_room(ix, ci, row, col, skill_mask, refs) < 0)
		return -1;
	struct cell *c = cell_of(g, ci);
	if (same) { /* same cell: update in place */
		if (old != skill_mask) {
			skills_fix(ix, ci, e->slot, old, -1);
			skills_add(ix, refs, row, col, e->slot, skill_mask);
		}
		cell_set(c, e->slot, lat, lon, skill_mask);
		if (old & ~skill_mask)
			cell_recompute_any(g, ci);
		else
			*any_of(g, ci) |= skill_mask;
		return 0;
	}
	if (e) {
		uint32_t oc = e->cell, os = e->slot;
		skills_fix(ix, oc, os, c_mask(cell_of(g, oc))[os], -1);
		cell_take_out(ix, oc, os);
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
	skills_add(ix, refs, row, col, c->n, skill_mask);
	c->n++;
	*any_of(g, ci) |= skill_mask;
	return 0;
}

int geoindex_remove(struct geoindex *ix, int64_t id)
{
	struct id_slot *e = id_find(ix, id);
	if (!e)
		return 0;
	uint32_t ci = e->cell, s = e->slot;
	id_delete(ix, e);
	skills_fix(ix, ci, s, c_mask(cell_of(&ix->main, ci))[s], -1);
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
	const struct cell *c = cell_of(&ix->main, e->cell);
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
#define CAND 128

struct query {
	const struct geoindex *ix;
	const struct grid *g; /* the grid walked */
	int skill;            /* g is a skill grid: its entries are references */
	double qp, qcos, qlon, qlon_n, qlat;
	double radius;
	uint64_t req;
	int k, n;
	struct geo_hit *heap; /* max-heap on (distance, id) */
	double thr;           /* prune anything surely farther than this */
	double a_thr;         /* same threshold on the haversine term */
	int row0, col0, dx_min, dx_max;
	uint32_t tkey; /* one-tile cache */
	const struct tile *tile;
	size_t visits; /* cells looked up so far */
	/* Cells that passed the cheap tests, their memory being prefetched:
	 * scanning waits until a batch is gathered so the cache misses of
	 * many cells overlap instead of following one another. */
	int npend;
	const struct cell *pend[PEND];
	double pend_lb[PEND];
	uint32_t pend_base[PEND]; /* skill cells: main REF of the first cell under it */
	/* In a skill grid, the references of entries with every skill, and
	 * then their records, followed in batches for the same reason. */
	int ncand;
	uint64_t cand[CAND];
	const struct rec *crec[CAND];
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
	double lo = r * q->g->dlat - 90.0, hi = (r + 1) * q->g->dlat - 90.0;
	return q->qlat < lo ? lo - q->qlat : (q->qlat > hi ? q->qlat - hi : 0.0);
}

/* Gap in degrees from the query to column col0 + dx (unwrapped). */
static double col_gap(const struct query *q, int dx)
{
	if (dx > 0)
		return (q->col0 + dx) * q->g->dlon - 180.0 - q->qlon_n;
	if (dx < 0)
		return q->qlon_n - ((q->col0 + dx + 1) * q->g->dlon - 180.0);
	return 0.0;
}

static int surely_beyond(const struct query *q, double lb)
{
	return lb * (1.0 - REL_SLACK) > q->thr;
}

/* A volunteer with every required skill: bound, then exact distance. */
static void consider(struct query *q, const struct rec *e)
{
	const double qp = q->qp, qlon = q->qlon, qcos = q->qcos;
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
		return;
	double d = hav(qp, qcos, qlon, e->plat, e->cosl, e->lon);
	if (d > q->radius)
		return;
	offer(q, e->id, d);
}

static void scan_cell(struct query *q, const struct cell *c)
{
	const uint64_t req = q->req;
	const uint64_t *mask = c_mask(c);
	const struct rec *rec = c_rec(c);
	for (uint32_t i = 0; i < c->n; i++)
		if ((mask[i] & req) == req)
			consider(q, &rec[i]);
}

/* Follow the gathered references: main cells, then records, then the
 * test, each stage over the whole batch so the misses overlap. */
static void run_cands(struct query *q)
{
	const struct grid *m = &q->ix->main;
	for (int i = 0; i < q->ncand; i++) {
		uint32_t ref = (uint32_t)(q->cand[i] >> 32);
		PREFETCH(&m->tiles[ref_tile(m, ref)]->cell[ref_cell(m, ref)]);
	}
	for (int i = 0; i < q->ncand; i++) {
		const struct cell *c = cell_of(m, (uint32_t)(q->cand[i] >> 32));
		q->crec[i] = &c_rec(c)[(uint32_t)q->cand[i]];
		PREFETCH(q->crec[i]);
	}
	for (int i = 0; i < q->ncand; i++)
		consider(q, q->crec[i]);
	q->ncand = 0;
}

/* The main REF of the first (lowest row and column) main cell under skill cell `i` of skill tile t. */
static uint32_t skill_base(const struct geoindex *ix, const struct tile *t, uint32_t i)
{
	uint32_t lr = (i >> SKILL_TBITS) * SSCALE, lc = (i & ((1u << SKILL_TBITS) - 1)) * SSCALE;
	return mkref(&ix->main, t->main, lr << MAIN_TBITS | lc);
}

static void scan_skill_cell(struct query *q, const struct cell *c, uint32_t base)
{
	const uint64_t req = q->req;
	const uint64_t *mask = c_mask(c);
	const uint32_t *key = c_key(c);
	for (uint32_t i = 0; i < c->n; i++) {
		if ((mask[i] & req) != req)
			continue;
		uint32_t sub = key[i] >> SLOT_BITS;
		uint32_t mref = base + (sub / SSCALE << MAIN_TBITS) + sub % SSCALE;
		q->cand[q->ncand++] = (uint64_t)mref << 32 | (key[i] & MAX_SLOT);
		if (q->ncand == CAND)
			run_cands(q);
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
	if (q->skill) {
		for (int i = 0; i < q->npend; i++)
			if (q->pend[i]->n && !surely_beyond(q, q->pend_lb[i]))
				scan_skill_cell(q, q->pend[i], q->pend_base[i]);
		run_cands(q);
	} else {
		for (int i = 0; i < q->npend; i++)
			if (q->pend[i]->n && !surely_beyond(q, q->pend_lb[i]))
				scan_cell(q, q->pend[i]);
	}
	q->npend = 0;
}

static void visit(struct query *q, int dy, int dx, double row_lb)
{
	const struct grid *g = q->g;
	int row = q->row0 + dy;
	if (row < 0 || row >= g->nlat)
		return;
	q->visits++;
	int col = q->col0 + dx;
	col = col < 0 ? col + g->nlon : (col >= g->nlon ? col - g->nlon : col);
	uint32_t key = tile_key(g, row, col);
	if (key != q->tkey) {
		q->tkey = key;
		q->tile = tile_find(g, key);
	}
	if (!q->tile)
		return;
	uint32_t i = cell_index(g, row, col);
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
	if (q->skill)
		q->pend_base[q->npend] = skill_base(q->ix, q->tile, i);
	if (++q->npend == PEND)
		flush(q);
}

static void visit_row(struct query *q, int dy, int r)
{
	int row = q->row0 + dy;
	if (row < 0 || row >= q->g->nlat)
		return;
	double rlb = lat_lb(row_gap(q, row));
	if (surely_beyond(q, rlb))
		return;
	int lo = -r < q->dx_min ? q->dx_min : -r, hi = r > q->dx_max ? q->dx_max : r;
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
	if (q->row0 + r < q->g->nlat)
		lb = fmin(lb, lat_lb(row_gap(q, q->row0 + r)));
	if (r <= q->dx_max)
		lb = fmin(lb, lon_lb(q, col_gap(q, r)));
	if (-r >= q->dx_min)
		lb = fmin(lb, lon_lb(q, col_gap(q, -r)));
	return lb;
}

static void full_scan(struct query *q)
{
	const struct grid *g = q->g;
	q->n = 0;
	q->npend = 0;
	q->ncand = 0;
	q->thr = q->radius;
	q->a_thr = a_of(q->radius);
	for (uint32_t i = 0; i < g->nused; i++) {
		uint32_t ref = g->used[i];
		const struct cell *c = cell_of(g, ref);
		if (!c->n || (*any_of(g, ref) & q->req) != q->req)
			continue;
		if (q->skill)
			scan_skill_cell(q, c, skill_base(q->ix, g->tiles[ref_tile(g, ref)], ref_cell(g, ref)));
		else
			scan_cell(q, c);
	}
	run_cands(q);
}

/* The grid to walk: the main one, or for a query needing several skills
 * the grid of the rarest; NULL when nobody has one of the skills. */
static const struct grid *choose_grid(const struct geoindex *ix, uint64_t req)
{
	int best = -1, bits = 0;
	for (uint64_t m = req; m; m &= m - 1, bits++) {
		int b = __builtin_ctzll(m);
		if (best < 0 || ix->bitcount[b] < ix->bitcount[best])
			best = b;
	}
	if (best >= 0 && ix->bitcount[best] == 0)
		return NULL;
	if (bits >= GEOINDEX_SKILL_MIN_BITS || (bits == 1 && ix->bitcount[best] * GEOINDEX_SKILL_RARE < ix->count))
		return &ix->skill[best];
	return &ix->main;
}

int geoindex_nearest(const struct geoindex *ix, double lat, double lon, double radius_m, uint64_t required_mask, int k,
                     struct geo_hit *out)
{
	if (!coords_ok(lat, lon) || !(radius_m >= 0) || k < 0)
		return -1;
	if (k == 0 || ix->count == 0)
		return 0;
	const struct grid *g = choose_grid(ix, required_mask);
	if (!g)
		return 0;
	struct query q = {
	    .ix = ix,
	    .g = g,
	    .skill = g != &ix->main,
	    .qlat = lat,
	    .qlon = lon,
	    .qlon_n = norm_lon(lon),
	    .radius = radius_m,
	    .req = required_mask,
	    .k = k,
	    .heap = out,
	    .thr = radius_m,
	    .tkey = UINT32_MAX,
	    .dx_min = -(g->nlon / 2 - 1),
	    .dx_max = g->nlon / 2,
	};
	q.qp = lat * DEG2RAD;
	q.qcos = cos(q.qp);
	q.a_thr = a_of(radius_m);
	q.row0 = row_of(g, lat);
	q.col0 = col_of(g, q.qlon_n);
	/* Huge radii, or the poles where columns are centimetres wide, would
	 * walk more empty grid (cells and rows) than there are cells: past that
	 * budget a plain scan of every cell is cheaper and just as exact. */
	size_t budget = 2 * (size_t)g->nused + 4096;
	visit(&q, 0, 0, 0.0); /* scanned with ring 1: one batch of misses, not two */
	for (int r = 1;; r++) {
		double lb = ring_lb(&q, r);
		if (lb == HUGE_VAL || surely_beyond(&q, lb))
			break;
		visit_row(&q, -r, r);
		visit_row(&q, r, r);
		q.visits += 2 * (size_t)r; /* the rows looked at count too */
		for (int dy = -r + 1; dy <= r - 1; dy++) {
			int row = q.row0 + dy;
			if (row < 0 || row >= g->nlat)
				continue;
			double rlb = lat_lb(row_gap(&q, row));
			if (surely_beyond(&q, rlb))
				continue;
			if (-r >= q.dx_min)
				visit(&q, dy, -r, rlb);
			if (r <= q.dx_max)
				visit(&q, dy, r, rlb);
		}
		flush(&q);
		if (q.visits > budget) {
			full_scan(&q);
			break;
		}
	}
	flush(&q); /* the centre cell when the walk stopped before ring 1 */
	/* heapsort: the max-heap becomes ascending order */
	for (int n = q.n; n > 1; n--) {
		struct geo_hit t = out[0];
		out[0] = out[n - 1];
		out[n - 1] = t;
		sift_down(out, n - 1, 0);
	}
	return q.n;
}
