/* audit_log.c - reading the audit log (GET /audit, platform admins): the
 * actions an entry may name, the checks of the list's filters, and the
 * name of each entry's user. Entries are written by svc_audit and
 * store_audit in the transaction of the change they record. */
#include <string.h>

#include "service/service.h"
#include "store/store.h"

/* Every action an audit entry is written with (svc_audit's and
 * store_audit's callers); the filter `action` accepts only these. */
static const char *const audit_actions[] = {
	"create", "update", "delete", "stage", "status", "file", "login", "logout", "password_change",
	"data_export", "export", "reveal", "import", "import_dry_run", "signup", "accept", "reject", "cancel",
	"promote", "decline", "propose", "apply", "assess", "mobilize", "widen", "close", "open", "resend",
	"verify", "void", "check_in", "check_out", "pay", "approve", "resolve", "refuse", "activity", "need",
	NULL};

int audit_action_known(const char *action)
{
	for (int i = 0; audit_actions[i]; i++)
		if (strcmp(audit_actions[i], action) == 0)
			return 1;
	return 0;
}

static enum err audit_filters(struct ctx *x, struct val *f, struct errinfo *ei)
{
	(void)x;
	const struct val *action = &f[entity_filter(&audit_entity, "action")];
	const struct val *from = &f[entity_filter(&audit_entity, "from")];
	const struct val *to = &f[entity_filter(&audit_entity, "to")];
	if (action->set && !audit_action_known(action->s))
		return err_set(ei, ERR_INVALID, "action", "is not an action the audit log records");
	if (from->set && to->set && to->i < from->i)
		return err_set(ei, ERR_INVALID, "to", "must not be before from");
	return ERR_OK;
}

/* The entry's user by username and by the user's person's name. */
static enum err audit_user(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	const char *username = NULL, *name = NULL;
	int64_t uid = rec_int(r, AUDIT_USER_ID, 0);
	enum err e = uid ? store_user_label(x->c, uid, &username, &name, x->a) : ERR_OK;
	if (e)
		return err_set(ei, e, NULL, NULL);
	rec_set_text(r, AUDIT_USERNAME, username);
	rec_set_text(r, AUDIT_USER_NAME, name);
	return ERR_OK;
}

const struct resource res_audit = {
	.e = &audit_entity,
	.no_create = 1,
	.no_update = 1,
	.admin_only = 1,
	.filters = audit_filters,
	.derive = audit_user,
};
