/* casework.h - the rules of casework (个案).
 *
 * Case stages follow MZ/T 094-2017: intake (接案) -> assessment (预估) ->
 * plan (计划) -> intervention (介入) -> evaluation (评估) -> closure (结案),
 * one step forward at a time; closure is final.
 *
 * Client categories, and what each requires:
 * - elderly: a care level (自理 self_care / 半自理 partial / 不能自理
 *   dependent), which gives the default service package of care_package();
 *   no other category has a care level;
 * - student_aid: followed by exactly one social worker and one volunteer.
 *
 * Legal capacity (民事行为能力, Civil Code Art. 17-22): under 8 none; 8-17
 * limited (16-17 living on their own earnings count as full, Art. 18, so
 * full is accepted from 16); adults full unless a court declared otherwise,
 * so an adult may be recorded with any capacity.
 *
 * Anti-Domestic Violence Law Art. 14: a suspected domestic-violence case
 * against a person without full capacity must be reported to the police;
 * a client of category dv_victim with capacity limited or none raises a
 * mandatory-report task. */
#ifndef LD_DOMAIN_CASEWORK_H
#define LD_DOMAIN_CASEWORK_H

enum case_stage {
	CS_INTAKE,
	CS_ASSESSMENT,
	CS_PLAN,
	CS_INTERVENTION,
	CS_EVALUATION,
	CS_CLOSURE,
	CS__COUNT
};

enum client_category {
	CC_ELDERLY,
	CC_LEFT_BEHIND_CHILD,
	CC_DISABLED,
	CC_HARDSHIP_FAMILY,
	CC_DV_VICTIM,
	CC_STUDENT_AID,
	CC_OTHER,
	CC__COUNT
};

enum care_level { CL_SELF_CARE, CL_PARTIAL, CL_DEPENDENT, CL__COUNT };

enum capacity { CAP_FULL, CAP_LIMITED, CAP_NONE, CAP__COUNT };

/* NULL-terminated name lists in enum order (for validators). */
extern const char *const case_stage_names[];
extern const char *const client_category_names[];
extern const char *const care_level_names[];
extern const char *const capacity_names[];
/* A student-aid client's school stage (seed 004: 小学, 初中, 高中). */
extern const char *const school_stage_names[];

/* Parse an API name into the enum; 0 and *out set, or -1 if unknown/NULL. */
int case_stage_parse(const char *name, enum case_stage *out);
int client_category_parse(const char *name, enum client_category *out);
int care_level_parse(const char *name, enum care_level *out);
int capacity_parse(const char *name, enum capacity *out);

/* 1 if a case may move from `from` to `to`: exactly one step forward. */
int case_can_move(enum case_stage from, enum case_stage to);

/* The default service package of a care level (as 江陵县同心村 serves its
 * elders, see casework.c), as a NULL-terminated list of Chinese service
 * names; an empty list for an unknown level. */
const char *const *care_package(enum care_level l);

/* What a client's category demands of its other fields. */
enum client_rule {
	CR_OK,
	CR_CARE_LEVEL_REQUIRED,		/* elderly without a care level */
	CR_CARE_LEVEL_FORBIDDEN,	/* a care level on a non-elderly client */
	CR_SOCIAL_WORKER_REQUIRED,	/* student aid without its social worker */
	CR_VOLUNTEER_REQUIRED,		/* student aid without its volunteer */
};
enum client_rule client_check(enum client_category c, int has_care_level, int has_social_worker,
			      int has_volunteer);

/* The capacity presumed at an age, and whether `c` may be recorded at it. */
enum capacity capacity_for_age(int age_years);
int capacity_allowed(int age_years, enum capacity c);

/* 1 when a client of category `c` and capacity `cap` needs a mandatory
 * report (Anti-Domestic Violence Law Art. 14). */
int mandatory_report_due(enum client_category c, enum capacity cap);

#endif
