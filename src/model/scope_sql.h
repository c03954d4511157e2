/* scope_sql.h - SQL fragments for read scopes and subtree filters, shared by
 * the entity descriptor files (private to model/).
 *
 * Scope expressions use the fixed parameters ?1..?11 described in entity.h;
 * org and region subtrees are path-prefix ranges ("/1/4/" .. "/1/4/~"), which
 * both SQLite and PostgreSQL answer from a plain B-tree index. Filter
 * fragments use a bare '?' for the filter's value. */
#ifndef LD_MODEL_SCOPE_SQL_H
#define LD_MODEL_SCOPE_SQL_H

/* An org path (column p) within the subtree of one of the caller's
 * org-bound roles. */
#define PATH_IN_ORG_SCOPE(p) \
	"(" p " >= ?2 AND " p " < ?2 || '~') OR (" p " >= ?3 AND " p " < ?3 || '~')" \
	" OR (" p " >= ?4 AND " p " < ?4 || '~') OR (" p " >= ?5 AND " p " < ?5 || '~')"
/* An org id in the caller's org-bound scope. */
#define IN_ORG_SCOPE(col) \
	col " IN (SELECT so.id FROM orgs so WHERE" \
	" (so.path >= ?2 AND so.path < ?2 || '~') OR (so.path >= ?3 AND so.path < ?3 || '~')" \
	" OR (so.path >= ?4 AND so.path < ?4 || '~') OR (so.path >= ?5 AND so.path < ?5 || '~'))"
/* A region id in the caller's region-bound scope. */
#define IN_REGION_SCOPE(col) \
	col " IN (SELECT sr.id FROM regions sr WHERE" \
	" (sr.path >= ?6 AND sr.path < ?6 || '~') OR (sr.path >= ?7 AND sr.path < ?7 || '~')" \
	" OR (sr.path >= ?8 AND sr.path < ?8 || '~') OR (sr.path >= ?9 AND sr.path < ?9 || '~'))"
/* An org id whose region is in the caller's region-bound scope. */
#define ORG_IN_REGION_SCOPE(col) \
	col " IN (SELECT sq.id FROM orgs sq WHERE " IN_REGION_SCOPE("sq.region_id") ")"

/* Filter: a region id within the subtree of the region given. */
#define REGION_SUBTREE(col) \
	col " IN (SELECT f2.id FROM regions f2, regions f1 WHERE f1.id = ?" \
	" AND f2.path >= f1.path AND f2.path < f1.path || '~')"
#define ORG_SUBTREE(col) \
	col " IN (SELECT g2.id FROM orgs g2, orgs g1 WHERE g1.id = ?" \
	" AND g2.path >= g1.path AND g2.path < g1.path || '~')"
#define ORG_IN_REGION_SUBTREE(col) \
	col " IN (SELECT h.id FROM orgs h WHERE " REGION_SUBTREE("h.region_id") ")"

/* A list's `q` (issue 18): the name in col contains the text, case folded,
 * with %, _ and \ taken literally (the same on SQLite and PostgreSQL). */
#define NAME_CONTAINS(col) \
	"lower(" col ") LIKE '%' || lower(replace(replace(replace(?, '\\', '\\\\'), '%', '\\%'), '_', '\\_'))" \
	" || '%' ESCAPE '\\'"
/* The same for the person named by col (social workers, volunteers). */
#define PERSON_NAME_CONTAINS(col) col " IN (SELECT qp.id FROM people qp WHERE " NAME_CONTAINS("qp.name") ")"

/* A client (alias a) in scope: as its own, the volunteer who follows the
 * client and the supervisor of its social worker; the org staff of its org;
 * regional admins over its org (entities_care.c). */
#define CLIENT_SELF(a)                                                                              \
	a ".volunteer_id IN (SELECT cv.id FROM volunteers cv WHERE cv.person_id = ?10)"             \
	" OR " a ".social_worker_id IN (SELECT cw.id FROM social_workers cw, social_workers cs"      \
	" WHERE cs.id = cw.supervisor_id AND cs.person_id = ?10)"
#define CLIENT_ORG(a) IN_ORG_SCOPE(a ".org_id")
#define CLIENT_REGION(a) ORG_IN_REGION_SCOPE(a ".org_id")
/* A row whose t.client_id is a client in the given one of those scopes. */
#define OF_CLIENT(scope) "EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" scope("ce") "))"

#define NF(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
