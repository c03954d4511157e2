/* qualify.c - the qualification each work needs; see qualify.h. */
#include "domain/qualify.h"

#include <string.h>

static const struct {
	const char *name, *zh;
} levels[QL__COUNT] = {
#define X(id, nm, z) [QL_##id] = {nm, z},
	QUAL_LEVELS(X)
#undef X
};

static const struct {
	const char *name, *zh;
	enum qual_level def;
} works[QW__COUNT] = {
#define X(id, nm, z, d) [QW_##id] = {nm, z, d},
	QUAL_WORKS(X)
#undef X
};

int qual_level_parse(const char *name)
{
	for (int i = 0; name && i < QL__COUNT; i++)
		if (strcmp(levels[i].name, name) == 0)
			return i;
	return -1;
}

int qual_work_parse(const char *name)
{
	for (int i = 0; name && i < QW__COUNT; i++)
		if (strcmp(works[i].name, name) == 0)
			return i;
	return -1;
}

const char *qual_level_name(enum qual_level l)
{
	return levels[l].name;
}

const char *qual_level_zh(enum qual_level l)
{
	return levels[l].zh;
}

const char *qual_work_name(enum qual_work w)
{
	return works[w].name;
}

const char *qual_work_zh(enum qual_work w)
{
	return works[w].zh;
}

enum qual_level qual_work_default(enum qual_work w)
{
	return works[w].def;
}

int qual_case_work(const char *client_category)
{
	if (!client_category)
		return -1;
	if (strcmp(client_category, "dv_victim") == 0)
		return QW_CASE_DV;
	if (strcmp(client_category, "left_behind_child") == 0)
		return QW_CASE_CHILD;
	return -1;
}

int qual_enough(enum qual_level held, enum qual_level need)
{
	return held >= need;
}
