/* network.h - where each kind of organisation may sit in the three-level
 * network (issue 15, SPEC 3.1): the region levels it may be registered at
 * and the kinds of parent it may have. Seeds 000 and 001 build the chain
 * city/district social-work department (社会工作部) -> town social work
 * station (乡镇街道社工站) -> community social work room (村社区社工室), with
 * civilisation practice centres (实践中心/所, county and town) over their
 * stations (实践站, town and village), volunteer hubs (志愿服务中心/联合会)
 * over the teams, and agencies (社工机构) registered with civil affairs at
 * city, county or town level. An org may have no parent (a root of its own
 * tree); when it has one, the parent's kind must be one this table allows,
 * and the org's region must lie inside the parent's. */
#ifndef LD_DOMAIN_NETWORK_H
#define LD_DOMAIN_NETWORK_H

#include <stddef.h>

#define NET_LEVELS(X) \
	X(CITY, "city")       \
	X(DISTRICT, "district") \
	X(TOWN, "town")       \
	X(COMMUNITY, "community")

enum net_level {
#define X(id, name) NL_##id,
	NET_LEVELS(X)
#undef X
	NL__COUNT
};

/* The org kinds of SPEC 3.1, in the order of the API's enum. */
#define NET_KINDS(X)                                   \
	X(SW_DEPT, "social_work_dept", "社会工作部")       \
	X(SW_STATION, "social_work_station", "社工站")     \
	X(SW_ROOM, "social_work_room", "社工室")           \
	X(SW_AGENCY, "sw_agency", "社工机构")              \
	X(VOL_HUB, "volunteer_hub", "志愿服务中心")        \
	X(VOL_TEAM, "volunteer_team", "志愿服务队")        \
	X(PRACTICE_CENTER, "practice_center", "新时代文明实践中心/所") \
	X(PRACTICE_STATION, "practice_station", "新时代文明实践站") \
	X(GOVERNMENT, "government", "政府部门或群团组织")  \
	X(ENTERPRISE, "enterprise", "企业")                \
	X(SCHOOL, "school", "学校")                        \
	X(OTHER, "other", "其他")

enum net_kind {
#define X(id, name, zh) NK_##id,
	NET_KINDS(X)
#undef X
	NK__COUNT
};

/* The kind or level of an API name, or -1. */
int net_kind_parse(const char *name);
int net_level_parse(const char *name);
/* (int, not the enums: they serve as callbacks over bit sets) */
const char *net_kind_name(int k);
const char *net_kind_zh(int k);
const char *net_level_name(int l);

/* Bit sets over the levels and kinds. */
unsigned net_levels_of(enum net_kind k);
unsigned net_parents_of(enum net_kind k);

/* An org of `kind` at region level `level` under a parent of `parent_kind`
 * (-1: no parent): 0 when the table allows it; otherwise -1 with *field
 * ("region_id" or "parent_id") and a message naming what is allowed,
 * written into msg (n bytes). */
int net_place_check(int kind, int level, int parent_kind, const char **field, char *msg, size_t n);

#endif
