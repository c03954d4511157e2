/* entities_import.c - the import job (model/fields_import.h). A job is its
 * author's: the user who uploaded the file reads it (platform admins read
 * every job); nobody else learns that it exists. */
#include "model/entity.h"

#define NF(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *const import_kinds[] = {"people", "clients", "donations", NULL};
static const char *const import_states[] = {"queued", "running", "done", "failed", NULL};
static const char *const import_on_existing[] = {"skip", "update", NULL};

static const struct field import_fields[] = {IMPORT_FIELDS(FIELD_DESC)};
const struct entity import_entity = {
	.id = E_IMPORT,
	.name = "imports",
	.table = "imports",
	.fields = import_fields,
	.nfields = NF(import_fields),
	.scope_self = "t.created_by = ?11",
};
