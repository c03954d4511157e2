/* entities_records.c - descriptors for corrections of service records, a
 * volunteer's awards and evaluations, and the verify and resolve bodies
 * (model/fields_records.h). A correction and an honor are the volunteer's
 * own to read, and in the scope of the org that keeps them. */
#include <stddef.h>

#include "domain/limits.h"
#include "model/entity.h"
#include "model/scope_sql.h"

#define OWN_VOLUNTEER(col) col " IN (SELECT vs.id FROM volunteers vs WHERE vs.person_id = ?10)"

static const char *const correction_states[] = {"open", "done", "refused", NULL};
static const struct field correction_fields[] = {RECORD_CORRECTION_FIELDS(FIELD_DESC)};
static const struct filter correction_filters[] = {
	{"record_id", FT_INT, "t.record_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity record_correction_entity = {
	.id = E_RECORD_CORRECTION,
	.name = "corrections",
	.table = "record_corrections",
	.fields = correction_fields,
	.nfields = NF(correction_fields),
	.filters = correction_filters,
	.nfilters = NF(correction_filters),
	.scope_self = OWN_VOLUNTEER("t.volunteer_id"),
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

static const char *const honor_kinds[] = {"award", "commendation", "evaluation", NULL};
static const struct field honor_fields[] = {VOLUNTEER_HONOR_FIELDS(FIELD_DESC)};
static const struct filter honor_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity volunteer_honor_entity = {
	.id = E_VOLUNTEER_HONOR,
	.name = "volunteer-honors",
	.table = "volunteer_honors",
	.fields = honor_fields,
	.nfields = NF(honor_fields),
	.filters = honor_filters,
	.nfilters = NF(honor_filters),
	.scope_self = OWN_VOLUNTEER("t.volunteer_id"),
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

/* ---- action bodies (not stored) ---- */
static const struct field verify_fields[] = {RECORD_VERIFY_FIELDS(FIELD_DESC)};
const struct entity record_verify_body = {
	.id = E_RECORD_VERIFY,
	.name = "verify",
	.fields = verify_fields,
	.nfields = NF(verify_fields),
};

static const struct field resolve_fields[] = {CORRECTION_RESOLVE_FIELDS(FIELD_DESC)};
const struct entity correction_resolve_body = {
	.id = E_CORRECTION_RESOLVE,
	.name = "resolve",
	.fields = resolve_fields,
	.nfields = NF(resolve_fields),
};
