/* linkage.c - handlers for the linkage itself (issue 15): where each org
 * kind sits (GET /org-kinds), the qualification rules (GET
 * /qualification-rules, PUT and DELETE /qualification-rules/{work}). */
#include "domain/network.h"
#include "domain/timefmt.h"
#include "http/handlers/handlers.h"

static json_t *rule_json(const struct qual_rule *q)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b}", "work", qual_work_name(q->work), "name", qual_work_zh(q->work),
			      "min_qualification", qual_level_name(q->need), "default", qual_level_name(q->standard),
			      "changed", q->updated_at != 0);
	char at[32];
	time_format(q->updated_at, at);
	json_object_set_new(o, "updated_at", q->updated_at ? json_string(at) : json_null());
	json_object_set_new(o, "updated_by_user_id",
			    q->updated_by_user_id ? json_integer(q->updated_by_user_id) : json_null());
	return o;
}

void h_qual_rules_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct qual_rule rules[QW__COUNT];
	struct errinfo ei;
	if (svc_qual_rules(x, rules, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < QW__COUNT; i++)
		json_array_append_new(items, rule_json(&rules[i]));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void h_qual_rule_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in;
	struct qual_rule out;
	struct errinfo ei;
	if (decode_rec(r, x, &qualification_rule_body, 0, &in))
		return;
	if (svc_qual_rule_put(x, r->path_seg, &in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, rule_json(&out));
}

void h_qual_rule_delete(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	if (svc_qual_rule_delete(x, r->path_seg, &ei))
		reply_err(r, &ei);
	else
		reply_empty(r, 204);
}

/* The names whose bits are set in `set`, as a JSON array. */
static json_t *names_json(unsigned set, int n, const char *(*name)(int))
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		if ((set >> i) & 1)
			json_array_append_new(a, json_string(name(i)));
	return a;
}

/* The placement table of domain/network.c, for the forms that create an
 * org: each kind with its Chinese name, levels and parent kinds. */
void h_org_kinds(struct req *r, struct ctx *x, const void *arg)
{
	(void)x;
	(void)arg;
	json_t *items = json_array();
	for (int k = 0; k < NK__COUNT; k++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:o,s:o}", "kind", net_kind_name(k),
						       "name", net_kind_zh(k), "levels",
						       names_json(net_levels_of((enum net_kind)k), NL__COUNT, net_level_name),
						       "parent_kinds",
						       names_json(net_parents_of((enum net_kind)k), NK__COUNT, net_kind_name)));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}
