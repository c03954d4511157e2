/* test_model.c - the entity descriptors and their typed field keys: every
 * key is its entity's prefix and its JSON name in capitals, every table has
 * a descriptor at every index, a key reads its own field, and a key used on
 * a record of another entity aborts rather than reading a wrong column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>

#include "domain/roles.h"
#include "model/entity.h"

struct key_name {
	int key;
	const char *key_text, *name;
};

#define KEY_NAME(key, nm, ...) {key, #key, #nm},
static const struct key_name all_keys[] = {
	REGION_FIELDS(KEY_NAME) ORG_FIELDS(KEY_NAME) ORG_LINK_FIELDS(KEY_NAME) PERSON_FIELDS(KEY_NAME)
	SOCIAL_WORKER_FIELDS(KEY_NAME) VOLUNTEER_FIELDS(KEY_NAME) STAGE_EVENT_FIELDS(KEY_NAME)
	USER_FIELDS(KEY_NAME) AUDIT_FIELDS(KEY_NAME) COURSE_FIELDS(KEY_NAME) COURSE_SESSION_FIELDS(KEY_NAME)
	SESSION_ATTENDANCE_FIELDS(KEY_NAME) COMPLETION_FIELDS(KEY_NAME) ACTIVITY_FIELDS(KEY_NAME)
	POSITION_FIELDS(KEY_NAME) SHIFT_FIELDS(KEY_NAME) SIGNUP_FIELDS(KEY_NAME) ATTENDANCE_FIELDS(KEY_NAME)
	SERVICE_RECORD_FIELDS(KEY_NAME) SERVICE_MENU_FIELDS(KEY_NAME) NEED_FIELDS(KEY_NAME)
	NEED_EVENT_FIELDS(KEY_NAME) CLIENT_FIELDS(KEY_NAME) CLIENT_STAGE_EVENT_FIELDS(KEY_NAME)
	MANDATORY_REPORT_FIELDS(KEY_NAME) CASE_NOTE_FIELDS(KEY_NAME) PLAN_FIELDS(KEY_NAME)
	PLAN_TASK_FIELDS(KEY_NAME) NOTIFICATION_FIELDS(KEY_NAME) MATCH_PROPOSAL_FIELDS(KEY_NAME)
	MATCH_ITEM_FIELDS(KEY_NAME) INVITATION_FIELDS(KEY_NAME) EMERGENCY_FIELDS(KEY_NAME)
	CALLOUT_FIELDS(KEY_NAME) EMERGENCY_EVENT_FIELDS(KEY_NAME) EMERGENCY_REPORT_FIELDS(KEY_NAME) IMPORT_FIELDS(KEY_NAME)
	NEED_MOVE_FIELDS(KEY_NAME) CASE_MOVE_FIELDS(KEY_NAME) REPORT_FILE_FIELDS(KEY_NAME)
	EMERGENCY_ASSESS_FIELDS(KEY_NAME) EMERGENCY_MOBILIZE_FIELDS(KEY_NAME) EMERGENCY_ACK_FIELDS(KEY_NAME)
	EMERGENCY_CLOSE_FIELDS(KEY_NAME) MATCH_REQUEST_FIELDS(KEY_NAME)
	CALENDAR_DAY_FIELDS(KEY_NAME)
	CERTIFICATE_FIELDS(KEY_NAME)
	RECORD_CORRECTION_FIELDS(KEY_NAME) VOLUNTEER_HONOR_FIELDS(KEY_NAME) RECORD_VERIFY_FIELDS(KEY_NAME)
	CORRECTION_RESOLVE_FIELDS(KEY_NAME)
	FUND_FIELDS(KEY_NAME) DONATION_FIELDS(KEY_NAME) PERSON_RELATION_FIELDS(KEY_NAME) SEMESTER_RUN_FIELDS(KEY_NAME)
	QUALIFICATION_RULE_FIELDS(KEY_NAME) SUPERVISION_SESSION_FIELDS(KEY_NAME) COUNCIL_FIELDS(KEY_NAME) COUNCIL_MEMBER_FIELDS(KEY_NAME)
	COUNCIL_MEETING_FIELDS(KEY_NAME) COUNCIL_ISSUE_FIELDS(KEY_NAME) RESOLUTION_FIELDS(KEY_NAME)
	SHIFT_FEEDBACK_FIELDS(KEY_NAME) NEED_RATING_FIELDS(KEY_NAME) SURVEY_FIELDS(KEY_NAME) SURVEY_QUESTION_FIELDS(KEY_NAME) SURVEY_ANSWERS_FIELDS(KEY_NAME)
	PROJECT_FIELDS(KEY_NAME) BUDGET_LINE_FIELDS(KEY_NAME) INDICATOR_FIELDS(KEY_NAME) INDICATOR_REPORT_FIELDS(KEY_NAME)
	PROJECT_EVALUATOR_FIELDS(KEY_NAME) EVALUATION_FIELDS(KEY_NAME) EVAL_SCORE_FIELDS(KEY_NAME) PROJECT_EXPENSE_FIELDS(KEY_NAME)
};

static const struct entity *const bodies[] = {&need_move_body, &case_move_body, &report_file_body,
					      &emergency_assess_body, &emergency_mobilize_body,
					      &emergency_ack_body, &emergency_close_body, &match_request_body,
					      &calendar_day_body, &record_verify_body,
					      &correction_resolve_body, &qualification_rule_body,
					      &survey_question_body, &survey_answers_body, &budget_line_body, &eval_score_body};

static const struct entity *entity_of_key(int key)
{
	int id = FIELD_ENTITY(key);
	if (id < E__COUNT)
		return entity_get((enum entity_id)id);
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
		if ((int)bodies[i]->id == id)
			return bodies[i];
	return NULL;
}

/* KEY is the entity's prefix, '_', then the JSON name in capitals; the key
 * indexes the descriptor of that name. */
static void keys_name_their_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof all_keys / sizeof *all_keys; i++) {
		const struct key_name *k = &all_keys[i];
		const struct entity *e = entity_of_key(k->key);
		if (!e) {
			fail_msg("%s: no entity %d", k->key_text, FIELD_ENTITY(k->key));
			return;
		}
		assert_true(FIELD_IDX(k->key) < e->nfields);
		assert_string_equal(e->fields[FIELD_IDX(k->key)].name, k->name);
		char upper[64];
		size_t n = strlen(k->name);
		assert_true(n < sizeof upper);
		for (size_t j = 0; j <= n; j++)
			upper[j] = (char)toupper((unsigned char)k->name[j]);
		size_t kl = strlen(k->key_text);
		assert_true(kl > n + 1);
		assert_string_equal(k->key_text + kl - n, upper);
		assert_int_equal(k->key_text[kl - n - 1], '_');
	}
}

/* Every stored entity and every body has its own id, and a descriptor (a
 * name and a type) at every index below nfields. */
static void tables_have_no_holes(void **state)
{
	(void)state;
	int seen = 0;
	for (int id = 0; id < E__COUNT; id++) {
		const struct entity *e = entity_get((enum entity_id)id);
		assert_int_equal(e->id, id);
		for (int i = 0; i < e->nfields; i++)
			assert_non_null(e->fields[i].name);
		assert_true(e->nfilters <= ENTITY_MAX_FILTERS);
		seen += e->nfields;
	}
	for (size_t b = 0; b < sizeof bodies / sizeof *bodies; b++) {
		assert_true(bodies[b]->id >= E__COUNT);
		assert_null(bodies[b]->table);
		for (int i = 0; i < bodies[b]->nfields; i++)
			assert_non_null(bodies[b]->fields[i].name);
		seen += bodies[b]->nfields;
	}
	assert_int_equal(seen, (int)(sizeof all_keys / sizeof *all_keys));
}

static void accessors_read_and_write_by_key(void **state)
{
	(void)state;
	struct rec r;
	rec_init(&r, &shift_entity);
	assert_false(rec_has(&r, SHIFT_POSITION_ID));
	assert_int_equal(rec_int(&r, SHIFT_POSITION_ID, 7), 7);
	rec_set_int(&r, SHIFT_POSITION_ID, 42);
	assert_int_equal(rec_int(&r, SHIFT_POSITION_ID, 7), 42);
	assert_int_equal(r.v[FIELD_IDX(SHIFT_POSITION_ID)].i, 42);
	rec_set_null(&r, SHIFT_POSITION_ID);
	assert_int_equal(rec_int(&r, SHIFT_POSITION_ID, 7), 7);
	struct rec a;
	rec_init(&a, &activity_entity);
	rec_set_text(&a, ACTIVITY_PLACE, "community hall");
	assert_string_equal(rec_text(&a, ACTIVITY_PLACE), "community hall");
	rec_set_text(&a, ACTIVITY_PLACE, NULL);
	assert_null(rec_text(&a, ACTIVITY_PLACE));
	assert_true(rec_cval(&a, ACTIVITY_PLACE)->null);
}

/* A person key on a shift record is a bug: the process aborts. */
static void a_key_of_another_entity_aborts(void **state)
{
	(void)state;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stderr);
		struct rec r;
		rec_init(&r, &shift_entity);
		rec_set_int(&r, PERSON_NAME, 1);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* ---- the audit log names every enumerated value (issue 18) ---- */

#define WEB_SRC LD_FIXTURES "/../../web/src"

/* Every message of one language (files ending in `suffix`) in one object. */
static json_t *catalog(const char *suffix)
{
	json_t *all = json_object();
	DIR *d = opendir(WEB_SRC "/i18n");
	assert_non_null(d);
	struct dirent *de;
	size_t n = strlen(suffix);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		/* "x.en.json" or "en.json", not "xen.json" */
		if (len < n || strcmp(de->d_name + len - n, suffix) != 0 || (len > n && de->d_name[len - n - 1] != '.'))
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/i18n/%s", WEB_SRC, de->d_name);
		json_error_t err;
		json_t *f = json_load_file(path, 0, &err);
		if (!f)
			fail_msg("%s: %s", path, err.text);
		json_object_update(all, f);
		json_decref(f);
	}
	closedir(d);
	return all;
}

struct named_check {
	json_t *map, *zh, *en;
	int missing;
};

/* Values of "<where>" are named: the map gives a prefix, and prefix+value
 * is a message in both languages. */
static void check_values(struct named_check *c, const char *where, const char *const *values)
{
	const char *prefix = json_string_value(json_object_get(c->map, where));
	if (!prefix) {
		printf("audit_values.json: no names for %s\n", where);
		c->missing++;
		return;
	}
	for (int i = 0; values[i]; i++) {
		char key[256];
		snprintf(key, sizeof key, "%s%s", prefix, values[i]);
		for (int l = 0; l < 2; l++)
			if (!json_is_string(json_object_get(l ? c->en : c->zh, key))) {
				printf("%s: %s (%s) has no %s message\n", where, values[i], key, l ? "en" : "zh-CN");
				c->missing++;
			}
	}
}

/* The enum fields of e, its records' kind called `name` ("surveys.questions"
 * for an item of a survey's questions). */
static void check_entity(struct named_check *c, const struct entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_ENUM) {
			char where[160];
			snprintf(where, sizeof where, "%s.%s", name, e->fields[i].name);
			check_values(c, where, e->fields[i].enums);
		}
}

/* Every enum of every record the audit log carries (the stored entities,
 * the holiday calendar's days, the qualification rules, the items of a
 * survey's questions and of a project's budget and indicators, a user's
 * roles, a volunteer's preferred modes) is named in zh-CN and en through
 * web/src/audit_values.json, so the audit page shows none as a raw code. */
static void audit_values_are_named(void **state)
{
	(void)state;
	json_error_t err;
	struct named_check c = {json_load_file(WEB_SRC "/audit_values.json", 0, &err), catalog("zh-CN.json"),
				catalog("en.json"), 0};
	if (!c.map)
		fail_msg("audit_values.json: %s", err.text);
	assert_true(json_object_size(c.zh) > 100 && json_object_size(c.en) > 100);
	for (int k = 0; k < E__COUNT; k++)
		if (entities[k])
			check_entity(&c, entities[k], entities[k]->name);
	check_entity(&c, &calendar_day_body, calendar_day_body.name);
	check_entity(&c, &qualification_rule_body, qualification_rule_body.name);
	check_entity(&c, &survey_question_body, "surveys.questions");
	check_entity(&c, &budget_line_body, "projects.budget");
	check_entity(&c, &indicator_entity, "projects.indicators");
	check_values(&c, "users.roles.role", role_names);
	check_values(&c, "volunteers.preferred_modes",
		     activity_entity.fields[entity_field(&activity_entity, "mode")].enums);
	json_decref(c.map);
	json_decref(c.zh);
	json_decref(c.en);
	assert_int_equal(c.missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_name_their_fields),
		cmocka_unit_test(tables_have_no_holes),
		cmocka_unit_test(accessors_read_and_write_by_key),
		cmocka_unit_test(a_key_of_another_entity_aborts),
		cmocka_unit_test(audit_values_are_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
