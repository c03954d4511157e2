/* pipeline.c - volunteer pipeline stages, their allowed transitions and the
 * age rule for registration. */
#include "domain/pipeline.h"

#include <string.h>

const char *const vstage_names[] = {
	[VS_APPLIED] = "applied",
	[VS_TRIAL] = "trial",
	[VS_INITIAL_TRAINING] = "initial_training",
	[VS_SELECTION] = "selection",
	[VS_INTERVIEW] = "interview",
	[VS_SKILLS_TRAINING] = "skills_training",
	[VS_REGISTERED] = "registered",
	[VS_REJECTED] = "rejected",
	[VS_WITHDRAWN] = "withdrawn",
	[VS_INACTIVE] = "inactive",
	[VS__COUNT] = NULL,
};

const char *vstage_name(enum vstage s)
{
	return (unsigned)s < VS__COUNT ? vstage_names[s] : NULL;
}

int vstage_parse(const char *name, enum vstage *out)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < VS__COUNT; i++) {
		if (strcmp(name, vstage_names[i]) == 0) {
			if (out != NULL)
				*out = (enum vstage)i;
			return 0;
		}
	}
	return -1;
}

int vstage_can_move(enum vstage from, enum vstage to)
{
	if ((unsigned)from >= VS__COUNT || (unsigned)to >= VS__COUNT || from == to)
		return 0;
	switch (from) {
	case VS_APPLIED:
	case VS_TRIAL:
	case VS_INITIAL_TRAINING:
	case VS_SELECTION:
	case VS_INTERVIEW:
	case VS_SKILLS_TRAINING:
		/* The main line runs in enum order up to registered. */
		return to == from + 1 || to == VS_REJECTED || to == VS_WITHDRAWN;
	case VS_REGISTERED:
		return to == VS_INACTIVE || to == VS_WITHDRAWN;
	case VS_INACTIVE:
		return to == VS_REGISTERED || to == VS_WITHDRAWN;
	case VS_WITHDRAWN:
		return to == VS_APPLIED;
	case VS_REJECTED:
	case VS__COUNT:
		return 0;
	}
	return 0;
}

enum age_rule volunteer_age_rule(int age_years)
{
	if (age_years < 14)
		return AGE_TOO_YOUNG;
	if (age_years < 18)
		return AGE_MINOR_CONSENT;
	return AGE_ADULT;
}
