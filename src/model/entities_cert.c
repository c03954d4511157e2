/* entities_cert.c - certificates of service hours (model/fields_cert.h).
 * A certificate is read by its volunteer, by staff of its issuing org's
 * subtree and by regional admins over that org; anyone may check it by its
 * code through the public lookup (service/certificates.c), which answers
 * only what verifying needs. */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const certificate_states[] = {"valid", "revoked", NULL};

static const struct field certificate_fields[] = {CERTIFICATE_FIELDS(FIELD_DESC)};
static const struct filter certificate_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
};
const struct entity certificate_entity = {
	.id = E_CERTIFICATE,
	.name = "certificates",
	.table = "certificates",
	.fields = certificate_fields,
	.nfields = NF(certificate_fields),
	.filters = certificate_filters,
	.nfilters = NF(certificate_filters),
	.scope_self = "t.volunteer_id IN (SELECT vs.id FROM volunteers vs WHERE vs.person_id = ?10)",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};
