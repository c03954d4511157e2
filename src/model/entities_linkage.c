/* entities_linkage.c - descriptors for the linkage itself
 * (model/fields_linkage.h, issue 15). A supervision session is read by its
 * supervisor and its social workers (as people), by the staff of the
 * supervisor's org or of an attendee's org, and by regional admins over
 * them; its confidential notes only by the two sides (service/supervision.c). */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const supervision_forms[] = {"individual", "group", NULL};

/* the session's orgs: the supervisor's, and each attendee's */
#define SESSION_ORGS(scope)                                                                                \
	scope("t.org_id") " OR t.id IN (SELECT sa.session_id FROM supervision_attendees sa JOIN social_workers" \
			  " sw ON sw.id = sa.social_worker_id WHERE " scope("sw.org_id") ")"
static const struct field supervision_session_fields[] = {SUPERVISION_SESSION_FIELDS(FIELD_DESC)};
static const struct filter supervision_session_filters[] = {
	{"supervisor_id", FT_INT, "t.supervisor_id = ?"},
	{"social_worker_id", FT_INT,
	 "t.id IN (SELECT sa.session_id FROM supervision_attendees sa WHERE sa.social_worker_id = ?)"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"form", FT_TEXT, "t.form = ?"},
	{"from", FT_TIME, "t.starts_at >= ?"},
	{"to", FT_TIME, "t.starts_at < ?"},
};
const struct entity supervision_session_entity = {
	.id = E_SUPERVISION_SESSION,
	.name = "supervision-sessions",
	.table = "supervision_sessions",
	.fields = supervision_session_fields,
	.nfields = NF(supervision_session_fields),
	.filters = supervision_session_filters,
	.nfilters = NF(supervision_session_filters),
	.scope_self = "t.supervisor_id IN (SELECT sp.id FROM social_workers sp WHERE sp.person_id = ?10) OR t.id IN"
		      " (SELECT sa.session_id FROM supervision_attendees sa JOIN social_workers sw ON sw.id ="
		      " sa.social_worker_id WHERE sw.person_id = ?10)",
	.scope_org = SESSION_ORGS(IN_ORG_SCOPE),
	.scope_region = SESSION_ORGS(ORG_IN_REGION_SCOPE),
};
