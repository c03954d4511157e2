/* fields_funds.h - the fields of the entities described in
 * model/entities_funds.c: funds and the donations recorded into them
 * (issue 14). Money is integer fen (domain/money.h). One line a field, as
 * in fields_service.h. */
#ifndef LD_MODEL_FIELDS_FUNDS_H
#define LD_MODEL_FIELDS_FUNDS_H

/* A fund of an org: pooled (不定向), directed (定向) or student aid (爱青助学);
 * the three semester standards are what a student-aid run pays a student of
 * each school stage. balance_fen is the fund's cash, kept by the ledger. */
#define FUND_FIELDS(F) \
	F(FUND_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(FUND_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(FUND_PURPOSE, purpose, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = fund_purposes) \
	F(FUND_MANAGER_USER_ID, manager_user_id, FT_INT, FF_REQUIRED, .min = 1, .max = 9e15, .ref = REF(E_USER)) \
	F(FUND_DESCRIPTION, description, FT_TEXT, 0, .max = 2000) \
	F(FUND_STANDARD_PRIMARY_FEN, standard_primary_fen, FT_INT, 0, .min = 0, .max = 1e12) \
	F(FUND_STANDARD_JUNIOR_FEN, standard_junior_fen, FT_INT, 0, .min = 0, .max = 1e12) \
	F(FUND_STANDARD_SENIOR_FEN, standard_senior_fen, FT_INT, 0, .min = 0, .max = 1e12) \
	F(FUND_BALANCE_FEN, balance_fen, FT_INT, FF_SERVER) \
	F(FUND_CREATED_BY_USER_ID, created_by_user_id, FT_INT, FF_SERVER) \
	F(FUND_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	/* the manager by name for the fund's page (issue 18; not in the audit) */ \
	F(FUND_MANAGER_USERNAME, manager_username, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(FUND_MANAGER_NAME, manager_name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(FUND, E_FUND)

/* A gift recorded into a fund (慈善法 Art. 27, 38): by channel, with the
 * receipt's number (per org, in sequence) unless the donor is anonymous or
 * declines it. Append-only: a mistake is voided, never edited. */
#define DONATION_FIELDS(F) \
	F(DONATION_FUND_ID, fund_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_FUND)) \
	F(DONATION_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(DONATION_AMOUNT_FEN, amount_fen, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 1e12) \
	F(DONATION_CHANNEL, channel, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = donation_channels) \
	F(DONATION_DONOR_KIND, donor_kind, FT_ENUM, FF_FIXED, .enums = donor_kinds) \
	F(DONATION_DONOR_NAME, donor_name, FT_TEXT, FF_FIXED, .min = 1, .max = 200) \
	F(DONATION_ANONYMOUS, anonymous, FT_BOOL, FF_FIXED) \
	F(DONATION_DONOR_PERSON_ID, donor_person_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(DONATION_RECEIVED_ON, received_on, FT_DATE, FF_REQUIRED | FF_FIXED) \
	F(DONATION_PURPOSE, purpose, FT_TEXT, FF_FIXED, .max = 500) \
	F(DONATION_PLATFORM, platform, FT_TEXT, FF_FIXED, .min = 1, .max = 100) \
	F(DONATION_PLATFORM_REF, platform_ref, FT_TEXT, FF_FIXED, .min = 1, .max = 100) \
	F(DONATION_BANK_REF, bank_ref, FT_TEXT, FF_FIXED, .min = 1, .max = 100) \
	F(DONATION_ITEM_DESCRIPTION, item_description, FT_TEXT, FF_FIXED, .min = 1, .max = 1000) \
	F(DONATION_VALUED_BY, valued_by, FT_TEXT, FF_FIXED, .min = 1, .max = 100) \
	F(DONATION_VALUATION_BASIS, valuation_basis, FT_TEXT, FF_FIXED, .max = 500) \
	F(DONATION_RECEIPT_DECLINED, receipt_declined, FT_BOOL, FF_FIXED) \
	F(DONATION_BENEFICIARY_CLIENT_ID, beneficiary_client_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_CLIENT)) \
	F(DONATION_NO_INTEREST_DECLARED, no_interest_declared, FT_BOOL, FF_FIXED) \
	F(DONATION_RECEIPT_NO, receipt_no, FT_TEXT, FF_SERVER) \
	F(DONATION_STATEMENT_CODE, statement_code, FT_TEXT, FF_SERVER) \
	F(DONATION_STATUS, status, FT_ENUM, FF_SERVER, .enums = donation_states) \
	F(DONATION_VOID_REASON, void_reason, FT_TEXT, FF_SERVER) \
	F(DONATION_VOIDED_AT, voided_at, FT_TIME, FF_SERVER) \
	F(DONATION_IDEM_KEY, idem_key, FT_TEXT, FF_HIDDEN) \
	F(DONATION_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(DONATION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	/* who recorded it, by name (issue 18; not in the audit) */ \
	F(DONATION_RECORDED_BY_USERNAME, recorded_by_username, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(DONATION_RECORDED_BY_NAME, recorded_by_name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(DONATION, E_DONATION)

/* A semester's student aid from a student-aid fund (seed 004): proposed
 * with its items (each student's payment, from directed gifts first, then
 * the pool), approved by a second person (four eyes), paid with the bank's
 * reference. items is read from semester_run_items. */
#define SEMESTER_RUN_FIELDS(F) \
	F(SEMESTER_RUN_FUND_ID, fund_id, FT_INT, FF_SERVER, .ref = REF(E_FUND)) \
	F(SEMESTER_RUN_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(SEMESTER_RUN_SEMESTER, semester, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 11, .max = 11) \
	F(SEMESTER_RUN_STATUS, status, FT_ENUM, FF_SERVER, .enums = semester_run_states) \
	F(SEMESTER_RUN_TOTAL_FEN, total_fen, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_STUDENTS, students, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_UNFUNDED, unfunded, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_ITEMS, items, FT_JSON, FF_SERVER | FF_VIRTUAL) \
	F(SEMESTER_RUN_PROPOSED_BY_USER_ID, proposed_by_user_id, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_APPROVED_BY_USER_ID, approved_by_user_id, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_APPROVED_AT, approved_at, FT_TIME, FF_SERVER) \
	F(SEMESTER_RUN_PAID_BY_USER_ID, paid_by_user_id, FT_INT, FF_SERVER) \
	F(SEMESTER_RUN_PAID_AT, paid_at, FT_TIME, FF_SERVER) \
	F(SEMESTER_RUN_BANK_REF, bank_ref, FT_TEXT, FF_SERVER) \
	F(SEMESTER_RUN_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(SEMESTER_RUN, E_SEMESTER_RUN)

/* That person_id is the `kind` of of_person_id (a student's guardian, a
 * family or household member, an employer): what the Art. 40 check of a
 * directed gift reads. POST /people/{of_person_id}/relations. */
#define PERSON_RELATION_FIELDS(F) \
	F(PERSON_RELATION_OF_PERSON_ID, of_person_id, FT_INT, FF_SERVER, .ref = REF(E_PERSON)) \
	F(PERSON_RELATION_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(PERSON_RELATION_KIND, kind, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = relation_kinds) \
	F(PERSON_RELATION_NOTE, note, FT_TEXT, FF_FIXED, .max = 500) \
	F(PERSON_RELATION_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(PERSON_RELATION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(PERSON_RELATION, E_PERSON_RELATION)

#endif
