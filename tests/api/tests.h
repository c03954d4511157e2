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
void t_session_cache_follows_changes(struct srv *s);
void t_health_reports_ok_sqlite_and_version(struct srv *s);
void t_security_headers_on_api_responses(struct srv *s);
void t_unknown_route_is_404_json(struct srv *s);
void t_wrong_method_is_405(struct srv *s);
void t_web_app_index_for_every_page_path(struct srv *s);
void t_web_assets_gzip_and_immutable(struct srv *s);
void t_web_worker_manifest_and_icons(struct srv *s);
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
void t_signup_needs_the_positions_course_named(struct srv *s);
void t_course_sessions_and_attendance_by_course_staff(struct srv *s);
void t_signup_capacity_waitlist_and_promotion(struct srv *s);
void t_signup_rules_overlap_stage_minors_insurance(struct srv *s);
void t_signup_decision_note_is_kept_and_shown(struct srv *s);
void t_checkin_by_qr_token_and_checkout_makes_a_record(struct srv *s);
void t_fifty_concurrent_checkins_make_one_attendance(struct srv *s);
void t_idempotency_key_replays_the_first_answer(struct srv *s);
void t_voided_record_keeps_total_and_history(struct srv *s);
void t_volunteer_reads_survive_killed_connections(struct srv *s);
void t_stars_change_exactly_at_the_thresholds(struct srv *s);
void t_upcoming_shifts_and_recognition_list(struct srv *s);
void t_stats_overview_exact_for_platform_admin(struct srv *s);
void t_stats_overview_scoped_to_the_caller(struct srv *s);
void t_stats_rollups_follow_every_change(struct srv *s);
void t_stats_rollups_rebuild_that_fails_changes_nothing(struct srv *s);
void t_stats_rollups_hold_under_concurrent_writes(struct srv *s);
void t_stats_rollups_first_rows_of_a_person_wait_in_line(struct srv *s);
/* the city data screen (t_screen.c, issue 18) */
void t_screen_figures_exact_by_district_month_and_mode(struct srv *s);
void t_screen_scope_and_bad_region(struct srv *s);
void t_screen_modes_count_a_person_once(struct srv *s);
/* the demo city's shape (t_demo.c, issue 18) */
void t_demo_city_districts_differ_around_the_1_to_10_target(struct srv *s);
void t_demo_scale_city_totals_are_the_seeds_and_the_ledgers(struct srv *s);
void t_workforce_hours_this_year_and_last_service(struct srv *s);
void t_workforce_below_norm_exact_paged_and_scoped(struct srv *s);
void t_workforce_retention_by_cohort_exact_and_scoped(struct srv *s);
void t_workforce_inactive_sweep_and_return(struct srv *s);
void t_activity_input_errors_write_nothing(struct srv *s);
void t_cancellation_tells_the_organisers(struct srv *s);
/* records that hold up (t_records.c) */
void t_checkin_window_edges(struct srv *s);
void t_hours_capped_at_the_shift_and_extended_with_a_reason(struct srv *s);
void t_who_may_verify_and_the_person_in_charge(struct srv *s);
void t_corrections_asked_refused_and_resolved(struct srv *s);
void t_volunteer_awards_and_evaluations(struct srv *s);
void t_window_options_are_checked(struct srv *s);
/* matching (t_matching.c) */
void t_candidates_ranked_with_reasons_and_exclusions(struct srv *s);
void t_work_with_minors_needs_a_background_check(struct srv *s);
void t_match_staffs_what_greedy_leaves_empty(struct srv *s);
void t_match_bad_requests_write_nothing(struct srv *s);
void t_match_more_shifts_per_volunteer_never_overlap(struct srv *s);
void t_plan_generates_and_regenerates_only_future_shifts(struct srv *s);
void t_database_restart_gives_503_then_recovers(struct srv *s);
void t_regions_tree_and_subtree_filters(struct srv *s);
void t_region_level_and_code_rules(struct srv *s);
void t_orgs_kind_and_required_fields(struct srv *s);
void t_regions_and_orgs_patch(struct srv *s);
void t_network_places_orgs_by_level_and_parent(struct srv *s);
void t_qualifications_gate_work(struct srv *s);
/* service projects (t_projects.c, issue 16) */
void t_projects_indicators_computed_exactly(struct srv *s);
void t_projects_bad_input_named(struct srv *s);
void t_projects_evaluator_scope(struct srv *s);
void t_projects_evaluator_by_username(struct srv *s);
void t_projects_spend_from_the_fund(struct srv *s);
void t_projects_races_decide_once_and_spend_what_is_there(struct srv *s);
void t_voice_shift_feedback_once_after_the_shift(struct srv *s);
void t_voice_need_rated_by_its_resident_once_done(struct srv *s);
void t_voice_survey_built_sent_answered_and_counted(struct srv *s);
void t_voice_anonymous_survey_untraceable(struct srv *s);
void t_concurrent_survey_answers_taken_once(struct srv *s);
void t_qualification_rules_are_the_admins(struct srv *s);
/* what a co-building link shares (t_share.c, issue 15) */
void t_share_each_kind_opens_exactly_what_it_says(struct srv *s);
void t_share_links_are_one_way_and_their_input_is_checked(struct srv *s);
void t_supervision_chain_sessions_hours_and_ratios(struct srv *s);
void t_need_matched_names_its_match(struct srv *s);
void t_need_category_is_on_the_menu(struct srv *s);
/* a service project's report (t_project_report.c, issue 16) */
void t_project_report_pdf_has_the_project(struct srv *s);
void t_project_report_xlsx_has_every_section(struct srv *s);
/* councils (t_councils.c) */
void t_council_members_meetings_and_their_rules(struct srv *s);
void t_council_resolution_votes_become_a_need_once_and_the_outcome_shows(struct srv *s);
void t_council_resolution_need_defaults_and_need_rules(struct srv *s);
void t_council_resolution_need_race_makes_one(struct srv *s);
void t_orgs_pagination_walks_every_item_once(struct srv *s);
void t_bad_cursor_and_limit_are_400(struct srv *s);
void t_lists_default_to_50_items(struct srv *s);
void t_people_invalid_input_rejected_and_nothing_stored(struct srv *s);
void t_exports_every_kind_in_csv_gb18030_and_xlsx(struct srv *s);
void t_exports_scoped_and_masked_like_the_lists(struct srv *s);
void t_exports_defuse_csv_injection(struct srv *s);
void t_exports_bad_parameters_named(struct srv *s);
void t_exports_audited_and_the_command_line(struct srv *s);
void t_exports_page_after_page_every_row_masked(struct srv *s);
void t_people_create_derives_gender_and_birth_date(struct srv *s);
void t_people_duplicate_id_number_is_409(struct srv *s);
void t_people_lowercase_x_accepted_and_normalised(struct srv *s);
void t_people_phone_normalised(struct srv *s);
void t_people_filters_by_name_region_and_org(struct srv *s);
void t_audit_records_create_and_update_with_actor(struct srv *s);
void t_audit_records_stage_moves_and_logins(struct srv *s);
void t_audit_is_platform_admin_only(struct srv *s);
/* reading the audit log (t_audit.c, issue 18) */
void t_audit_newest_first_paged_without_loss_or_repeat(struct srv *s);
void t_audit_filters_by_user_entity_action_and_date(struct srv *s);
void t_audit_bad_filters_are_refused_naming_them(struct srv *s);
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
void t_list_q_finds_by_part_of_the_name(struct srv *s);
void t_users_q_finds_by_username_or_person_name(struct srv *s);
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
/* A POST /sms/inbound of `body` signed now with TEST_SMS_SECRET (t_replies.c). */
struct req sms_signed_req(const char *body);
void t_replies_sms_accept_and_decline(struct srv *s);
void t_replies_webhook_refuses_forged_stale_and_replayed(struct srv *s);
void t_replies_unknown_phone_unrecognised_and_retries(struct srv *s);
void t_replies_link_single_use(struct srv *s);
void t_replies_sms_and_link_race_to_one_outcome(struct srv *s);
void t_replies_prefs_validation(struct srv *s);
void t_replies_quiet_hours_wait_but_not_emergencies(struct srv *s);
void t_replies_rotation_reseals_inbound_phones(struct srv *s);
void t_emergency_create_validation_and_scope(struct srv *s);
void t_emergency_mobilize_nearest_qualified_registered(struct srv *s);
void t_emergency_acks_idempotent_stand_down_reports_timeline(struct srv *s);
void t_emergency_widens_after_the_deadline(struct srv *s);
void t_emergency_index_follows_other_processes(struct srv *s);
void t_emergency_calls_no_minor_and_respects_windows(struct srv *s);
/* backup and restore (t_backup.c) */
void t_backup_under_writes_restores_every_acknowledged_write(struct srv *s);
void t_restore_refuses_existing_and_live_databases(struct srv *s);
void t_serve_on_empty_directory_creates_database_and_key(struct srv *s);
/* imports (t_imports.c) */
void t_import_dry_run_then_import_and_reimport_without_duplicates(struct srv *s);
void t_import_row_errors_by_row_and_column_in_the_page_language(struct srv *s);
void t_import_unknown_header_is_reported_and_nothing_written(struct srv *s);
void t_import_volunteers_within_the_callers_scope(struct srv *s);
void t_import_bad_files_and_options_are_refused(struct srv *s);
void t_import_server_stop_mid_job_writes_nothing(struct srv *s);
void t_import_xlsx_reads_cells_and_refuses_ids_stored_as_numbers(struct srv *s);
void t_import_from_the_command_line(struct srv *s);
void t_import_finds_an_org_by_its_exact_name(struct srv *s);
void t_import_clients_dry_run_import_reimport_and_scope(struct srv *s);
void t_import_clients_row_errors_by_row_and_column(struct srv *s);
/* the holiday calendar and the overdue list (t_calendar.c) */
void t_calendar_ships_the_state_council_notices(struct srv *s);
void t_calendar_admin_writes_and_bad_input_changes_nothing(struct srv *s);
void t_record_due_dates_follow_the_holiday_calendar(struct srv *s);
void t_overdue_list_due_soon_and_overdue_for_staff(struct srv *s);
/* certificates of service hours (t_certs.c) */
void t_cert_issue_pdf_shows_name_hours_and_code(struct srv *s);
void t_cert_bad_input_is_refused_and_changes_nothing(struct srv *s);
void t_cert_who_may_issue_and_print(struct srv *s);
void t_cert_unknown_and_malformed_codes_are_the_same_404(struct srv *s);
void t_cert_revoked_after_a_record_is_voided(struct srv *s);
void t_cert_lookups_are_throttled_per_address(struct srv *s);
/* review fixes of the certificates and the calendar (t_certs.c, t_calendar.c) */
void t_cert_revocation_fails_closed(struct srv *s);
void t_cert_states_what_it_stated_at_issue(struct srv *s);
void t_overdue_list_pages_with_a_keyset_cursor(struct srv *s);
void t_calendar_edit_moves_open_records_due_dates(struct srv *s);
void t_cert_pdf_link_base_is_the_public_url(struct srv *s);
void t_slow_clients_cannot_starve_others(struct srv *s);
void t_busy_port_refused_unless_reuse_port(struct srv *s);
void t_config_file_env_and_flags_in_that_order(struct srv *s);
void t_config_mistakes_stop_the_server_and_name_them(struct srv *s);
void t_config_help_for_every_command_and_version(struct srv *s);
void t_numeric_path_ids_only_in_canonical_form(struct srv *s);
void t_database_files_are_owner_only(struct srv *s);
void t_session_cookie_secure_over_https(struct srv *s);
void t_login_lockout_by_another_address_fails(struct srv *s);
void t_login_spraying_from_one_address_is_stopped(struct srv *s);
void t_login_throttle_holds_across_server_processes(struct srv *s);

/* kill -9 loops over every kind of acknowledged write (t_crash.c) */
void t_kill9_loop_signups(struct srv *s);
void t_kill9_loop_checkins_and_checkouts(struct srv *s);
void t_kill9_loop_record_verifications(struct srv *s);
void t_kill9_loop_record_voids(struct srv *s);
void t_kill9_loop_stage_moves(struct srv *s);
void t_kill9_loop_need_moves(struct srv *s);
void t_kill9_loop_callout_answers(struct srv *s);
void t_kill9_loop_import_jobs(struct srv *s);

/* the access matrix (t_matrix.c) */
void t_matrix_every_route_role_and_scope(struct srv *s);
/* accounts and personal data on a need-to-know basis (t_pii.c, issue 13) */
void t_users_routes_are_for_admins_only(struct srv *s);
void t_weak_passwords_are_refused(struct srv *s);
void t_id_numbers_and_phones_masked_for_every_role(struct srv *s);
void t_future_birth_date_is_refused(struct srv *s);

/* a full disk (t_diskfull.c) */
void t_disk_full_answers_503_and_loses_nothing(struct srv *s);

/* key rotation (t_keys.c) */
void t_rotate_key_online_under_writers(struct srv *s);
void t_rotate_key_killed_anywhere_resumes(struct srv *s);

/* reveal, the person's own data, own password (t_reveal.c, t_mydata.c;
 * issue 13) */
void t_reveal_full_values_to_allowed_roles_only(struct srv *s);
void t_reveal_bad_input_is_422_and_not_audited(struct srv *s);
void t_reveal_audited_with_reason_never_values(struct srv *s);
void t_my_data_has_every_section_and_only_mine(struct srv *s);
void t_my_password_change(struct srv *s);
void t_my_password_guessing_is_throttled(struct srv *s);
/* funds, donations, receipts and the journal (t_funds.c; issue 14) */
void t_funds_are_kept_by_their_org(struct srv *s);
void t_funds_name_their_manager_and_recorder(struct srv *s);
void t_donations_follow_their_channel(struct srv *s);
void t_donation_receipts_in_sequence_per_org(struct srv *s);
void t_donation_retries_count_once(struct srv *s);
void t_donation_void_reverses_once(struct srv *s);
void t_ledger_invariants_after_random_operations(struct srv *s);
void t_kill9_loop_donations(struct srv *s);
void t_kill9_loop_semester_runs(struct srv *s);
void t_directed_gifts_refuse_interested_parties(struct srv *s);
void t_semester_runs_pay_each_student_once(struct srv *s);
void t_semester_runs_race_never_overspend(struct srv *s);
void t_donor_statements_and_public_disclosure(struct srv *s);
/* imports and gifts imported (t_import_gifts.c) */
void t_import_gifts_from_statements_into_a_fund(struct srv *s);
void t_import_gifts_match_by_transaction_never_twice(struct srv *s);
void t_import_gifts_row_errors_name_their_columns(struct srv *s);
void t_import_gifts_options_and_access(struct srv *s);
void t_import_gifts_from_the_command_line(struct srv *s);
/* The import tests' helpers (t_imports.c): a fixture's bytes
 * (tests/fixtures/import/NAME), a sheet POSTed to /imports?query (ctype
 * text/csv or XLSX, lang the Accept-Language or NULL; len 0: strlen), the
 * job waited for until done or failed (NULL after a failed check), its
 * counts, the rows and columns of its first n errors. */
char *import_fixture(struct srv *s, const char *name, size_t *len);
struct resp *post_sheet(struct srv *s, const char *tok, const char *query, const char *body, size_t len,
			const char *ctype, const char *lang);
json_t *wait_job(struct srv *s, const char *tok, long long id);
void job_counts(json_t *j, long long created, long long updated, long long skipped, long long rejected);
void check_errors(json_t *j, int n, const int *rows, const char *const *cols);
/* The funds tests' helpers (t_funds.c): a fund of org named 基金PURPOSE,
 * the fund as the admin reads it and its balance_fen, its trial balance
 * checked (balanced, free cash `cash`), `liandong check-ledger` run on the
 * test's database (its exit status, its output in *out). */
long long mk_fund(struct srv *s, const char *tok, long long org, const char *purpose, long long manager);
json_t *fund_of(struct srv *s, long long id);
long long balance_of(struct srv *s, long long id);
void check_trial(struct srv *s, long long fund, long long cash);
int check_ledger(struct srv *s, char **out);
/* Scan the database (SQLite files, or the PostgreSQL data directory) for
 * the plain ID numbers and phones; the database must hold a person named
 * PrivacyMarkerGamma (t_privacy.c). */
void db_scan_plain(struct srv *s, const char *when, char ids[][19], char phones[][12], int n);
/* Audit entries at /audit`query` with `action` (by `user`, any when < 0),
 * as the admin reads them; -1 when the list fails (t_reveal.c). */
long long audit_count(struct srv *s, const char *query, const char *action, long long user);

/* issue 17: logs, metrics, the proxy and the systemd unit (t_ops.c) */
void t_ops_access_log_is_json_without_secrets(struct srv *s);
void t_ops_metrics_parse_and_count_exactly(struct srv *s);
void t_ops_metrics_token_off_loopback(struct srv *s);
void t_ops_forwarded_for_right_most_untrusted(struct srv *s);
void t_ops_nginx_tls_in_front(struct srv *s);
void t_ops_systemd_units_verify(struct srv *s);
/* t_sender.c */
void t_sender_person_email_validated(struct srv *s);
void t_sender_sms_delivered_with_exact_body_and_key(struct srv *s);
void t_sender_gateway_500_retries_with_backoff_then_fails_and_resend(struct srv *s);
void t_sender_hanging_gateway_times_out_and_retries(struct srv *s);
void t_sender_no_valid_phone_fails_without_gateway_call(struct srv *s);
void t_sender_smtp_starttls_delivers_and_refused_recipient_fails(struct srv *s);
void t_sender_two_workers_share_the_queue_once_each(struct srv *s);
void t_sender_worker_killed_mid_batch_loses_nothing(struct srv *s);
void t_sender_bad_configuration_refused_naming_it(struct srv *s);
void t_sender_callout_sms_reach_the_gateway(struct srv *s);

#endif
