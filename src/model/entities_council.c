/* entities_council.c - descriptors for the councils (议事会, issue 15 item
 * 4; model/fields_council.h): a community's council, its members,
 * meetings, issues and resolutions. All of them are read, like the
 * council, by the council's members (as people), by the staff of an org
 * whose region holds the council's community (the community's own orgs
 * and the town station above it, as for needs) and by regional admins
 * over the community; who writes is service/councils.c. */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const council_member_kinds[] = {"resident", "social_worker", "volunteer", "official", NULL};
static const char *const council_member_roles[] = {"chair", "member", NULL};
static const char *const council_issue_statuses[] = {"open", "resolved", "dropped", NULL};
static const char *const resolution_outcomes[] = {"adopted", "rejected", NULL};

/* A council (alias c) in scope: as a member; as staff of an org whose
 * region holds the council's community; as regional admin over it. */
#define COUNCIL_SELF(c) c ".id IN (SELECT cm.council_id FROM council_members cm WHERE cm.person_id = ?10)"
#define COUNCIL_ORG(c)                                                                                \
	c ".region_id IN (SELECT nr.id FROM orgs nq, regions nqr, regions nr WHERE ("                 \
	PATH_IN_ORG_SCOPE("nq.path") ") AND nqr.id = nq.region_id"                                    \
	" AND nr.path >= nqr.path AND nr.path < nqr.path || '~')"
#define COUNCIL_REGION(c) IN_REGION_SCOPE(c ".region_id")
/* A row whose t.council_id is a council in the given one of those scopes. */
#define OF_COUNCIL(scope) "t.council_id IN (SELECT cc.id FROM councils cc WHERE " scope("cc") ")"
#define COUNCIL_CHILD                                                                                  \
	.scope_self = OF_COUNCIL(COUNCIL_SELF), .scope_org = OF_COUNCIL(COUNCIL_ORG),                  \
	.scope_region = OF_COUNCIL(COUNCIL_REGION)

static const struct field council_fields[] = {COUNCIL_FIELDS(FIELD_DESC)};
static const struct filter council_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"person_id", FT_INT, "t.id IN (SELECT fm.council_id FROM council_members fm WHERE fm.person_id = ?)"},
};
const struct entity council_entity = {
	.id = E_COUNCIL,
	.name = "councils",
	.table = "councils",
	.fields = council_fields,
	.nfields = NF(council_fields),
	.filters = council_filters,
	.nfilters = NF(council_filters),
	.scope_self = COUNCIL_SELF("t"),
	.scope_org = COUNCIL_ORG("t"),
	.scope_region = COUNCIL_REGION("t"),
};

static const struct field council_member_fields[] = {COUNCIL_MEMBER_FIELDS(FIELD_DESC)};
static const struct filter council_member_filters[] = {
	{"council_id", FT_INT, "t.council_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity council_member_entity = {
	.id = E_COUNCIL_MEMBER,
	.name = "council-members",
	.table = "council_members",
	.fields = council_member_fields,
	.nfields = NF(council_member_fields),
	.filters = council_member_filters,
	.nfilters = NF(council_member_filters),
	COUNCIL_CHILD,
};

static const struct field council_meeting_fields[] = {COUNCIL_MEETING_FIELDS(FIELD_DESC)};
static const struct filter council_meeting_filters[] = {
	{"council_id", FT_INT, "t.council_id = ?"},
	{"from", FT_TIME, "t.held_at >= ?"},
	{"to", FT_TIME, "t.held_at < ?"},
};
const struct entity council_meeting_entity = {
	.id = E_COUNCIL_MEETING,
	.name = "council-meetings",
	.table = "council_meetings",
	.fields = council_meeting_fields,
	.nfields = NF(council_meeting_fields),
	.filters = council_meeting_filters,
	.nfilters = NF(council_meeting_filters),
	COUNCIL_CHILD,
};

static const struct field council_issue_fields[] = {COUNCIL_ISSUE_FIELDS(FIELD_DESC)};
static const struct filter council_issue_filters[] = {
	{"council_id", FT_INT, "t.council_id = ?"},
	{"meeting_id", FT_INT, "t.meeting_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity council_issue_entity = {
	.id = E_COUNCIL_ISSUE,
	.name = "council-issues",
	.table = "council_issues",
	.fields = council_issue_fields,
	.nfields = NF(council_issue_fields),
	.filters = council_issue_filters,
	.nfilters = NF(council_issue_filters),
	COUNCIL_CHILD,
};

static const struct field resolution_fields[] = {RESOLUTION_FIELDS(FIELD_DESC)};
static const struct filter resolution_filters[] = {
	{"council_id", FT_INT, "t.council_id = ?"},
	{"meeting_id", FT_INT, "t.meeting_id = ?"},
	{"issue_id", FT_INT, "t.issue_id = ?"},
	{"outcome", FT_TEXT, "t.outcome = ?"},
};
const struct entity resolution_entity = {
	.id = E_RESOLUTION,
	.name = "resolutions",
	.table = "resolutions",
	.fields = resolution_fields,
	.nfields = NF(resolution_fields),
	.filters = resolution_filters,
	.nfilters = NF(resolution_filters),
	COUNCIL_CHILD,
};
