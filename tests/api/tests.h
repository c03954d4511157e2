/* tests.h - the prototypes of every API test, for the table in main.c. */
#ifndef API_TESTS_H
#define API_TESTS_H

#include "harness.h"

void t_access_people_scoped_by_role(struct srv *s);
void t_access_volunteers_workers_users_orgs_scoped(struct srv *s);
void t_access_writes_scoped_by_role(struct srv *s);
void t_access_volunteer_self_service(struct srv *s);
void t_access_unauthenticated_is_401_everywhere(struct srv *s);
void t_login_returns_token_user_csrf_and_cookies(struct srv *s);
void t_wrong_credentials_are_401(struct srv *s);
void t_requests_without_valid_token_are_401(struct srv *s);
void t_cookie_session_reads_and_needs_csrf_to_write(struct srv *s);
void t_logout_ends_session(struct srv *s);
void t_login_throttled_after_5_failures(struct srv *s);
void t_session_survives_server_restart(struct srv *s);
void t_session_shared_between_server_processes(struct srv *s);
void t_health_reports_ok_sqlite_and_version(struct srv *s);
void t_security_headers_on_api_responses(struct srv *s);
void t_unknown_route_is_404_json(struct srv *s);
void t_wrong_method_is_405(struct srv *s);
void t_malformed_json_is_400_and_changes_nothing(struct srv *s);
void t_oversized_body_is_413(struct srv *s);
void t_oversized_headers_are_431(struct srv *s);
void t_non_json_content_type_is_415(struct srv *s);
void t_unknown_field_is_400_naming_it(struct srv *s);
void t_read_only_and_wrong_type_fields_are_422(struct srv *s);
void t_bad_query_parameter_is_400_naming_it(struct srv *s);
void t_kill9_loses_no_acknowledged_person(struct srv *s);
void t_concurrent_same_id_number_one_wins(struct srv *s);
void t_concurrent_same_username_one_wins(struct srv *s);
void t_concurrent_stage_move_happens_once(struct srv *s);
void t_concurrent_volunteers_get_distinct_numbers(struct srv *s);
void t_migrate_store_copies_every_row(struct srv *s);
void t_two_processes_share_one_database(struct srv *s);
void t_database_restart_gives_503_then_recovers(struct srv *s);
void t_regions_tree_and_subtree_filters(struct srv *s);
void t_region_level_and_code_rules(struct srv *s);
void t_orgs_kind_and_required_fields(struct srv *s);
void t_regions_and_orgs_patch(struct srv *s);
void t_orgs_pagination_walks_every_item_once(struct srv *s);
void t_bad_cursor_and_limit_are_400(struct srv *s);
void t_lists_default_to_50_items(struct srv *s);
void t_people_invalid_input_rejected_and_nothing_stored(struct srv *s);
void t_people_create_derives_gender_and_birth_date(struct srv *s);
void t_people_duplicate_id_number_is_409(struct srv *s);
void t_people_lowercase_x_accepted_and_normalised(struct srv *s);
void t_people_phone_normalised(struct srv *s);
void t_people_filters_by_name_region_and_org(struct srv *s);
void t_audit_records_create_and_update_with_actor(struct srv *s);
void t_audit_records_stage_moves_and_logins(struct srv *s);
void t_audit_is_platform_admin_only(struct srv *s);
void t_pii_not_stored_in_plain_at_rest(struct srv *s);
void t_users_validation_and_role_bindings(struct srv *s);
void t_volunteer_create_assigns_number_and_applied_stage(struct srv *s);
void t_volunteer_pipeline_walks_one_step_at_a_time(struct srv *s);
void t_volunteer_stage_skip_is_invalid_transition(struct srv *s);
void t_volunteer_rejected_is_final(struct srv *s);
void t_volunteer_stage_history_records_actor(struct srv *s);
void t_volunteer_minor_rules(struct srv *s);
void t_volunteer_duplicate_person_org_is_409(struct srv *s);
void t_volunteer_filters_by_stage_person_org_region(struct srv *s);
void t_social_worker_qualification_and_certificate_rules(struct srv *s);
void t_social_worker_supervisor_link_and_filters(struct srv *s);
void t_service_menu_scoped_writes_public_reads_and_filters(struct srv *s);
void t_need_illegal_moves_are_422_and_change_nothing(struct srv *s);
void t_need_validation_errors_name_the_field(struct srv *s);
void t_need_history_records_actor_time_and_audit(struct srv *s);
void t_need_triage_assigns_a_social_worker(struct srv *s);
void t_need_resident_raises_and_follows_own_need(struct srv *s);
void t_need_staff_and_regional_scope(struct srv *s);
void t_need_response_times_from_history(struct srv *s);
void t_client_creation_rules(struct srv *s);
void t_client_case_stage_one_step_at_a_time(struct srv *s);
void t_client_dv_victim_raises_mandatory_report(struct srv *s);
void t_client_cross_org_denied_and_regional_masked(struct srv *s);
void t_case_notes_confidential_and_encrypted_at_rest(struct srv *s);
void t_care_unauthenticated_is_401(struct srv *s);

#endif
