/* points.h - what the geo benchmarks share: reading the generator's
 * points.bin / queries.bin (int32 n | double lat[n] | double lon[n] |
 * uint64 mask[n]) and the orderings of hits and timings. Include after
 * bench/instances/instances.h (die) and domain/geoindex.h (struct
 * geo_hit). */
#ifndef BENCH_GEO_POINTS_H
#define BENCH_GEO_POINTS_H

struct pts {
	int n;
	double *lat, *lon;
	uint64_t *mask;
};

static inline struct pts read_pts(const char *dir, const char *name)
{
	char path[4096];
	struct pts p;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	if (fread(&p.n, 4, 1, f) != 1 || p.n <= 0)
		die("bad header");
	p.lat = malloc(8 * (size_t)p.n);
	p.lon = malloc(8 * (size_t)p.n);
	p.mask = malloc(8 * (size_t)p.n);
	if (!p.lat || !p.lon || !p.mask)
		die("out of memory");
	if (fread(p.lat, 8, (size_t)p.n, f) != (size_t)p.n || fread(p.lon, 8, (size_t)p.n, f) != (size_t)p.n ||
	    fread(p.mask, 8, (size_t)p.n, f) != (size_t)p.n)
		die("short file");
	fclose(f);
	return p;
}

static inline int hit_cmp(const void *a, const void *b)
{
	const struct geo_hit *x = a, *y = b;
	if (x->distance_m != y->distance_m)
		return x->distance_m < y->distance_m ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static inline int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#endif
