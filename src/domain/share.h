/* share.h - what a co-building link (组织联建) between two orgs shares
 * (issue 15, SPEC 3.1). A link is written by the granting org (its admins)
 * and names the partner; its kind says which of the granting org's data
 * the partner's staff may read. Reading only: a link never lets anyone
 * write. Activities are read by every signed-in user anyway, so their bit
 * is a statement of intent that adds no access; needs and volunteers'
 * public profiles are what a link opens. */
#ifndef LD_DOMAIN_SHARE_H
#define LD_DOMAIN_SHARE_H

/* What can be shared, as bits. */
#define SHARE_ACTIVITIES 1u
#define SHARE_NEEDS 2u
#define SHARE_VOLUNTEERS 4u

/* The kinds of link: API name, Chinese name, what it shares. The first is
 * the default (a link made without a kind, and every link made before
 * kinds existed: sharing needs the granting org's explicit consent). */
#define SHARE_KINDS(X)                                                                        \
	X(LIAISON, "liaison", "联络", 0)                                                       \
	X(CO_BUILDING, "co_building", "联建", SHARE_ACTIVITIES | SHARE_NEEDS | SHARE_VOLUNTEERS) \
	X(SERVICE_PARTNER, "service_partner", "服务协作", SHARE_ACTIVITIES | SHARE_NEEDS)          \
	X(VOLUNTEER_SHARE, "volunteer_share", "志愿者共享", SHARE_ACTIVITIES | SHARE_VOLUNTEERS)

enum share_kind {
#define X(id, name, zh, bits) SK_##id,
	SHARE_KINDS(X)
#undef X
	SK__COUNT
};

/* API names, NULL-terminated, in enum order (the entity's enum). */
extern const char *const share_kind_names[];

/* The kind of an API name, or -1. */
int share_kind_parse(const char *name);
const char *share_kind_name(enum share_kind k);
const char *share_kind_zh(enum share_kind k);
/* What a link of kind `name` shares (0 for an unknown name). */
unsigned share_kind_bits(const char *name);

#endif
