/* roles.h - the roles (docs/PRODUCT.md, "Who uses it") and what each may
 * be bound to. */
#ifndef LD_DOMAIN_ROLES_H
#define LD_DOMAIN_ROLES_H

enum role {
	R_PLATFORM_ADMIN,
	R_REGIONAL_ADMIN,
	R_ORG_ADMIN,
	R_SUPERVISOR,
	R_SOCIAL_WORKER,
	R_VOLUNTEER,
	R_RESIDENT,
	R_DONOR,
	R__COUNT
};

#define RB(r) (1u << (r))
/* Org-bound staff: they read the people of their org subtree. */
#define ROLES_ORG_STAFF (RB(R_ORG_ADMIN) | RB(R_SUPERVISOR) | RB(R_SOCIAL_WORKER))

enum role_binding { BIND_NONE, BIND_REGION, BIND_ORG, BIND_ORG_OPTIONAL };

extern const char *const role_names[];	/* NULL-terminated, enum order */

/* Parse a role name; -1 if unknown. */
int role_parse(const char *name);
/* What a role must be bound to. */
enum role_binding role_binding(enum role r);

#endif
