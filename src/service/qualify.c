/* qualify.c - qualifications gate work (issue 15): the level each work
 * needs (domain/qualify.h, as a platform admin changed it in the table
 * qualification_rules), the check the hooks of social workers, activities
 * and clients call, and the rules' read and edit. */
#include <string.h>

#include "domain/qualify.h"
#include "service/service.h"
#include "store/linkage_store.h"
#include "store/store.h"

static const struct resource res_qual_rules = {.e = &qualification_rule_body};

enum err svc_qual_needed(struct ctx *x, enum qual_work w, enum qual_level *need, struct errinfo *ei)
{
	const char *min;
	int found;
	enum err e = store_qual_rule_get(x->c, qual_work_name(w), &min, &found, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	int l = found ? qual_level_parse(min) : -1;
	*need = l >= 0 ? (enum qual_level)l : qual_work_default(w);
	return ERR_OK;
}

enum err svc_qual_require(struct ctx *x, enum qual_work w, int64_t social_worker_id, const char *field,
			  struct errinfo *ei)
{
	struct rec sw;
	enum qual_level need;
	enum err e = store_get(x->c, &sw_entity, social_worker_id, NULL, &sw, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, field, "no social worker %lld",
				(long long)social_worker_id);
	if ((e = svc_qual_needed(x, w, &need, ei)))
		return e;
	int held = qual_level_parse(rec_text(&sw, SOCIAL_WORKER_QUALIFICATION));
	if (held >= 0 && qual_enough((enum qual_level)held, need))
		return ERR_OK;
	return err_setf(ei, ERR_RULE, field, "%s needs %s (%s) or above; social worker %lld holds %s (%s)",
			qual_work_zh(w), qual_level_zh(need), qual_level_name(need), (long long)social_worker_id,
			held >= 0 ? qual_level_zh((enum qual_level)held) : "?", rec_text(&sw, SOCIAL_WORKER_QUALIFICATION));
}

enum err svc_qual_rules(struct ctx *x, struct qual_rule *out, struct errinfo *ei)
{
	struct qual_rule_row *rows;
	int n;
	enum err e = store_qual_rules(x->c, QW__COUNT * 2, &rows, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int w = 0; w < QW__COUNT; w++) {
		enum qual_level def = qual_work_default((enum qual_work)w);
		out[w] = (struct qual_rule){(enum qual_work)w, def, def, 0, 0, NULL, NULL};
		for (int i = 0; i < n; i++) {
			int l = qual_level_parse(rows[i].min_qualification);
			if (strcmp(rows[i].work, qual_work_name((enum qual_work)w)) == 0 && l >= 0) {
				out[w] = (struct qual_rule){(enum qual_work)w, (enum qual_level)l, out[w].standard,
							    rows[i].updated_at, rows[i].updated_by_user_id, NULL, NULL};
			}
		}
		if (out[w].updated_by_user_id &&
		    (e = store_user_label(x->c, out[w].updated_by_user_id, &out[w].updated_by_username,
					  &out[w].updated_by_name, x->a)))
			return err_set(ei, e, NULL, NULL);
	}
	return ERR_OK;
}

/* The rule as the audit keeps it (id: the work's index + 1). */
static struct rec *rule_rec(struct ctx *x, enum qual_work w, int l)
{
	if (l < 0)
		return NULL;
	struct rec *r = arena_alloc(x->a, sizeof *r);
	rec_init(r, &qualification_rule_body);
	r->id = w + 1;
	rec_set_text(r, QUALIFICATION_RULE_WORK, qual_work_name(w));
	rec_set_text(r, QUALIFICATION_RULE_MIN_QUALIFICATION, qual_level_name((enum qual_level)l));
	return r;
}

struct rule_write {
	enum qual_work w;
	int level; /* -1: back to the default */
};

static enum err do_rule_write(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct rule_write *rw = arg;
	const char *min;
	int found;
	enum err e = store_qual_rule_get(x->c, qual_work_name(rw->w), &min, &found, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (rw->level < 0 && !found)
		return err_setf(ei, ERR_NOT_FOUND, "work", "%s already needs its default", qual_work_name(rw->w));
	if (rw->level >= 0) {
		struct qual_rule_row r = {qual_work_name(rw->w), qual_level_name((enum qual_level)rw->level), x->now,
					  x->who ? x->who->user_id : 0};
		e = store_qual_rule_put(x->c, &r);
	} else {
		e = store_qual_rule_delete(x->c, qual_work_name(rw->w));
	}
	if (e)
		return err_set(ei, e, NULL, NULL);
	int before = found ? qual_level_parse(min) : -1;
	const char *action = rw->level < 0 ? "delete" : found ? "update" : "create";
	if ((e = svc_audit(x, action, &res_qual_rules, rw->w + 1, rule_rec(x, rw->w, before), rule_rec(x, rw->w, rw->level))))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

static enum err rule_target(struct ctx *x, const char *work, struct rule_write *rw, struct errinfo *ei)
{
	if (!access_platform(x->who))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only platform admins change the qualification rules");
	int w = qual_work_parse(work);
	if (w < 0)
		return err_setf(ei, ERR_NOT_FOUND, "work", "no work %s has a qualification rule", work ? work : "");
	rw->w = (enum qual_work)w;
	return ERR_OK;
}

enum err svc_qual_rule_put(struct ctx *x, const char *work, const struct rec *in, struct qual_rule *out,
			   struct errinfo *ei)
{
	struct rule_write rw = {0, qual_level_parse(rec_text(in, QUALIFICATION_RULE_MIN_QUALIFICATION))};
	enum err e = rule_target(x, work, &rw, ei);
	if (e || (e = svc_tx(x, do_rule_write, &rw, ei)))
		return e;
	*out = (struct qual_rule){rw.w,
				  (enum qual_level)rw.level,
				  qual_work_default(rw.w),
				  x->now,
				  x->who ? x->who->user_id : 0,
				  x->who ? x->who->username : NULL,
				  x->who && x->who->person_id ? svc_person_name(x, x->who->person_id) : NULL};
	return ERR_OK;
}

enum err svc_qual_rule_delete(struct ctx *x, const char *work, struct errinfo *ei)
{
	struct rule_write rw = {0, -1};
	enum err e = rule_target(x, work, &rw, ei);
	return e ? e : svc_tx(x, do_rule_write, &rw, ei);
}
