/* main.c - the table of API tests and the entry point:
 *   api_tests /path/to/liandong [name-filter]
 * Runs each test (whose name contains the filter) against a fresh server and
 * prints "N passed, N failed"; exits non-zero if any failed. */
#include "tests.h"

#define T(name) {#name, t_##name, false}
#define T_PG(name) {#name, t_##name, true}

static const struct test tests[] = {
	T(health_reports_ok_sqlite_and_version),
	T(security_headers_on_api_responses),
	T(unknown_route_is_404_json),
	T(wrong_method_is_405),
	T(malformed_json_is_400_and_changes_nothing),
	T(oversized_body_is_413),
	T(oversized_headers_are_431),
	T(non_json_content_type_is_415),
	T(unknown_field_is_400_naming_it),
	T(read_only_and_wrong_type_fields_are_422),
	T(bad_query_parameter_is_400_naming_it),
	T(login_returns_token_user_csrf_and_cookies),
	T(wrong_credentials_are_401),
	T(requests_without_valid_token_are_401),
	T(cookie_session_reads_and_needs_csrf_to_write),
	T(logout_ends_session),
	T(login_throttled_after_5_failures),
	T(session_survives_server_restart),
	T(session_shared_between_server_processes),
	T(regions_tree_and_subtree_filters),
	T(region_level_and_code_rules),
	T(orgs_kind_and_required_fields),
	T(regions_and_orgs_patch),
	T(orgs_pagination_walks_every_item_once),
	T(bad_cursor_and_limit_are_400),
	T(lists_default_to_50_items),
	T(people_invalid_input_rejected_and_nothing_stored),
	T(people_create_derives_gender_and_birth_date),
	T(people_duplicate_id_number_is_409),
	T(people_lowercase_x_accepted_and_normalised),
	T(people_phone_normalised),
	T(people_filters_by_name_region_and_org),
	T(users_validation_and_role_bindings),
	T(access_people_scoped_by_role),
	T(access_volunteers_workers_users_orgs_scoped),
	T(access_writes_scoped_by_role),
	T(access_volunteer_self_service),
	T(access_unauthenticated_is_401_everywhere),
	T(volunteer_create_assigns_number_and_applied_stage),
	T(volunteer_pipeline_walks_one_step_at_a_time),
	T(volunteer_stage_skip_is_invalid_transition),
	T(volunteer_rejected_is_final),
	T(volunteer_stage_history_records_actor),
	T(volunteer_minor_rules),
	T(volunteer_duplicate_person_org_is_409),
	T(volunteer_filters_by_stage_person_org_region),
	T(social_worker_qualification_and_certificate_rules),
	T(social_worker_supervisor_link_and_filters),
	T(audit_records_create_and_update_with_actor),
	T(audit_records_stage_moves_and_logins),
	T(audit_is_platform_admin_only),
	T(pii_not_stored_in_plain_at_rest),
	T(kill9_loses_no_acknowledged_person),
	T(concurrent_same_id_number_one_wins),
	T(concurrent_same_username_one_wins),
	T(concurrent_stage_move_happens_once),
	T(concurrent_volunteers_get_distinct_numbers),
	T(two_processes_share_one_database),
	T_PG(migrate_store_copies_every_row),
	T_PG(database_restart_gives_503_then_recovers),
};

int main(int argc, char **argv)
{
	return harness_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
