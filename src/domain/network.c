/* network.c - the placement table of organisations; see network.h. */
#include "domain/network.h"

#include <stdio.h>
#include <string.h>

#define L(x) (1u << NL_##x)
#define K(x) (1u << NK_##x)
#define ANY_LEVEL (L(CITY) | L(DISTRICT) | L(TOWN) | L(COMMUNITY))
#define ANY_KIND ((1u << NK__COUNT) - 1)

static const char *const level_names[NL__COUNT] = {
#define X(id, name) [NL_##id] = name,
	NET_LEVELS(X)
#undef X
};

static const struct {
	const char *name, *zh;
	unsigned levels, parents;
} kinds[NK__COUNT] = {
	/* the social-work chain: departments at city and county, stations in
	 * towns and streets, rooms in communities and villages */
	[NK_SW_DEPT] = {"social_work_dept", "社会工作部", L(CITY) | L(DISTRICT), K(SW_DEPT) | K(GOVERNMENT)},
	[NK_SW_STATION] = {"social_work_station", "社工站", L(TOWN), K(SW_DEPT) | K(GOVERNMENT)},
	[NK_SW_ROOM] = {"social_work_room", "社工室", L(COMMUNITY), K(SW_STATION)},
	/* agencies register with civil affairs at city, county or town level;
	 * a branch sits under its agency */
	[NK_SW_AGENCY] = {"sw_agency", "社工机构", L(CITY) | L(DISTRICT) | L(TOWN), K(SW_AGENCY)},
	/* hubs and associations above the community; teams anywhere, under
	 * whoever forms them */
	[NK_VOL_HUB] = {"volunteer_hub", "志愿服务中心", L(CITY) | L(DISTRICT) | L(TOWN),
			K(VOL_HUB) | K(GOVERNMENT) | K(SW_DEPT) | K(PRACTICE_CENTER)},
	[NK_VOL_TEAM] = {"volunteer_team", "志愿服务队", ANY_LEVEL, ANY_KIND & ~K(SW_DEPT)},
	/* practice centres (county) and institutes (town); stations in towns
	 * and villages under them */
	[NK_PRACTICE_CENTER] = {"practice_center", "新时代文明实践中心/所", L(DISTRICT) | L(TOWN),
				K(PRACTICE_CENTER) | K(GOVERNMENT)},
	[NK_PRACTICE_STATION] = {"practice_station", "新时代文明实践站", L(TOWN) | L(COMMUNITY), K(PRACTICE_CENTER)},
	[NK_GOVERNMENT] = {"government", "政府部门或群团组织", ANY_LEVEL, K(GOVERNMENT)},
	[NK_ENTERPRISE] = {"enterprise", "企业", ANY_LEVEL, K(ENTERPRISE)},
	[NK_SCHOOL] = {"school", "学校", ANY_LEVEL, K(SCHOOL) | K(GOVERNMENT)},
	[NK_OTHER] = {"other", "其他", ANY_LEVEL, ANY_KIND},
};

int net_kind_parse(const char *name)
{
	for (int i = 0; name && i < NK__COUNT; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return i;
	return -1;
}

int net_level_parse(const char *name)
{
	for (int i = 0; name && i < NL__COUNT; i++)
		if (strcmp(level_names[i], name) == 0)
			return i;
	return -1;
}

const char *net_kind_name(int k)
{
	return kinds[k].name;
}

const char *net_kind_zh(int k)
{
	return kinds[k].zh;
}

const char *net_level_name(int l)
{
	return level_names[l];
}

unsigned net_levels_of(enum net_kind k)
{
	return kinds[k].levels;
}

unsigned net_parents_of(enum net_kind k)
{
	return kinds[k].parents;
}

/* "a, b or c" of the names whose bits are set in `set`. */
static void names_of(unsigned set, int n, const char *(*name)(int), char *out, size_t size)
{
	size_t len = 0;
	int total = 0, seen = 0;
	for (int i = 0; i < n; i++)
		total += (set >> i) & 1;
	out[0] = 0;
	for (int i = 0; i < n && len < size; i++) {
		if (!((set >> i) & 1))
			continue;
		const char *sep = seen == 0 ? "" : seen == total - 1 ? " or " : ", ";
		int w = snprintf(out + len, size - len, "%s%s", sep, name(i));
		if (w < 0)
			break;
		len += (size_t)w;
		seen++;
	}
}

int net_place_check(int kind, int level, int parent_kind, const char **field, char *msg, size_t n)
{
	char allowed[256];
	if (kind < 0 || kind >= NK__COUNT || level < 0 || level >= NL__COUNT) {
		*field = kind < 0 || kind >= NK__COUNT ? "kind" : "region_id";
		snprintf(msg, n, "unknown kind or region level");
		return -1;
	}
	if (!(kinds[kind].levels & (1u << level))) {
		names_of(kinds[kind].levels, NL__COUNT, net_level_name, allowed, sizeof allowed);
		*field = "region_id";
		snprintf(msg, n, "a %s sits at a region of level %s, not %s", kinds[kind].name, allowed, level_names[level]);
		return -1;
	}
	if (parent_kind >= 0 && (parent_kind >= NK__COUNT || !(kinds[kind].parents & (1u << parent_kind)))) {
		if (kinds[kind].parents == 0)
			snprintf(allowed, sizeof allowed, "none");
		else
			names_of(kinds[kind].parents, NK__COUNT, net_kind_name, allowed, sizeof allowed);
		*field = "parent_id";
		snprintf(msg, n, "a %s's parent is a %s, not a %s", kinds[kind].name, allowed,
			 parent_kind < NK__COUNT ? kinds[parent_kind].name : "?");
		return -1;
	}
	return 0;
}
