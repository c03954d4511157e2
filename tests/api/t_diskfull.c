/* t_diskfull.c - a full disk under writers (SQLite). The database lives on
 * an 8 MiB tmpfs; eight clients keep creating people while a filler file
 * takes every free byte. A write that cannot be stored answers 503 JSON
 * (not 500, no hang, no crash), reads keep being served, and once the
 * filler is removed writes succeed again, every person acknowledged is
 * there and the database passes integrity_check. Mounting needs root (the
 * tests run as root); without it the test says so and checks nothing. */
#include "tests.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000 * 1000};
	nanosleep(&ts, NULL);
}

/* Write zeros into `path` until the file system refuses: the bytes taken. */
static long long fill(const char *path)
{
	static const char zeros[64 * 1024];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	long long total = 0;
	size_t chunk = sizeof zeros;
	for (;;) {
		ssize_t w = write(fd, zeros, chunk);
		if (w > 0) {
			total += w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (chunk == 1)
			break;
		chunk /= 2;	/* the last pages, to the very last byte */
	}
	close(fd);
	return total;
}

static const char *integrity(const char *db)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	const char *res = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		res = fmt("%s", (const char *)sqlite3_column_text(st, 0));
	else
		res = fmt("cannot check: %s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return res;
}

/* One write while the disk is full: 503 JSON naming the reason. */
static void write_refused(struct srv *e)
{
	char idn[19];
	idnum_n(idn, LOAD_THREADS * LOAD_MAX_PER_THREAD + 1);
	struct resp *r = http_req(e, &(struct req){.method = "POST", .path = "/api/v1/people", .token = e->admin,
		.body = fmt("{\"name\":\"Too much\",\"id_number\":\"%s\"}", idn), .timeout_ms = 10000});
	if (EXPECT_ERR(r, 503, "unavailable", NULL))
		CHECKR(r, jstr(r->json, "error.message") && strstr(jstr(r->json, "error.message"), "full"));
}

void t_disk_full_answers_503_and_loses_nothing(struct srv *s)
{
	if (s->pg) {
		printf("    (SQLite only: the PostgreSQL server's disk is not ours to fill; checked on SQLite)\n");
		return;
	}
	struct srv e = *s;
	const char *mnt = fmt("%s/small", s->dir);
	if (!CHECK(mkdir(mnt, 0700) == 0))
		return;
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=8m,mode=0700") != 0) {
		printf("    skipped: cannot mount a tmpfs at %s (%s); run the tests as root\n", mnt, strerror(errno));
		return;
	}
	snprintf(e.db, sizeof e.db, "%s/t.db", mnt);
	snprintf(e.log, sizeof e.log, "%s/full.log", s->dir);
	e.pid = 0;
	if (!srv_setup(&e))
		goto out;

	struct load ld = {0};
	load_start(&ld, &e);
	while (now_s() - ld.t0 < 5 && ld.nacked < 100)
		sleep_ms(10);
	const char *filler = fmt("%s/filler", mnt);
	long long taken = fill(filler);
	double full_at = now_s();
	CHECKM(taken > 0, "could not fill %s", mnt);
	sleep_ms(800);	/* the writers meet the full disk */
	write_refused(&e);
	/* reads go on */
	struct resp *r = http(&e, "GET", "/api/v1/health", NULL, NULL);
	EXPECT_STATUS(r, 200);
	r = http(&e, "GET", "/api/v1/people?limit=5", e.admin, NULL);
	EXPECT_STATUS(r, 200);
	if (ld.nacked > 0) {
		r = http(&e, "GET", fmt("/api/v1/people/%lld", ld.acked[0].id), e.admin, NULL);
		EXPECT_STATUS(r, 200);
	}
	size_t acked_full = ld.nacked;
	/* space comes back: so do writes */
	CHECK(unlink(filler) == 0);
	double freed_at = now_s();
	sleep_ms(800);
	load_join(&ld);
	size_t after = 0;
	for (size_t i = 0; i < ld.nacked; i++)
		after += ld.acked[i].at > freed_at;
	printf("    filled %lld bytes; %zu creates acknowledged by then, %zu in all, %zu after the space came back\n",
	       taken, acked_full, ld.nacked, after);
	CHECKM(ld.other_status == 0 || ld.other_status == 503, "a write answered %d while the disk was full: %s",
	       ld.other_status, ld.other_body);
	CHECKM(ld.other_status == 503, "no write was refused: the disk never filled (%lld bytes taken)", taken);
	char idn[19];
	idnum_n(idn, LOAD_THREADS * LOAD_MAX_PER_THREAD + 2);
	MK_PERSON(&e, e.admin, "After the disk had room", idn, NULL, 0);
	size_t lost = load_missing(&e, e.admin, &ld, now_s());
	CHECKM(lost == 0, "%zu of %zu acknowledged people lost", lost, ld.nacked);
	(void)full_at;
	CHECKM(srv_stop(&e, SIGTERM) == 0, "the server did not stop cleanly after the disk was full");
	const char *ic = integrity(e.db);
	CHECKM(strcmp(ic, "ok") == 0, "integrity_check: %s", ic);
out:
	if (e.pid > 0)
		srv_stop(&e, SIGKILL);
	if (umount2(mnt, MNT_DETACH) != 0)
		note("umount %s: %s", mnt, strerror(errno));
}
