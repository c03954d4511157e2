/* entities_funds.c - descriptors for funds and donations
 * (model/fields_funds.h, issue 14). A fund is read by staff of its org's
 * subtree, regional admins over that org, its manager and the donors who
 * gave to it; a donation by the same staff and admins and by the donor
 * whose person it names. */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const fund_purposes[] = {"pooled", "directed", "student_aid", NULL};
static const char *const donation_channels[] = {"cash", "bank_transfer", "online_platform", "in_kind", NULL};
static const char *const donor_kinds[] = {"person", "org", NULL};
static const char *const donation_states[] = {"recorded", "voided", NULL};

static const struct field fund_fields[] = {FUND_FIELDS(FIELD_DESC)};
static const struct filter fund_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"purpose", FT_TEXT, "t.purpose = ?"},
};
const struct entity fund_entity = {
	.id = E_FUND,
	.name = "funds",
	.table = "funds",
	.fields = fund_fields,
	.nfields = NF(fund_fields),
	.filters = fund_filters,
	.nfilters = NF(fund_filters),
	.scope_self = "t.manager_user_id = ?11"
		      " OR t.id IN (SELECT dd.fund_id FROM donations dd WHERE dd.donor_person_id = ?10)",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

static const struct field donation_fields[] = {DONATION_FIELDS(FIELD_DESC)};
static const struct filter donation_filters[] = {
	{"fund_id", FT_INT, "t.fund_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"channel", FT_TEXT, "t.channel = ?"},
	{"status", FT_TEXT, "t.status = ?"},
	{"donor_person_id", FT_INT, "t.donor_person_id = ?"},
	{"platform_ref", FT_TEXT, "t.platform_ref = ?"},
	{"receipt_no", FT_TEXT, "t.receipt_no = ?"},
	{"beneficiary_client_id", FT_INT, "t.beneficiary_client_id = ?"},
};
const struct entity donation_entity = {
	.id = E_DONATION,
	.name = "donations",
	.table = "donations",
	.fields = donation_fields,
	.nfields = NF(donation_fields),
	.filters = donation_filters,
	.nfilters = NF(donation_filters),
	.scope_self = "t.donor_person_id = ?10",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

/* A relation is read by either person, by staff and regional admins over
 * the subject person (as a person of their org, or as a client of it). */
#define OF_PERSON_IN(scope) \
	"t.of_person_id IN (SELECT cl.person_id FROM clients cl WHERE " scope("cl.org_id") ")" \
	" OR t.of_person_id IN (SELECT pp.id FROM people pp WHERE " scope("pp.org_id") ")"
static const char *const relation_kinds[] = {"guardian", "family", "household", "employer", NULL};
static const struct field relation_fields[] = {PERSON_RELATION_FIELDS(FIELD_DESC)};
static const struct filter relation_filters[] = {
	{"of_person_id", FT_INT, "t.of_person_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity person_relation_entity = {
	.id = E_PERSON_RELATION,
	.name = "person-relations",
	.table = "person_relations",
	.fields = relation_fields,
	.nfields = NF(relation_fields),
	.filters = relation_filters,
	.nfilters = NF(relation_filters),
	.scope_self = "t.of_person_id = ?10 OR t.person_id = ?10",
	.scope_org = OF_PERSON_IN(IN_ORG_SCOPE),
	.scope_region = OF_PERSON_IN(ORG_IN_REGION_SCOPE),
};

static const char *const semester_run_states[] = {"proposed", "approved", "paid", NULL};
static const struct field semester_run_fields[] = {SEMESTER_RUN_FIELDS(FIELD_DESC)};
static const struct filter semester_run_filters[] = {
	{"fund_id", FT_INT, "t.fund_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"semester", FT_TEXT, "t.semester = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity semester_run_entity = {
	.id = E_SEMESTER_RUN,
	.name = "semester-runs",
	.table = "semester_runs",
	.fields = semester_run_fields,
	.nfields = NF(semester_run_fields),
	.filters = semester_run_filters,
	.nfilters = NF(semester_run_filters),
	.scope_self = "t.fund_id IN (SELECT fm.id FROM funds fm WHERE fm.manager_user_id = ?11)",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};
