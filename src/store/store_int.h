/* store_int.h - what the store's own files share (private to store/). */
#ifndef LD_STORE_INT_H
#define LD_STORE_INT_H

#include "store/backend.h"
#include "store/store.h"

#include <pthread.h>

struct store {
	const struct backend_ops *ops;
	char *uri;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_mutex_t write_mu;	/* held by the one writing connection */
	struct store_conn **free;
	int nfree, nconns;
	struct store_conn *all;
};

struct store_conn {
	struct store *s;
	void *db;
	int writing;	/* holds s->write_mu */
};

/* Run statement `sid` (text `sql`) on c's backend. */
enum err store_run(struct store_conn *c, int sid, const char *sql, const struct sval *p, int np,
		   struct srows *out, int maxrows, struct arena *a, struct errinfo *ei);
/* store_run for a statement whose answer is one integer (0 without a row),
 * or the first column of at most `max` rows as an array of ids (arena). */
enum err store_run_int(struct store_conn *c, int sid, const char *sql, const struct sval *p, int np, int64_t *v);
enum err store_run_ids(struct store_conn *c, int sid, const char *sql, const struct sval *p, int np, int max,
		       int64_t **ids, int *n, struct arena *a);
/* The first statement number not used by store.c. copy.c numbers its
 * statements from there (4 per table); the particular SQL files from there
 * plus their offsets below, which must not overlap. */
int store_first_free_sid(void);
#define SID_OFFSET_CARE 256	/* care.c */
#define SID_SERVICE 400		/* service_store.c */
#define SID_MATCH 500		/* match_store.c */

/* Bind a read scope as the parameters ?1..?11 of model/entity.h. */
void scope_params(struct sval *p, const struct scope *sc);
#define SID_EMERGENCY 600	/* emergency.c */
#define SID_STATS 700		/* stats_store.c */

/* Result values, converted whatever type the backend gave. */
int64_t sv_int(const struct sval *v);
double sv_real(const struct sval *v);
const char *sv_text(const struct sval *v, struct arena *a);
struct sval P_int(int64_t i);
struct sval P_text(const char *s);

/* A growable string for SQL built from static text. */
struct sb {
	char *p;
	size_t len, cap;
};
void sb_add(struct sb *b, const char *s);
void sb_addf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
