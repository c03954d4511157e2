/* roles.c - role names and bindings. */
#include "domain/roles.h"

#include <string.h>

const char *const role_names[] = {
	"platform_admin", "regional_admin", "org_admin", "supervisor", "social_worker",
	"volunteer", "resident", "donor", NULL,
};

int role_parse(const char *name)
{
	for (int i = 0; role_names[i]; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

enum role_binding role_binding(enum role r)
{
	switch (r) {
	case R_PLATFORM_ADMIN: return BIND_NONE;
	case R_REGIONAL_ADMIN: return BIND_REGION;
	case R_ORG_ADMIN:
	case R_SUPERVISOR:
	case R_SOCIAL_WORKER: return BIND_ORG;
	default: return BIND_ORG_OPTIONAL;
	}
}
