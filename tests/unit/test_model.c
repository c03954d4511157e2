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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_name_their_fields),
		cmocka_unit_test(tables_have_no_holes),
		cmocka_unit_test(accessors_read_and_write_by_key),
		cmocka_unit_test(a_key_of_another_entity_aborts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
