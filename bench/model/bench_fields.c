/* bench_fields.c - what a field access costs: by typed key (today) against
 * by name (the accessors before typed keys: a search of the entity's
 * descriptors with strcmp, then the index), with a bare array read as the
 * floor, all in one process on the same records.
 *
 *   build/bench_fields [ROUNDS]
 *
 * Each round reads every field of a shift (8 fields), a volunteer (16) and
 * a person (17) record through each path, in turns, ROUNDS times (default
 * 2,000,000), and prints nanoseconds per access for each path and entity.
 * The name path is the old code's own: entity_field() is still what the
 * codec uses for JSON keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/entity.h"

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The accessor before typed keys (model/entities.c, field_or_die). */
static int64_t by_name(const struct rec *r, const char *name)
{
	int i = entity_field(r->e, name);
	if (i < 0)
		abort();
	const struct val *x = &r->v[i];
	return x->set && !x->null ? x->i : 0;
}

struct subject {
	const struct entity *e;
	int keys[REC_MAXF];
	const char *names[REC_MAXF];
	int n;
	struct rec r;
};

static void subject_init(struct subject *s, const struct entity *e)
{
	s->e = e;
	s->n = e->nfields;
	rec_init(&s->r, e);
	for (int i = 0; i < e->nfields; i++) {
		s->keys[i] = FIELD_BASE(e->id) + 1 + i; /* the key FIELD_KEYS gives field i */
		s->names[i] = e->fields[i].name;
		s->r.v[i] = (struct val){.set = 1, .i = i + 1};
	}
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
	if (rounds <= 0) {
		fprintf(stderr, "usage: bench_fields [ROUNDS]\n");
		return 2;
	}
	struct subject subj[3];
	subject_init(&subj[0], &shift_entity);
	subject_init(&subj[1], &vol_entity);
	subject_init(&subj[2], &person_entity);
	printf("%-10s %6s %12s %12s %12s %8s\n", "entity", "fields", "array ns", "key ns", "name ns",
	       "name/key");
	volatile int64_t sink = 0;
	for (int k = 0; k < 3; k++) {
		struct subject *s = &subj[k];
		double t_arr = 0, t_key = 0, t_name = 0;
		/* ten slices in turns, so that each path sees the same machine */
		for (int slice = 0; slice < 10; slice++) {
			long n = rounds / 10;
			int64_t acc = 0;
			double t0 = now_ns();
			for (long j = 0; j < n; j++)
				for (int i = 0; i < s->n; i++)
					acc += s->r.v[*(volatile int *)&i].i;
			double t1 = now_ns();
			for (long j = 0; j < n; j++)
				for (int i = 0; i < s->n; i++)
					acc += rec_int(&s->r, *(volatile int *)&s->keys[i], 0);
			double t2 = now_ns();
			for (long j = 0; j < n; j++)
				for (int i = 0; i < s->n; i++)
					acc += by_name(&s->r, *(const char *volatile *)&s->names[i]);
			double t3 = now_ns();
			sink += acc;
			t_arr += t1 - t0;
			t_key += t2 - t1;
			t_name += t3 - t2;
		}
		double per = (double)(rounds / 10 * 10) * s->n;
		printf("%-10s %6d %12.2f %12.2f %12.2f %8.1f\n", s->e->name, s->n, t_arr / per, t_key / per,
		       t_name / per, t_name / t_key);
	}
	return sink == 42 ? 1 : 0;
}
