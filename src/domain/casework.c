/* casework.c - case stages, client categories, care packages, capacity and
 * the mandatory-report rule; see casework.h. */
#include "domain/casework.h"

#include <stddef.h>
#include <string.h>

const char *const case_stage_names[] = {
	[CS_INTAKE] = "intake",
	[CS_ASSESSMENT] = "assessment",
	[CS_PLAN] = "plan",
	[CS_INTERVENTION] = "intervention",
	[CS_EVALUATION] = "evaluation",
	[CS_CLOSURE] = "closure",
	[CS__COUNT] = NULL,
};

const char *const client_category_names[] = {
	[CC_ELDERLY] = "elderly",
	[CC_LEFT_BEHIND_CHILD] = "left_behind_child",
	[CC_DISABLED] = "disabled",
	[CC_HARDSHIP_FAMILY] = "hardship_family",
	[CC_DV_VICTIM] = "dv_victim",
	[CC_STUDENT_AID] = "student_aid",
	[CC_OTHER] = "other",
	[CC__COUNT] = NULL,
};

const char *const care_level_names[] = {
	[CL_SELF_CARE] = "self_care",
	[CL_PARTIAL] = "partial",
	[CL_DEPENDENT] = "dependent",
	[CL__COUNT] = NULL,
};

const char *const school_stage_names[] = {"primary", "junior", "senior", NULL};

const char *const capacity_names[] = {
	[CAP_FULL] = "full",
	[CAP_LIMITED] = "limited",
	[CAP_NONE] = "none",
	[CAP__COUNT] = NULL,
};

static int parse(const char *const *names, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

#define PARSER(fn, type, names)                    \
	int fn(const char *name, type *out)        \
	{                                          \
		int i = parse(names, name);        \
		if (i < 0)                         \
			return -1;                 \
		if (out != NULL)                   \
			*out = (type)i;            \
		return 0;                          \
	}

PARSER(case_stage_parse, enum case_stage, case_stage_names)
PARSER(client_category_parse, enum client_category, client_category_names)
PARSER(care_level_parse, enum care_level, care_level_names)
PARSER(capacity_parse, enum capacity, capacity_names)

int case_can_move(enum case_stage from, enum case_stage to)
{
	return (unsigned)from < CS_CLOSURE && (unsigned)to < CS__COUNT && to == from + 1;
}

/* 江陵县同心村 (Tongxin village, Jiangling County, Jingzhou), as
 * 《中国社区报》 reported it (2024-12): self-care elders get daily health
 * monitoring and cultural activities; those needing some care get regular
 * home visits and regular check-ups; those who cannot care for themselves
 * get help with their care and daily life. */
static const char *const pkg_self_care[] = {"日常健康监测", "精神文化活动", NULL};
static const char *const pkg_partial[] = {"定期上门探访", "定期体检", NULL};
static const char *const pkg_dependent[] = {"照料协助", "生活协助", NULL};
static const char *const pkg_none[] = {NULL};

const char *const *care_package(enum care_level l)
{
	switch (l) {
	case CL_SELF_CARE: return pkg_self_care;
	case CL_PARTIAL: return pkg_partial;
	case CL_DEPENDENT: return pkg_dependent;
	case CL__COUNT: break;
	}
	return pkg_none;
}

enum client_rule client_check(enum client_category c, int has_care_level, int has_social_worker,
			      int has_volunteer)
{
	if (c == CC_ELDERLY && !has_care_level)
		return CR_CARE_LEVEL_REQUIRED;
	if (c != CC_ELDERLY && has_care_level)
		return CR_CARE_LEVEL_FORBIDDEN;
	if (c == CC_STUDENT_AID && !has_social_worker)
		return CR_SOCIAL_WORKER_REQUIRED;
	if (c == CC_STUDENT_AID && !has_volunteer)
		return CR_VOLUNTEER_REQUIRED;
	return CR_OK;
}

enum capacity capacity_for_age(int age_years)
{
	if (age_years < 8)
		return CAP_NONE;
	if (age_years < 18)
		return CAP_LIMITED;
	return CAP_FULL;
}

int capacity_allowed(int age_years, enum capacity c)
{
	if ((unsigned)c >= CAP__COUNT)
		return 0;
	if (age_years < 8)
		return c == CAP_NONE;
	if (age_years < 16)
		return c != CAP_FULL;
	return 1;
}

int mandatory_report_due(enum client_category c, enum capacity cap)
{
	return c == CC_DV_VICTIM && (cap == CAP_LIMITED || cap == CAP_NONE);
}
