/* pipeline.h - the volunteer pipeline: the enrolment steps (入队程序) of a
 * Dongguan town's 龙城飞鹰 school volunteer scheme, as the slides
 * 《社工+志愿者联动机制的探索》 present them.
 *
 * Main line, one step at a time, no skipping:
 *   applied -> trial -> initial_training -> selection -> interview
 *           -> skills_training -> registered
 * Side exits:
 *   any stage before registered -> rejected | withdrawn
 *   registered -> inactive | withdrawn
 *   inactive   -> registered (returns to service) | withdrawn
 *   withdrawn  -> applied (applies again)
 *   rejected is final.
 * Age rules (志愿服务条例): under 14 may not register; 14-17 need a
 * guardian's recorded consent; 18 and over are adults. */
#ifndef LD_DOMAIN_PIPELINE_H
#define LD_DOMAIN_PIPELINE_H

enum vstage {
	VS_APPLIED,
	VS_TRIAL,
	VS_INITIAL_TRAINING,
	VS_SELECTION,
	VS_INTERVIEW,
	VS_SKILLS_TRAINING,
	VS_REGISTERED,
	VS_REJECTED,
	VS_WITHDRAWN,
	VS_INACTIVE,
	VS__COUNT
};

/* API name of a stage ("initial_training"), or NULL if out of range. */
const char *vstage_name(enum vstage s);

/* Parse an API name; returns 0 and sets *out, or -1 if unknown. */
int vstage_parse(const char *name, enum vstage *out);

/* 1 if a volunteer may move from `from` to `to`, else 0 (same stage: 0). */
int vstage_can_move(enum vstage from, enum vstage to);

/* The NULL-terminated list of stage names, in enum order (for validators). */
extern const char *const vstage_names[];

enum age_rule {
	AGE_ADULT,		/* 18 or over */
	AGE_MINOR_CONSENT,	/* 14-17: guardian consent required */
	AGE_TOO_YOUNG,		/* under 14: may not register */
};

enum age_rule volunteer_age_rule(int age_years);

#endif
