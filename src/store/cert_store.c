/* cert_store.c - static SQL for certificates; see cert_store.h. */
#include "store/cert_store.h"

#include "store/store_int.h"

#define CERT_LINE_COLS "SELECT r.id, r.org_id, r.starts_at, r.minutes, r.content, r.place, "
/* index service_records_volunteer (volunteer_id, status, year) */
static struct stmt q_period = STMT(CERT_LINE_COLS "o.name FROM service_records r JOIN orgs o ON o.id = r.org_id"
					" WHERE r.volunteer_id = ?1 AND r.status = 'verified'"
					" AND r.starts_at >= ?2 AND r.starts_at < ?3 AND (?5 = 0 OR r.org_id = ?5)"
					" ORDER BY r.starts_at, r.id LIMIT ?4");
static struct stmt q_period_orgs = STMT("SELECT DISTINCT org_id FROM service_records WHERE volunteer_id = ?1"
					" AND status = 'verified' AND starts_at >= ?2 AND starts_at < ?3"
					" ORDER BY org_id LIMIT ?4");
/* the unit's name as frozen at issue */
static struct stmt q_lines = STMT(CERT_LINE_COLS "cr.org_name FROM service_records r"
				       " JOIN certificate_records cr ON cr.record_id = r.id"
				       " WHERE cr.certificate_id = ?1 ORDER BY r.starts_at, r.id");
static struct stmt q_record_add =
	STMT("INSERT INTO certificate_records (certificate_id, record_id, org_name) VALUES (?1, ?2, ?3)");
static struct stmt q_by_code = STMT("SELECT id FROM certificates WHERE code = ?1");
static struct stmt q_revoked_at =
	STMT("SELECT COALESCE(MIN(r.voided_at), 0) FROM certificate_records cr"
	     " JOIN service_records r ON r.id = cr.record_id WHERE cr.certificate_id = ?1 AND r.status = 'voided'");
static struct stmt q_lines_count = STMT("SELECT COUNT(*) FROM certificate_records WHERE certificate_id = ?1");

static enum err lines(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int max,
		      struct cert_line **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct cert_line){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[3]),
					       sv_text(&v[4], a), sv_text(&v[5], a), sv_text(&v[6], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_cert_period(struct store_conn *c, int64_t volunteer_id, int64_t org_id, int64_t from, int64_t to,
			   int max, struct cert_line **rows, int *n, struct arena *a)
{
	struct sval p[5] = {P_int(volunteer_id), P_int(from), P_int(to), P_int(max), P_int(org_id)};
	return lines(c, &q_period, p, 5, max, rows, n, a);
}

enum err store_cert_period_orgs(struct store_conn *c, int64_t volunteer_id, int64_t from, int64_t to, int max,
				int64_t **orgs, int *n, struct arena *a)
{
	struct sval p[4] = {P_int(volunteer_id), P_int(from), P_int(to), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_period_orgs, p, 4, &rows, max, a, NULL);
	if (e)
		return e;
	*orgs = arena_alloc(a, sizeof **orgs * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*orgs)[i] = sv_int(&srows_row(&rows, i)[0]);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_cert_lines(struct store_conn *c, int64_t cert_id, struct cert_line **rows, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(cert_id)};
	int64_t count;
	enum err e = store_run_int(c, &q_lines_count, p, 1, &count);
	return e ? e : lines(c, &q_lines, p, 1, (int)count, rows, n, a);
}

enum err store_cert_records_add(struct store_conn *c, int64_t cert_id, const struct cert_line *rows, int n)
{
	struct sval p[3] = {P_int(cert_id)};
	enum err e = ERR_OK;
	for (int i = 0; i < n && !e; i++) {
		p[1] = P_int(rows[i].record_id);
		p[2] = P_text(rows[i].org_name);
		e = store_run(c, &q_record_add, p, 3, NULL, 0, NULL, NULL);
	}
	return e;
}

enum err store_cert_by_code(struct store_conn *c, const char *code, int64_t *id)
{
	struct sval p[1] = {P_text(code)};
	enum err e = store_run_int(c, &q_by_code, p, 1, id);
	return e ? e : *id ? ERR_OK : ERR_NOT_FOUND;
}

enum err store_cert_revoked_at(struct store_conn *c, int64_t cert_id, int64_t *at)
{
	struct sval p[1] = {P_int(cert_id)};
	return store_run_int(c, &q_revoked_at, p, 1, at);
}
