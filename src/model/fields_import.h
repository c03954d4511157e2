/* fields_import.h - the fields of an import job (model/entities_import.c):
 * a sheet read into people, clients or gifts (a platform's statement into
 * a fund), its options, progress and outcome. Every field
 * is set by the server: a job is made by POST /imports from the query and
 * the file, never decoded from a body. */
#ifndef LD_MODEL_FIELDS_IMPORT_H
#define LD_MODEL_FIELDS_IMPORT_H

#define IMPORT_FIELDS(F) \
	F(IMPORT_KIND, kind, FT_ENUM, FF_SERVER, .enums = import_kinds) \
	F(IMPORT_DRY_RUN, dry_run, FT_BOOL, FF_SERVER) \
	F(IMPORT_STATUS, status, FT_ENUM, FF_SERVER, .enums = import_states) \
	F(IMPORT_PROGRESS, progress, FT_INT, FF_SERVER) \
	F(IMPORT_TOTAL, total, FT_INT, FF_SERVER) \
	F(IMPORT_CREATED, created, FT_INT, FF_SERVER) \
	F(IMPORT_UPDATED, updated, FT_INT, FF_SERVER) \
	F(IMPORT_SKIPPED, skipped, FT_INT, FF_SERVER) \
	F(IMPORT_REJECTED, rejected, FT_INT, FF_SERVER) \
	F(IMPORT_ERRORS, errors, FT_JSON, FF_SERVER) \
	F(IMPORT_MESSAGE, message, FT_TEXT, FF_SERVER) \
	F(IMPORT_FILENAME, filename, FT_TEXT, FF_SERVER, .max = 255) \
	F(IMPORT_SIZE, size, FT_INT, FF_SERVER) \
	F(IMPORT_FORMAT, format, FT_TEXT, FF_SERVER) \
	F(IMPORT_ON_EXISTING, on_existing, FT_ENUM, FF_SERVER, .enums = import_on_existing) \
	F(IMPORT_ALL_OR_NOTHING, all_or_nothing, FT_BOOL, FF_SERVER) \
	F(IMPORT_LANG, lang, FT_TEXT, FF_SERVER) \
	F(IMPORT_FUND_ID, fund_id, FT_INT, FF_SERVER, .ref = REF(E_FUND)) \
	F(IMPORT_PLATFORM, platform, FT_TEXT, FF_SERVER) \
	F(IMPORT_CREATED_BY, created_by, FT_INT, FF_SERVER) \
	F(IMPORT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(IMPORT_FINISHED_AT, finished_at, FT_TIME, FF_SERVER)
FIELD_KEYS(IMPORT, E_IMPORT)

#endif
