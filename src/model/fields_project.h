/* fields_project.h - the fields of service projects (项目化运作, issue 16)
 * described in model/entities_project.c, as X-macro lists (see
 * fields_core.h). Money is integer fen. */
#ifndef LD_MODEL_FIELDS_PROJECT_H
#define LD_MODEL_FIELDS_PROJECT_H

/* Bounds of a project's lists. */
#define PROJECT_MAX_PARTNERS 20
#define PROJECT_MAX_BUDGET_LINES 20
#define PROJECT_MAX_INDICATORS 30
#define PROJECT_MAX_CRITERIA 30
#define PROJECT_MAX_DOCUMENTS 20

/* A project: the implementing org (org_id) with its partners, for a funder
 * (an org, a named outside body, or both), over [starts_on, ends_on].
 * budget is [{line, amount_fen}]; budget_total_fen, when given, must be
 * their sum (and is derived from them otherwise). indicators is written
 * inline on create and read with each one's actual; spent_fen is what the
 * project's expenses took from its fund. */
#define PROJECT_FIELDS(F) \
	F(PROJECT_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(PROJECT_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = project_kinds) \
	F(PROJECT_FUNDER_ORG_ID, funder_org_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(PROJECT_FUNDER_NAME, funder_name, FT_TEXT, 0, .min = 1, .max = 200) \
	F(PROJECT_CONTRACT_NO, contract_no, FT_TEXT, 0, .min = 1, .max = 100) \
	F(PROJECT_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(PROJECT_PARTNER_ORG_IDS, partner_org_ids, FT_IDS, 0, .max = PROJECT_MAX_PARTNERS) \
	F(PROJECT_REGION_ID, region_id, FT_INT, FF_REQUIRED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(PROJECT_STARTS_ON, starts_on, FT_DATE, FF_REQUIRED) \
	F(PROJECT_ENDS_ON, ends_on, FT_DATE, FF_REQUIRED) \
	F(PROJECT_BUDGET, budget, FT_JSON, 0, .col = "budget_json") \
	F(PROJECT_BUDGET_TOTAL_FEN, budget_total_fen, FT_INT, 0, .min = 0, .max = 1e13) \
	F(PROJECT_FUND_ID, fund_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_FUND)) \
	F(PROJECT_LEAD_SOCIAL_WORKER_ID, lead_social_worker_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(PROJECT_STATUS, status, FT_ENUM, 0, .enums = project_statuses) \
	F(PROJECT_DESCRIPTION, description, FT_TEXT, 0, .max = 4000) \
	F(PROJECT_INDICATORS, indicators, FT_JSON, FF_VIRTUAL) \
	F(PROJECT_SPENT_FEN, spent_fen, FT_INT, FF_VIRTUAL | FF_SERVER) \
	F(PROJECT_CREATED_BY_USER_ID, created_by_user_id, FT_INT, FF_SERVER) \
	F(PROJECT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(PROJECT_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(PROJECT, E_PROJECT)

/* An item of a project's budget (decoded, never stored on its own). */
#define BUDGET_LINE_FIELDS(F) \
	F(BUDGET_LINE_LINE, line, FT_ENUM, FF_REQUIRED, .enums = budget_lines) \
	F(BUDGET_LINE_AMOUNT_FEN, amount_fen, FT_INT, FF_REQUIRED, .min = 0, .max = 1e12)
FIELD_KEYS(BUDGET_LINE, E_BUDGET_LINE)

/* An indicator: computed from the project's own data by its source, or
 * (manual) the latest figure reported with evidence. */
#define INDICATOR_FIELDS(F) \
	F(INDICATOR_PROJECT_ID, project_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PROJECT)) \
	F(INDICATOR_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(INDICATOR_UNIT, unit, FT_TEXT, 0, .max = 20) \
	F(INDICATOR_TARGET, target, FT_REAL, FF_REQUIRED, .min = 0, .max = 1e12) \
	F(INDICATOR_SOURCE, source, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = indicator_sources) \
	F(INDICATOR_ACTUAL, actual, FT_REAL, FF_VIRTUAL | FF_SERVER) \
	F(INDICATOR_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(INDICATOR_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(INDICATOR, E_INDICATOR)

/* A manual indicator's figure as of a date, with its evidence. */
#define INDICATOR_REPORT_FIELDS(F) \
	F(INDICATOR_REPORT_INDICATOR_ID, indicator_id, FT_INT, FF_SERVER, .ref = REF(E_INDICATOR)) \
	F(INDICATOR_REPORT_PROJECT_ID, project_id, FT_INT, FF_SERVER, .ref = REF(E_PROJECT)) \
	F(INDICATOR_REPORT_VALUE, value, FT_REAL, FF_REQUIRED, .min = 0, .max = 1e12) \
	F(INDICATOR_REPORT_AS_OF, as_of, FT_DATE, FF_REQUIRED) \
	F(INDICATOR_REPORT_EVIDENCE, evidence, FT_TEXT, FF_REQUIRED, .min = 1, .max = 4000) \
	F(INDICATOR_REPORT_REPORTED_BY_USER_ID, reported_by_user_id, FT_INT, FF_SERVER) \
	F(INDICATOR_REPORT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(INDICATOR_REPORT, E_INDICATOR_REPORT)

/* Who evaluates a project: a supervisor or a third party's account. */
#define PROJECT_EVALUATOR_FIELDS(F) \
	F(PROJECT_EVALUATOR_PROJECT_ID, project_id, FT_INT, FF_SERVER, .ref = REF(E_PROJECT)) \
	/* the user, by id or (on create, issue 18) by username: one of them */ \
	F(PROJECT_EVALUATOR_USER_ID, user_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_USER)) \
	F(PROJECT_EVALUATOR_USERNAME, username, FT_TEXT, FF_VIRTUAL | FF_FIXED, .min = 1, .max = 64) \
	F(PROJECT_EVALUATOR_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = evaluator_kinds) \
	F(PROJECT_EVALUATOR_BODY_NAME, body_name, FT_TEXT, 0, .min = 1, .max = 200) \
	F(PROJECT_EVALUATOR_ACTIVE, active, FT_BOOL, 0) \
	F(PROJECT_EVALUATOR_CREATED_BY_USER_ID, created_by_user_id, FT_INT, FF_SERVER) \
	F(PROJECT_EVALUATOR_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(PROJECT_EVALUATOR_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(PROJECT_EVALUATOR, E_PROJECT_EVALUATOR)

/* A mid-term or final evaluation (督导验收): scores by criterion
 * ([{criterion, score, max}]), findings, documents, the decision. */
#define EVALUATION_FIELDS(F) \
	F(EVALUATION_PROJECT_ID, project_id, FT_INT, FF_SERVER, .ref = REF(E_PROJECT)) \
	F(EVALUATION_STAGE, stage, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = evaluation_stages) \
	F(EVALUATION_EVALUATOR_USER_ID, evaluator_user_id, FT_INT, FF_SERVER) \
	F(EVALUATION_EVALUATOR_KIND, evaluator_kind, FT_TEXT, FF_SERVER) \
	F(EVALUATION_SCORES, scores, FT_JSON, FF_REQUIRED | FF_FIXED, .col = "scores_json") \
	F(EVALUATION_TOTAL_SCORE, total_score, FT_REAL, FF_SERVER) \
	F(EVALUATION_MAX_SCORE, max_score, FT_REAL, FF_SERVER) \
	F(EVALUATION_FINDINGS, findings, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 20000) \
	F(EVALUATION_DOCUMENTS, documents, FT_LIST, FF_FIXED, .max = PROJECT_MAX_DOCUMENTS) \
	F(EVALUATION_DECISION, decision, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = evaluation_decisions) \
	F(EVALUATION_EVALUATED_ON, evaluated_on, FT_DATE, FF_FIXED) \
	F(EVALUATION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(EVALUATION, E_EVALUATION)

/* An item of an evaluation's scores (decoded, never stored on its own). */
#define EVAL_SCORE_FIELDS(F) \
	F(EVAL_SCORE_CRITERION, criterion, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(EVAL_SCORE_SCORE, score, FT_REAL, FF_REQUIRED, .min = 0, .max = 1000) \
	F(EVAL_SCORE_MAX, max, FT_REAL, FF_REQUIRED, .min = 1, .max = 1000)
FIELD_KEYS(EVAL_SCORE, E_EVAL_SCORE)

/* Money a project spent from its fund: one journal entry of the fund
 * (expenses against cash), voided by a reversing entry. */
#define PROJECT_EXPENSE_FIELDS(F) \
	F(PROJECT_EXPENSE_PROJECT_ID, project_id, FT_INT, FF_SERVER, .ref = REF(E_PROJECT)) \
	F(PROJECT_EXPENSE_FUND_ID, fund_id, FT_INT, FF_SERVER, .ref = REF(E_FUND)) \
	F(PROJECT_EXPENSE_LINE, line, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = budget_lines) \
	F(PROJECT_EXPENSE_AMOUNT_FEN, amount_fen, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 1e12) \
	F(PROJECT_EXPENSE_MEMO, memo, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 500) \
	F(PROJECT_EXPENSE_SPENT_ON, spent_on, FT_DATE, FF_REQUIRED | FF_FIXED) \
	F(PROJECT_EXPENSE_STATUS, status, FT_TEXT, FF_SERVER) \
	F(PROJECT_EXPENSE_VOID_REASON, void_reason, FT_TEXT, FF_SERVER) \
	F(PROJECT_EXPENSE_VOIDED_AT, voided_at, FT_TIME, FF_SERVER) \
	F(PROJECT_EXPENSE_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(PROJECT_EXPENSE_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(PROJECT_EXPENSE, E_PROJECT_EXPENSE)

#endif
