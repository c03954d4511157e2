/* import.h - reading an office's sheet of people (or of clients), or a
 * fundraising platform's statement of gifts into a fund, into Liandong:
 * each row through the same create/update path as POST /people (and
 * /volunteers, /social-workers; /clients for kind=clients; /donations for
 * kind=donations), with its checks, scope and audit; a dry
 * run that writes nothing; the real run in one transaction; jobs that run
 * on one background thread while the page polls their progress.
 *
 * A job is a row of `imports` (model/fields_import.h); the file's bytes are
 * held in memory by the runner while the job waits and runs, never stored.
 * Progress of the running job is kept in memory by the runner (its rows are
 * written in one transaction that holds the store's write lock, so a
 * progress row could not be committed beside it) and read by
 * svc_import_get; the row gets its totals when the job starts and ends. */
#ifndef LD_SERVICE_IMPORT_H
#define LD_SERVICE_IMPORT_H

#include <stdatomic.h>
#include <stddef.h>

#include "service/service.h"

#define IMPORT_MAX_ERRORS 1000	/* listed in a job; every bad row is counted */

struct import_opts {
	const char *kind;		/* "people" (default), "clients" or "donations" */
	int dry_run, all_or_nothing;
	const char *on_existing;	/* "skip" (default) or "update" (not for donations) */
	const char *filename;		/* may be NULL */
	const char *lang;		/* "zh" (default) or "en": the messages' language */
	/* kind=donations only: the fund (its id as given), and the platform's
	 * name unless the sheet has a 平台 column (each may be NULL) */
	const char *fund_id, *platform;
	int64_t fund;			/* set by import_opts_check: fund_id read, 0 when none */
};

extern const struct resource res_imports;

/* The options' own checks, with no store (svc_import_new runs them;
 * tests/fuzz/fuzz_body.c fuzzes them): kind and on_existing known, their
 * defaults filled in, filename at most 255 bytes; for kind=donations a
 * fund_id (a positive id, read into o->fund), on_existing=skip, a platform
 * of 1..100 bytes if any; for the other kinds neither fund_id nor
 * platform. ERR_OK, or 422 naming the option. */
enum err import_opts_check(struct import_opts *o, struct errinfo *ei);

/* Check the options and the file (CSV or XLSX, 422 naming "file" when it is
 * neither) and make the job, queued; *job is the new row. Staff only (403).
 * kind=donations: the fund must exist (422 naming fund_id) and the caller
 * record gifts into it as POST /donations would let them (403 naming
 * fund_id); a sheet without a 平台 column needs the platform option (422
 * naming platform). */
enum err svc_import_new(struct ctx *x, const struct import_opts *o, const char *data, size_t len, struct rec *job,
			struct errinfo *ei);

/* How a run reports (each member may be NULL): progress(done, total, arg)
 * after each row, row_error for each entry of the error list; a non-zero
 * *stop abandons the run (nothing written, job failed). */
struct import_hooks {
	void (*progress)(int64_t done, int64_t total, void *arg);
	/* each entry of the error list as it is found (column may be NULL) */
	void (*row_error)(int row, const char *column, const char *message, int warning, void *arg);
	void *arg;
	atomic_int *stop;
};

/* Run job `id` over data[0..len) on x now (x->who is the job's author, NULL
 * for the command line); *job is the finished row. ERR_OK when the job ran
 * to its end (its status says done or failed). */
enum err svc_import_run(struct ctx *x, int64_t id, const char *data, size_t len, const struct import_hooks *h,
			struct rec *job, struct errinfo *ei);

/* GET /imports/{id}: the row, with the runner's live progress while it runs. */
enum err svc_import_get(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei);

/* ---- the runner (import_runner.c): one thread, one job at a time ---- */
/* Start app->imports; jobs a stopped process left queued or running are
 * marked failed first. */
void import_runner_start(struct app *app);
/* Stop it: the running job is abandoned (rolled back, failed), queued ones
 * failed; the thread is joined. */
void import_runner_stop(struct app *app);
/* Queue job `id` (made by svc_import_new) with a copy of data and of the
 * caller. */
enum err svc_import_submit(struct ctx *x, int64_t id, const char *data, size_t len, struct errinfo *ei);
/* The live progress of job id if the runner is running it: 1 and *done,
 * *total; 0 otherwise. */
int import_runner_progress(struct app *app, int64_t id, int64_t *done, int64_t *total);
/* Jobs this process's runner is running (0 or 1) and has waiting. */
void import_runner_counts(struct app *app, int *running, int *queued);

#endif
