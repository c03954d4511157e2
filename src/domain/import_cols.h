/* import_cols.h - how an office's sheet of people (or of clients), or a
 * fundraising platform's statement of gifts, maps onto Liandong: the one
 * table of column headers (the Chinese ones offices and platforms write,
 * and the API field names), the cell values written in Chinese (性别 男/女,
 * 职业资格 助理社会工作师, 是/否, 匿名), and the messages of an import in both
 * languages.
 *
 * Pure: no store, no I/O. The service (service/import.c) reads the sheet,
 * asks this table what each header means and what each cell says, and
 * sends every row through the same create/update path as the API. */
#ifndef LD_DOMAIN_IMPORT_COLS_H
#define LD_DOMAIN_IMPORT_COLS_H

#include <stddef.h>

/* What a column fills. */
enum import_col {
	IC_NAME,		/* person.name */
	IC_ID_NUMBER,		/* person.id_number: the key of a re-import */
	IC_PHONE,
	IC_GENDER,		/* 男/女 or male/female */
	IC_BIRTH_DATE,
	IC_ADDRESS,
	IC_SKILLS,		/* items separated by 、,，;；/ or spaces */
	IC_ROLE,		/* 志愿者 or 社工: whose org 所属组织 names */
	IC_ORG,			/* 所属组织: the volunteer's org (or the social worker's, with IC_ROLE) */
	IC_SW_ORG,		/* the social worker's org */
	IC_QUALIFICATION,	/* the social worker's qualification */
	IC_CERTIFICATE_NO,
	IC_GUARDIAN_NAME,
	IC_GUARDIAN_CONSENT,	/* 是/否 */
	IC_VOLUNTEER_NO,	/* known, but assigned by Liandong: reported, not kept */
	/* kind=clients: the client's record beside the person's */
	IC_CLIENT_ORG,		/* the client's org (by id or exact name) */
	IC_CATEGORY,		/* 服务对象类别: 老年人, 留守儿童 ... */
	IC_CARE_LEVEL,		/* 自理 / 半自理 / 不能自理 */
	IC_CONSENT,		/* 是/否 */
	IC_CAPACITY,		/* 完全 / 限制 / 无民事行为能力 */
	IC_SOCIAL_WORKER,	/* the social worker following the client: name within the org, or id */
	/* kind=donations: a platform's statement, one gift a row */
	IC_PLATFORM_REF,	/* the platform's transaction: the key of a re-import */
	IC_AMOUNT,		/* in yuan as written ("1,000.50"): the gift's amount_fen */
	IC_DONOR_NAME,		/* blank or 匿名: an anonymous gift */
	IC_RECEIVED_ON,		/* a date, with or without a time after it */
	IC_PLATFORM,		/* the platform's name: overrides the job's option */
	IC_PURPOSE,		/* the donor's message */
	IC__COUNT,
};

/* Where a column's value goes. */
enum import_target { IT_PERSON, IT_VOLUNTEER, IT_SOCIAL_WORKER, IT_ROLE, IT_NONE, IT_CLIENT, IT_DONATION };

/* What a sheet holds (the import's `kind`), as a bit of import_col_def.kinds. */
enum import_kind { IK_PEOPLE = 1, IK_CLIENTS = 2, IK_DONATIONS = 4 };

struct import_col_def {
	enum import_col col;
	enum import_target target;
	const char *field;		/* the API field it fills on its target (NULL: none) */
	const char *const *headers;	/* NULL-terminated: the API name first */
	unsigned kinds;			/* the kinds of sheet that have it (IK_*) */
	int lookup;			/* the cell names a record the service looks up (org, social worker) */
	unsigned required;		/* the kinds of sheet that cannot do without it (IK_*) */
};

/* The definition of header h (as written in the file: surrounding spaces, a
 * trailing required-mark '*' and ASCII case are ignored) in a sheet of
 * `kind` (IK_*), or NULL when no column of that kind is known by that name. */
const struct import_col_def *import_col_find(const char *h, enum import_kind kind);
/* The kind named s ("people", "clients", "donations"), or 0. */
enum import_kind import_kind_parse(const char *s);
const struct import_col_def *import_col_def(enum import_col c);
/* The usual Chinese header of c ("身份证号"), for a message about a column
 * the sheet lacks. */
const char *import_col_label(enum import_col c);

/* Cell values, normalised into out (the API's value) or -1 when the text
 * is none of the accepted ones. */
int import_gender(const char *s, const char **out);		/* "male"/"female" */
int import_qualification(const char *s, const char **out);	/* none/assistant/intermediate/senior */
int import_bool(const char *s, const char **out);		/* "true"/"false" */
int import_role(const char *s, int *social_worker);		/* 志愿者 0, 社工 1 */
/* A client's category, care level and capacity as offices write them
 * (老年人, 留守儿童, 困境儿童, 残疾人 ...; 自理/半自理/不能自理; 完全/限制/无民事
 * 行为能力) or as the API names them: the API's value. */
int import_client_category(const char *s, const char **out);
int import_care_level(const char *s, const char **out);
int import_capacity(const char *s, const char **out);
/* A date as offices write it (1980-01-31, 1980/1/31, 1980.1.31, 1980年1月31日)
 * as "YYYY-MM-DD" into out[11]; -1 when it is not one. */
int import_date(const char *s, char out[11]);
/* The same, with a time of day after the date as statements write it
 * ("2026-09-01 10:23:45", "2026/9/1 9:05", "2026-09-01T10:23:45.5"): its
 * day; -1 when the date or the time is not one. */
int import_date_time(const char *s, char out[11]);
/* 1 when a donor's name says the donor is anonymous (匿名, 匿名用户, 爱心网友,
 * anonymous), else 0. */
int import_anonymous(const char *s);
/* Skills "急救、驾驶, 心理疏导" as items separated by '\n' into out (cap
 * bytes); returns the length, or -1 when it does not fit. */
int import_skills(const char *s, char *out, size_t cap);

/* Messages of the importer itself. */
enum import_msg {
	IM_UNKNOWN_HEADER,	/* {col} */
	IM_DUP_HEADER,
	IM_MISSING_COLUMN,	/* the sheet has no {col} column */
	IM_NO_ROWS,
	IM_ID_AS_NUMBER,
	IM_FORMULA,
	IM_ERROR_CELL,
	IM_ID_REQUIRED,
	IM_DUP_IN_FILE,		/* {val}: the earlier row */
	IM_GENDER,
	IM_DATE,
	IM_BOOL,
	IM_QUALIFICATION,
	IM_ROLE,
	IM_ORG_UNKNOWN,		/* {val}: the name */
	IM_ORG_AMBIGUOUS,
	IM_VOLUNTEER_NO_IGNORED,
	IM_SKILLS,
	IM_HEADER_ERRORS,	/* nothing written: the header has errors */
	IM_ALL_OR_NOTHING,	/* nothing written: some rows have errors */
	IM_CATEGORY,
	IM_CARE_LEVEL,
	IM_CAPACITY,
	IM_SW_UNKNOWN,		/* {val}: the name */
	IM_SW_AMBIGUOUS,
	IM_AMOUNT,		/* not an amount in yuan */
	IM_DATE_TIME,		/* not a date, with or without a time */
	IM_REF_DUP_IN_FILE,	/* {val}: the earlier row */
	IM_REF_AMOUNT_DIFFERS,	/* {val}: the reference, {val2}: the amount recorded */
	IM_REF_OTHER_FUND,	/* {val}: the reference */
	IM_REF_VOIDED,		/* {val}: the reference */
	IM__COUNT,
};

/* The template of m in lang ("zh" or "en"): {col} stands for the column's
 * header as written in the file, {val} for a value. */
const char *import_msg_text(enum import_msg m, const char *lang);

/* The Chinese wording of an error the API gave a row (field and API code as
 * in docs/API.md, e.g. "id_number", "invalid_value"), or NULL when there is
 * none: the caller then prefixes the API's own message. */
const char *import_api_msg_zh(const char *field, const char *code);

/* tmpl with {col}, {val} and {val2} replaced, into out (cap bytes,
 * truncated); import_msg_fill leaves {val2} empty. */
void import_msg_fill2(const char *tmpl, const char *col, const char *val, const char *val2, char *out, size_t cap);
void import_msg_fill(const char *tmpl, const char *col, const char *val, char *out, size_t cap);

#endif
