-- Citus asks of a table distributed by workspace_id that its primary key and unique indexes include
-- workspace_id, and that its foreign keys to other distributed tables go through workspace_id as well.
-- Every workspace-owned table is brought into line: primary keys become (id, workspace_id), unique
-- indexes gain workspace_id, and foreign keys between workspace-owned tables become
-- (workspace_id, column) -> (workspace_id, id), so no row can point at another workspace's row.
-- A key that sets its column to null names that column, so workspace_id is left alone (PostgreSQL 15).
-- Old foreign keys go first, as they depend on the primary keys they point at.
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_parent_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "person_topics" DROP CONSTRAINT "person_topics_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "person_topics" DROP CONSTRAINT "person_topics_topic_id_topics_id_fk";
--> statement-breakpoint
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "search_postings" DROP CONSTRAINT "search_postings_document_id_search_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_attachment_files" DROP CONSTRAINT "evidence_attachment_files_attachment_id_evidence_attachments_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_attachments" DROP CONSTRAINT "evidence_attachments_evidence_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_attachments" DROP CONSTRAINT "evidence_attachments_added_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_import_rows" DROP CONSTRAINT "evidence_import_rows_import_id_evidence_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_imports" DROP CONSTRAINT "evidence_imports_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_items" DROP CONSTRAINT "evidence_items_added_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_topics" DROP CONSTRAINT "evidence_topics_evidence_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence_topics" DROP CONSTRAINT "evidence_topics_topic_id_topics_id_fk";
--> statement-breakpoint
ALTER TABLE "action_entries" DROP CONSTRAINT "action_entries_challenge_id_policy_challenges_id_fk";
--> statement-breakpoint
ALTER TABLE "action_entries" DROP CONSTRAINT "action_entries_evidence_item_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "session_attendance" DROP CONSTRAINT "session_attendance_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_attendance" DROP CONSTRAINT "session_attendance_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "policy_challenges" DROP CONSTRAINT "policy_challenges_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "policy_challenges" DROP CONSTRAINT "policy_challenges_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" DROP CONSTRAINT "programme_change_feedback_change_id_programme_changes_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" DROP CONSTRAINT "programme_change_feedback_feedback_id_session_feedback_id_fk";
--> statement-breakpoint
ALTER TABLE "cohort_members" DROP CONSTRAINT "cohort_members_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "cohort_members" DROP CONSTRAINT "cohort_members_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "intake_responses" DROP CONSTRAINT "intake_responses_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "intake_responses" DROP CONSTRAINT "intake_responses_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "need_statements" DROP CONSTRAINT "need_statements_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "need_statements" DROP CONSTRAINT "need_statements_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "need_statements" DROP CONSTRAINT "need_statements_need_id_needs_id_fk";
--> statement-breakpoint
ALTER TABLE "needs" DROP CONSTRAINT "needs_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_changes" DROP CONSTRAINT "programme_changes_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_changes" DROP CONSTRAINT "programme_changes_recorded_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_sessions" DROP CONSTRAINT "programme_sessions_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_topics" DROP CONSTRAINT "programme_topics_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "programme_topics" DROP CONSTRAINT "programme_topics_topic_id_topics_id_fk";
--> statement-breakpoint
ALTER TABLE "session_feedback" DROP CONSTRAINT "session_feedback_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_feedback" DROP CONSTRAINT "session_feedback_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "session_needs" DROP CONSTRAINT "session_needs_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_needs" DROP CONSTRAINT "session_needs_need_id_needs_id_fk";
--> statement-breakpoint
ALTER TABLE "session_readings" DROP CONSTRAINT "session_readings_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_readings" DROP CONSTRAINT "session_readings_evidence_item_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "session_speakers" DROP CONSTRAINT "session_speakers_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_speakers" DROP CONSTRAINT "session_speakers_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" DROP CONSTRAINT "action_learning_presentations_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" DROP CONSTRAINT "action_learning_presentations_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_requested_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_assigned_to_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_list_items" DROP CONSTRAINT "reading_list_items_list_id_reading_lists_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_list_items" DROP CONSTRAINT "reading_list_items_evidence_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_lists" DROP CONSTRAINT "reading_lists_topic_id_topics_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_lists" DROP CONSTRAINT "reading_lists_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_lists" DROP CONSTRAINT "reading_lists_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "reading_lists" DROP CONSTRAINT "reading_lists_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" DROP CONSTRAINT "survey_answer_tags_response_id_survey_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" DROP CONSTRAINT "survey_answer_tags_question_id_survey_questions_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" DROP CONSTRAINT "survey_answer_tags_domain_id_outcome_domains_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_evidence" DROP CONSTRAINT "impact_evidence_impact_id_impact_examples_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_evidence" DROP CONSTRAINT "impact_evidence_evidence_id_evidence_items_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_examples" DROP CONSTRAINT "impact_examples_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_examples" DROP CONSTRAINT "impact_examples_recorded_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_examples" DROP CONSTRAINT "impact_examples_verified_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_sessions" DROP CONSTRAINT "impact_sessions_impact_id_impact_examples_id_fk";
--> statement-breakpoint
ALTER TABLE "impact_sessions" DROP CONSTRAINT "impact_sessions_session_id_programme_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "outcome_domains" DROP CONSTRAINT "outcome_domains_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "evaluation_report_sections" DROP CONSTRAINT "evaluation_report_sections_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_response_id_survey_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_question_id_survey_questions_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_survey_id_surveys_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_items" DROP CONSTRAINT "survey_items_survey_id_surveys_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_items" DROP CONSTRAINT "survey_items_question_id_survey_questions_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_questions" DROP CONSTRAINT "survey_questions_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_questions" DROP CONSTRAINT "survey_questions_domain_id_outcome_domains_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_survey_id_surveys_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "surveys" DROP CONSTRAINT "surveys_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" DROP CONSTRAINT "checkpoint_briefings_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" DROP CONSTRAINT "checkpoint_briefings_round_id_checkpoint_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" DROP CONSTRAINT "checkpoint_briefings_updated_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_round_id_checkpoint_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_site_id_delivery_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_template_id_return_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_submitted_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_updated_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" DROP CONSTRAINT "checkpoint_rounds_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" DROP CONSTRAINT "checkpoint_rounds_template_id_return_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_sites" DROP CONSTRAINT "delivery_sites_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_sites" DROP CONSTRAINT "delivery_sites_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_themes" DROP CONSTRAINT "delivery_themes_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "return_templates" DROP CONSTRAINT "return_templates_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" DROP CONSTRAINT "checkpoint_return_versions_return_id_checkpoint_returns_id_fk";
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" DROP CONSTRAINT "checkpoint_return_versions_saved_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_round_automation" DROP CONSTRAINT "delivery_round_automation_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" DROP CONSTRAINT "delivery_round_reminders_round_id_checkpoint_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" DROP CONSTRAINT "delivery_site_contacts_site_id_delivery_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" DROP CONSTRAINT "delivery_site_contacts_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" DROP CONSTRAINT "delivery_theme_candidates_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" DROP CONSTRAINT "delivery_theme_candidates_theme_id_delivery_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" DROP CONSTRAINT "delivery_theme_codings_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" DROP CONSTRAINT "delivery_theme_codings_theme_id_delivery_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" DROP CONSTRAINT "delivery_theme_codings_return_id_checkpoint_returns_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" DROP CONSTRAINT "delivery_theme_codings_coded_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" DROP CONSTRAINT "delivery_theme_responses_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" DROP CONSTRAINT "delivery_theme_responses_theme_id_delivery_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" DROP CONSTRAINT "delivery_theme_responses_round_id_checkpoint_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" DROP CONSTRAINT "delivery_theme_responses_responded_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "communities" DROP CONSTRAINT "communities_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "communities" DROP CONSTRAINT "communities_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_attachment_files" DROP CONSTRAINT "community_attachment_files_attachment_id_community_attachments_id_fk";
--> statement-breakpoint
ALTER TABLE "community_attachments" DROP CONSTRAINT "community_attachments_thread_id_community_threads_id_fk";
--> statement-breakpoint
ALTER TABLE "community_attachments" DROP CONSTRAINT "community_attachments_post_id_community_posts_id_fk";
--> statement-breakpoint
ALTER TABLE "community_attachments" DROP CONSTRAINT "community_attachments_added_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_members" DROP CONSTRAINT "community_members_community_id_communities_id_fk";
--> statement-breakpoint
ALTER TABLE "community_members" DROP CONSTRAINT "community_members_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_posts" DROP CONSTRAINT "community_posts_thread_id_community_threads_id_fk";
--> statement-breakpoint
ALTER TABLE "community_posts" DROP CONSTRAINT "community_posts_author_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_reports" DROP CONSTRAINT "community_reports_thread_id_community_threads_id_fk";
--> statement-breakpoint
ALTER TABLE "community_reports" DROP CONSTRAINT "community_reports_post_id_community_posts_id_fk";
--> statement-breakpoint
ALTER TABLE "community_reports" DROP CONSTRAINT "community_reports_reported_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_threads" DROP CONSTRAINT "community_threads_community_id_communities_id_fk";
--> statement-breakpoint
ALTER TABLE "community_threads" DROP CONSTRAINT "community_threads_author_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_thread_followers" DROP CONSTRAINT "community_thread_followers_thread_id_community_threads_id_fk";
--> statement-breakpoint
ALTER TABLE "community_thread_followers" DROP CONSTRAINT "community_thread_followers_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_events" DROP CONSTRAINT "community_events_community_id_communities_id_fk";
--> statement-breakpoint
ALTER TABLE "community_events" DROP CONSTRAINT "community_events_notes_thread_id_community_threads_id_fk";
--> statement-breakpoint
ALTER TABLE "community_events" DROP CONSTRAINT "community_events_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_event_registrations" DROP CONSTRAINT "community_event_registrations_event_id_community_events_id_fk";
--> statement-breakpoint
ALTER TABLE "community_event_registrations" DROP CONSTRAINT "community_event_registrations_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "community_event_speakers" DROP CONSTRAINT "community_event_speakers_event_id_community_events_id_fk";
--> statement-breakpoint
ALTER TABLE "community_event_speakers" DROP CONSTRAINT "community_event_speakers_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_applications" DROP CONSTRAINT "lesson_applications_lesson_id_lessons_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_applications" DROP CONSTRAINT "lesson_applications_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_applications" DROP CONSTRAINT "lesson_applications_decided_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_sources" DROP CONSTRAINT "lesson_sources_lesson_id_lessons_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_topics" DROP CONSTRAINT "lesson_topics_lesson_id_lessons_id_fk";
--> statement-breakpoint
ALTER TABLE "lesson_topics" DROP CONSTRAINT "lesson_topics_topic_id_topics_id_fk";
--> statement-breakpoint
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_owner_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_reviewed_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" DROP CONSTRAINT "public_lesson_sets_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" DROP CONSTRAINT "public_lesson_sets_published_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_comments" DROP CONSTRAINT "guide_comments_guide_id_guides_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_comments" DROP CONSTRAINT "guide_comments_author_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_progress" DROP CONSTRAINT "guide_progress_guide_id_guides_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_progress" DROP CONSTRAINT "guide_progress_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_progress" DROP CONSTRAINT "guide_progress_marked_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_versions" DROP CONSTRAINT "guide_versions_guide_id_guides_id_fk";
--> statement-breakpoint
ALTER TABLE "guide_versions" DROP CONSTRAINT "guide_versions_saved_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "guides" DROP CONSTRAINT "guides_owner_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "guides" DROP CONSTRAINT "guides_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "handovers" DROP CONSTRAINT "handovers_from_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "handovers" DROP CONSTRAINT "handovers_to_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "handovers" DROP CONSTRAINT "handovers_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_actor_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "unsubscribe_links" DROP CONSTRAINT "unsubscribe_links_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "introduction_people" DROP CONSTRAINT "introduction_people_introduction_id_introductions_id_fk";
--> statement-breakpoint
ALTER TABLE "introduction_people" DROP CONSTRAINT "introduction_people_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "introductions" DROP CONSTRAINT "introductions_introduced_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_person_a_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_person_b_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_introduction_id_introductions_id_fk";
--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_recorded_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_membership_id_memberships_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_created_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "privacy_settings" DROP CONSTRAINT "privacy_settings_updated_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "sso_providers" DROP CONSTRAINT "sso_providers_updated_by_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "sso_rules" DROP CONSTRAINT "sso_rules_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_token_hash_unique";
--> statement-breakpoint
ALTER TABLE "person_topics" DROP CONSTRAINT "person_topics_person_id_topic_id_pk";
--> statement-breakpoint
ALTER TABLE "search_postings" DROP CONSTRAINT "search_postings_document_id_term_pk";
--> statement-breakpoint
ALTER TABLE "evidence_import_rows" DROP CONSTRAINT "evidence_import_rows_import_id_position_pk";
--> statement-breakpoint
ALTER TABLE "evidence_topics" DROP CONSTRAINT "evidence_topics_evidence_id_topic_id_pk";
--> statement-breakpoint
ALTER TABLE "session_attendance" DROP CONSTRAINT "session_attendance_session_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" DROP CONSTRAINT "programme_change_feedback_change_id_feedback_id_pk";
--> statement-breakpoint
ALTER TABLE "programme_topics" DROP CONSTRAINT "programme_topics_programme_id_topic_id_pk";
--> statement-breakpoint
ALTER TABLE "session_needs" DROP CONSTRAINT "session_needs_session_id_need_id_pk";
--> statement-breakpoint
ALTER TABLE "session_readings" DROP CONSTRAINT "session_readings_session_id_evidence_item_id_pk";
--> statement-breakpoint
ALTER TABLE "session_speakers" DROP CONSTRAINT "session_speakers_session_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "reading_list_items" DROP CONSTRAINT "reading_list_items_list_id_evidence_id_pk";
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" DROP CONSTRAINT "survey_answer_tags_response_id_question_id_pk";
--> statement-breakpoint
ALTER TABLE "impact_evidence" DROP CONSTRAINT "impact_evidence_impact_id_evidence_id_pk";
--> statement-breakpoint
ALTER TABLE "impact_sessions" DROP CONSTRAINT "impact_sessions_impact_id_session_id_pk";
--> statement-breakpoint
ALTER TABLE "evaluation_report_sections" DROP CONSTRAINT "evaluation_report_sections_programme_id_key_pk";
--> statement-breakpoint
ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_response_id_question_id_pk";
--> statement-breakpoint
ALTER TABLE "survey_items" DROP CONSTRAINT "survey_items_survey_id_question_id_pk";
--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" DROP CONSTRAINT "delivery_round_reminders_round_id_kind_pk";
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" DROP CONSTRAINT "delivery_site_contacts_site_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "community_members" DROP CONSTRAINT "community_members_community_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "community_thread_followers" DROP CONSTRAINT "community_thread_followers_thread_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "community_event_registrations" DROP CONSTRAINT "community_event_registrations_event_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "community_event_speakers" DROP CONSTRAINT "community_event_speakers_event_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "lesson_applications" DROP CONSTRAINT "lesson_applications_lesson_id_programme_id_pk";
--> statement-breakpoint
ALTER TABLE "lesson_topics" DROP CONSTRAINT "lesson_topics_lesson_id_topic_id_pk";
--> statement-breakpoint
ALTER TABLE "guide_progress" DROP CONSTRAINT "guide_progress_guide_id_step_key_organisation_id_pk";
--> statement-breakpoint
ALTER TABLE "guide_versions" DROP CONSTRAINT "guide_versions_guide_id_number_pk";
--> statement-breakpoint
ALTER TABLE "introduction_people" DROP CONSTRAINT "introduction_people_introduction_id_person_id_pk";
--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";
--> statement-breakpoint
ALTER TABLE "workspace_events" DROP CONSTRAINT "workspace_events_pkey";
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_pkey";
--> statement-breakpoint
ALTER TABLE "topics" DROP CONSTRAINT "topics_pkey";
--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_pkey";
--> statement-breakpoint
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_pkey";
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_pkey";
--> statement-breakpoint
ALTER TABLE "search_documents" DROP CONSTRAINT "search_documents_pkey";
--> statement-breakpoint
ALTER TABLE "evidence_attachment_files" DROP CONSTRAINT "evidence_attachment_files_pkey";
--> statement-breakpoint
ALTER TABLE "evidence_attachments" DROP CONSTRAINT "evidence_attachments_pkey";
--> statement-breakpoint
ALTER TABLE "evidence_imports" DROP CONSTRAINT "evidence_imports_pkey";
--> statement-breakpoint
ALTER TABLE "evidence_items" DROP CONSTRAINT "evidence_items_pkey";
--> statement-breakpoint
ALTER TABLE "action_entries" DROP CONSTRAINT "action_entries_pkey";
--> statement-breakpoint
ALTER TABLE "policy_challenges" DROP CONSTRAINT "policy_challenges_pkey";
--> statement-breakpoint
ALTER TABLE "cohort_members" DROP CONSTRAINT "cohort_members_pkey";
--> statement-breakpoint
ALTER TABLE "intake_responses" DROP CONSTRAINT "intake_responses_pkey";
--> statement-breakpoint
ALTER TABLE "need_statements" DROP CONSTRAINT "need_statements_pkey";
--> statement-breakpoint
ALTER TABLE "needs" DROP CONSTRAINT "needs_pkey";
--> statement-breakpoint
ALTER TABLE "programme_changes" DROP CONSTRAINT "programme_changes_pkey";
--> statement-breakpoint
ALTER TABLE "programme_sessions" DROP CONSTRAINT "programme_sessions_pkey";
--> statement-breakpoint
ALTER TABLE "programmes" DROP CONSTRAINT "programmes_pkey";
--> statement-breakpoint
ALTER TABLE "session_feedback" DROP CONSTRAINT "session_feedback_pkey";
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" DROP CONSTRAINT "action_learning_presentations_pkey";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_pkey";
--> statement-breakpoint
ALTER TABLE "reading_lists" DROP CONSTRAINT "reading_lists_pkey";
--> statement-breakpoint
ALTER TABLE "impact_examples" DROP CONSTRAINT "impact_examples_pkey";
--> statement-breakpoint
ALTER TABLE "outcome_domains" DROP CONSTRAINT "outcome_domains_pkey";
--> statement-breakpoint
ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_pkey";
--> statement-breakpoint
ALTER TABLE "survey_questions" DROP CONSTRAINT "survey_questions_pkey";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_pkey";
--> statement-breakpoint
ALTER TABLE "surveys" DROP CONSTRAINT "surveys_pkey";
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" DROP CONSTRAINT "checkpoint_briefings_pkey";
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" DROP CONSTRAINT "checkpoint_returns_pkey";
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" DROP CONSTRAINT "checkpoint_rounds_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_sites" DROP CONSTRAINT "delivery_sites_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_themes" DROP CONSTRAINT "delivery_themes_pkey";
--> statement-breakpoint
ALTER TABLE "return_templates" DROP CONSTRAINT "return_templates_pkey";
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" DROP CONSTRAINT "checkpoint_return_versions_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_round_automation" DROP CONSTRAINT "delivery_round_automation_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" DROP CONSTRAINT "delivery_theme_candidates_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" DROP CONSTRAINT "delivery_theme_codings_pkey";
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" DROP CONSTRAINT "delivery_theme_responses_pkey";
--> statement-breakpoint
ALTER TABLE "communities" DROP CONSTRAINT "communities_pkey";
--> statement-breakpoint
ALTER TABLE "community_attachment_files" DROP CONSTRAINT "community_attachment_files_pkey";
--> statement-breakpoint
ALTER TABLE "community_attachments" DROP CONSTRAINT "community_attachments_pkey";
--> statement-breakpoint
ALTER TABLE "community_posts" DROP CONSTRAINT "community_posts_pkey";
--> statement-breakpoint
ALTER TABLE "community_reports" DROP CONSTRAINT "community_reports_pkey";
--> statement-breakpoint
ALTER TABLE "community_threads" DROP CONSTRAINT "community_threads_pkey";
--> statement-breakpoint
ALTER TABLE "community_events" DROP CONSTRAINT "community_events_pkey";
--> statement-breakpoint
ALTER TABLE "lesson_sources" DROP CONSTRAINT "lesson_sources_pkey";
--> statement-breakpoint
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_pkey";
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" DROP CONSTRAINT "public_lesson_sets_pkey";
--> statement-breakpoint
ALTER TABLE "guide_comments" DROP CONSTRAINT "guide_comments_pkey";
--> statement-breakpoint
ALTER TABLE "guides" DROP CONSTRAINT "guides_pkey";
--> statement-breakpoint
ALTER TABLE "handovers" DROP CONSTRAINT "handovers_pkey";
--> statement-breakpoint
ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_pkey";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_pkey";
--> statement-breakpoint
ALTER TABLE "unsubscribe_links" DROP CONSTRAINT "unsubscribe_links_pkey";
--> statement-breakpoint
ALTER TABLE "introductions" DROP CONSTRAINT "introductions_pkey";
--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_pkey";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey";
--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_pkey";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_pkey";
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_pkey";
--> statement-breakpoint
ALTER TABLE "sso_attempts" DROP CONSTRAINT "sso_attempts_pkey";
--> statement-breakpoint
ALTER TABLE "sso_identities" DROP CONSTRAINT "sso_identities_pkey";
--> statement-breakpoint
ALTER TABLE "sso_rules" DROP CONSTRAINT "sso_rules_pkey";
--> statement-breakpoint
DROP INDEX "policy_challenges_programme_person_key";
--> statement-breakpoint
DROP INDEX "cohort_members_programme_person_key";
--> statement-breakpoint
DROP INDEX "intake_responses_programme_person_key";
--> statement-breakpoint
DROP INDEX "programmes_calendar_token_key";
--> statement-breakpoint
DROP INDEX "session_feedback_session_person_key";
--> statement-breakpoint
DROP INDEX "action_learning_presentations_session_person_key";
--> statement-breakpoint
DROP INDEX "survey_invitations_survey_person_key";
--> statement-breakpoint
DROP INDEX "survey_invitations_token_key";
--> statement-breakpoint
DROP INDEX "survey_responses_resume_key";
--> statement-breakpoint
DROP INDEX "survey_responses_survey_person_key";
--> statement-breakpoint
DROP INDEX "surveys_programme_wave_key";
--> statement-breakpoint
DROP INDEX "checkpoint_briefings_round_key";
--> statement-breakpoint
DROP INDEX "checkpoint_returns_round_site_key";
--> statement-breakpoint
DROP INDEX "checkpoint_rounds_programme_number_key";
--> statement-breakpoint
DROP INDEX "delivery_sites_programme_organisation_key";
--> statement-breakpoint
DROP INDEX "delivery_themes_programme_name_key";
--> statement-breakpoint
DROP INDEX "return_templates_programme_version_key";
--> statement-breakpoint
DROP INDEX "delivery_theme_codings_unit_theme_key";
--> statement-breakpoint
DROP INDEX "unsubscribe_links_token_key";
--> statement-breakpoint
DROP INDEX "api_tokens_hash_key";
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "workspace_events" ADD CONSTRAINT "workspace_events_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_pkey" PRIMARY KEY("person_id","topic_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_pkey" PRIMARY KEY("document_id","workspace_id","term");
--> statement-breakpoint
ALTER TABLE "evidence_attachment_files" ADD CONSTRAINT "evidence_attachment_files_pkey" PRIMARY KEY("attachment_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "evidence_import_rows" ADD CONSTRAINT "evidence_import_rows_pkey" PRIMARY KEY("import_id","position","workspace_id");
--> statement-breakpoint
ALTER TABLE "evidence_imports" ADD CONSTRAINT "evidence_imports_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_pkey" PRIMARY KEY("evidence_id","topic_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "action_entries" ADD CONSTRAINT "action_entries_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_pkey" PRIMARY KEY("session_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "policy_challenges" ADD CONSTRAINT "policy_challenges_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" ADD CONSTRAINT "programme_change_feedback_pkey" PRIMARY KEY("change_id","feedback_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "need_statements" ADD CONSTRAINT "need_statements_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "programme_sessions" ADD CONSTRAINT "programme_sessions_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "programme_topics" ADD CONSTRAINT "programme_topics_pkey" PRIMARY KEY("programme_id","topic_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "session_needs" ADD CONSTRAINT "session_needs_pkey" PRIMARY KEY("session_id","need_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "session_readings" ADD CONSTRAINT "session_readings_pkey" PRIMARY KEY("session_id","evidence_item_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_pkey" PRIMARY KEY("session_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" ADD CONSTRAINT "action_learning_presentations_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "reading_list_items" ADD CONSTRAINT "reading_list_items_pkey" PRIMARY KEY("list_id","evidence_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "reading_lists" ADD CONSTRAINT "reading_lists_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_pkey" PRIMARY KEY("response_id","question_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "impact_evidence" ADD CONSTRAINT "impact_evidence_pkey" PRIMARY KEY("impact_id","evidence_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "impact_examples" ADD CONSTRAINT "impact_examples_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "impact_sessions" ADD CONSTRAINT "impact_sessions_pkey" PRIMARY KEY("impact_id","session_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "outcome_domains" ADD CONSTRAINT "outcome_domains_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "evaluation_report_sections" ADD CONSTRAINT "evaluation_report_sections_pkey" PRIMARY KEY("programme_id","key","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_pkey" PRIMARY KEY("response_id","question_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_items" ADD CONSTRAINT "survey_items_pkey" PRIMARY KEY("survey_id","question_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_themes" ADD CONSTRAINT "delivery_themes_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "return_templates" ADD CONSTRAINT "return_templates_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_round_automation" ADD CONSTRAINT "delivery_round_automation_pkey" PRIMARY KEY("programme_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" ADD CONSTRAINT "delivery_round_reminders_pkey" PRIMARY KEY("round_id","kind","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_pkey" PRIMARY KEY("site_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_attachment_files" ADD CONSTRAINT "community_attachment_files_pkey" PRIMARY KEY("attachment_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_attachments" ADD CONSTRAINT "community_attachments_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_pkey" PRIMARY KEY("community_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_threads" ADD CONSTRAINT "community_threads_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_thread_followers" ADD CONSTRAINT "community_thread_followers_pkey" PRIMARY KEY("thread_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_event_registrations" ADD CONSTRAINT "community_event_registrations_pkey" PRIMARY KEY("event_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "community_event_speakers" ADD CONSTRAINT "community_event_speakers_pkey" PRIMARY KEY("event_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_pkey" PRIMARY KEY("lesson_id","programme_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "lesson_sources" ADD CONSTRAINT "lesson_sources_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_pkey" PRIMARY KEY("lesson_id","topic_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_pkey" PRIMARY KEY("programme_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "guide_comments" ADD CONSTRAINT "guide_comments_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "guide_progress" ADD CONSTRAINT "guide_progress_pkey" PRIMARY KEY("guide_id","step_key","organisation_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_pkey" PRIMARY KEY("guide_id","number","workspace_id");
--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "unsubscribe_links" ADD CONSTRAINT "unsubscribe_links_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "introduction_people" ADD CONSTRAINT "introduction_people_pkey" PRIMARY KEY("introduction_id","person_id","workspace_id");
--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "sso_attempts" ADD CONSTRAINT "sso_attempts_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
ALTER TABLE "sso_rules" ADD CONSTRAINT "sso_rules_pkey" PRIMARY KEY("id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_challenges_programme_person_key" ON "policy_challenges" USING btree ("programme_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_members_programme_person_key" ON "cohort_members" USING btree ("programme_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "intake_responses_programme_person_key" ON "intake_responses" USING btree ("programme_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_calendar_token_key" ON "programmes" USING btree ("calendar_token","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "session_feedback_session_person_key" ON "session_feedback" USING btree ("session_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "action_learning_presentations_session_person_key" ON "action_learning_presentations" USING btree ("session_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_survey_person_key" ON "survey_invitations" USING btree ("survey_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token_key" ON "survey_invitations" USING btree ("token_hash","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_resume_key" ON "survey_responses" USING btree ("resume_hash","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_survey_person_key" ON "survey_responses" USING btree ("survey_id","person_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_programme_wave_key" ON "surveys" USING btree ("programme_id","wave","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_briefings_round_key" ON "checkpoint_briefings" USING btree ("round_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_returns_round_site_key" ON "checkpoint_returns" USING btree ("round_id","site_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_rounds_programme_number_key" ON "checkpoint_rounds" USING btree ("programme_id","number","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_sites_programme_organisation_key" ON "delivery_sites" USING btree ("programme_id","organisation_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_themes_programme_name_key" ON "delivery_themes" USING btree ("programme_id",lower("name"),"workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "return_templates_programme_version_key" ON "return_templates" USING btree ("programme_id","version","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_theme_codings_unit_theme_key" ON "delivery_theme_codings" USING btree ("return_id","section_key","theme_id","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "unsubscribe_links_token_key" ON "unsubscribe_links" USING btree ("token_hash","workspace_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash","workspace_id");
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_fkey" FOREIGN KEY ("workspace_id","parent_id") REFERENCES "public"."organisations"("workspace_id","id") ON DELETE SET NULL ("parent_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_fkey" FOREIGN KEY ("workspace_id","organisation_id") REFERENCES "public"."organisations"("workspace_id","id") ON DELETE SET NULL ("organisation_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_topic_id_fkey" FOREIGN KEY ("workspace_id","topic_id") REFERENCES "public"."topics"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_document_id_fkey" FOREIGN KEY ("workspace_id","document_id") REFERENCES "public"."search_documents"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_attachment_files" ADD CONSTRAINT "evidence_attachment_files_attachment_id_fkey" FOREIGN KEY ("workspace_id","attachment_id") REFERENCES "public"."evidence_attachments"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_evidence_id_fkey" FOREIGN KEY ("workspace_id","evidence_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_added_by_person_id_fkey" FOREIGN KEY ("workspace_id","added_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("added_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_import_rows" ADD CONSTRAINT "evidence_import_rows_import_id_fkey" FOREIGN KEY ("workspace_id","import_id") REFERENCES "public"."evidence_imports"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_imports" ADD CONSTRAINT "evidence_imports_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_added_by_person_id_fkey" FOREIGN KEY ("workspace_id","added_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("added_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_evidence_id_fkey" FOREIGN KEY ("workspace_id","evidence_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_topic_id_fkey" FOREIGN KEY ("workspace_id","topic_id") REFERENCES "public"."topics"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "action_entries" ADD CONSTRAINT "action_entries_challenge_id_fkey" FOREIGN KEY ("workspace_id","challenge_id") REFERENCES "public"."policy_challenges"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "action_entries" ADD CONSTRAINT "action_entries_evidence_item_id_fkey" FOREIGN KEY ("workspace_id","evidence_item_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE SET NULL ("evidence_item_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "policy_challenges" ADD CONSTRAINT "policy_challenges_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "policy_challenges" ADD CONSTRAINT "policy_challenges_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" ADD CONSTRAINT "programme_change_feedback_change_id_fkey" FOREIGN KEY ("workspace_id","change_id") REFERENCES "public"."programme_changes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_change_feedback" ADD CONSTRAINT "programme_change_feedback_feedback_id_fkey" FOREIGN KEY ("workspace_id","feedback_id") REFERENCES "public"."session_feedback"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "need_statements" ADD CONSTRAINT "need_statements_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "need_statements" ADD CONSTRAINT "need_statements_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "need_statements" ADD CONSTRAINT "need_statements_need_id_fkey" FOREIGN KEY ("workspace_id","need_id") REFERENCES "public"."needs"("workspace_id","id") ON DELETE SET NULL ("need_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_recorded_by_person_id_fkey" FOREIGN KEY ("workspace_id","recorded_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("recorded_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_sessions" ADD CONSTRAINT "programme_sessions_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_topics" ADD CONSTRAINT "programme_topics_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "programme_topics" ADD CONSTRAINT "programme_topics_topic_id_fkey" FOREIGN KEY ("workspace_id","topic_id") REFERENCES "public"."topics"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_needs" ADD CONSTRAINT "session_needs_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_needs" ADD CONSTRAINT "session_needs_need_id_fkey" FOREIGN KEY ("workspace_id","need_id") REFERENCES "public"."needs"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_readings" ADD CONSTRAINT "session_readings_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_readings" ADD CONSTRAINT "session_readings_evidence_item_id_fkey" FOREIGN KEY ("workspace_id","evidence_item_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" ADD CONSTRAINT "action_learning_presentations_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "action_learning_presentations" ADD CONSTRAINT "action_learning_presentations_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_requested_by_person_id_fkey" FOREIGN KEY ("workspace_id","requested_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_assigned_to_person_id_fkey" FOREIGN KEY ("workspace_id","assigned_to_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("assigned_to_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_list_items" ADD CONSTRAINT "reading_list_items_list_id_fkey" FOREIGN KEY ("workspace_id","list_id") REFERENCES "public"."reading_lists"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_list_items" ADD CONSTRAINT "reading_list_items_evidence_id_fkey" FOREIGN KEY ("workspace_id","evidence_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_lists" ADD CONSTRAINT "reading_lists_topic_id_fkey" FOREIGN KEY ("workspace_id","topic_id") REFERENCES "public"."topics"("workspace_id","id") ON DELETE SET NULL ("topic_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_lists" ADD CONSTRAINT "reading_lists_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_lists" ADD CONSTRAINT "reading_lists_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE SET NULL ("session_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "reading_lists" ADD CONSTRAINT "reading_lists_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_response_id_fkey" FOREIGN KEY ("workspace_id","response_id") REFERENCES "public"."survey_responses"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_question_id_fkey" FOREIGN KEY ("workspace_id","question_id") REFERENCES "public"."survey_questions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_domain_id_fkey" FOREIGN KEY ("workspace_id","domain_id") REFERENCES "public"."outcome_domains"("workspace_id","id") ON DELETE SET NULL ("domain_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_evidence" ADD CONSTRAINT "impact_evidence_impact_id_fkey" FOREIGN KEY ("workspace_id","impact_id") REFERENCES "public"."impact_examples"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_evidence" ADD CONSTRAINT "impact_evidence_evidence_id_fkey" FOREIGN KEY ("workspace_id","evidence_id") REFERENCES "public"."evidence_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_examples" ADD CONSTRAINT "impact_examples_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_examples" ADD CONSTRAINT "impact_examples_recorded_by_person_id_fkey" FOREIGN KEY ("workspace_id","recorded_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("recorded_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_examples" ADD CONSTRAINT "impact_examples_verified_by_person_id_fkey" FOREIGN KEY ("workspace_id","verified_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("verified_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_sessions" ADD CONSTRAINT "impact_sessions_impact_id_fkey" FOREIGN KEY ("workspace_id","impact_id") REFERENCES "public"."impact_examples"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "impact_sessions" ADD CONSTRAINT "impact_sessions_session_id_fkey" FOREIGN KEY ("workspace_id","session_id") REFERENCES "public"."programme_sessions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "outcome_domains" ADD CONSTRAINT "outcome_domains_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evaluation_report_sections" ADD CONSTRAINT "evaluation_report_sections_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_fkey" FOREIGN KEY ("workspace_id","response_id") REFERENCES "public"."survey_responses"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_fkey" FOREIGN KEY ("workspace_id","question_id") REFERENCES "public"."survey_questions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_fkey" FOREIGN KEY ("workspace_id","survey_id") REFERENCES "public"."surveys"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_items" ADD CONSTRAINT "survey_items_survey_id_fkey" FOREIGN KEY ("workspace_id","survey_id") REFERENCES "public"."surveys"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_items" ADD CONSTRAINT "survey_items_question_id_fkey" FOREIGN KEY ("workspace_id","question_id") REFERENCES "public"."survey_questions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_domain_id_fkey" FOREIGN KEY ("workspace_id","domain_id") REFERENCES "public"."outcome_domains"("workspace_id","id") ON DELETE SET NULL ("domain_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("workspace_id","survey_id") REFERENCES "public"."surveys"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_round_id_fkey" FOREIGN KEY ("workspace_id","round_id") REFERENCES "public"."checkpoint_rounds"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_updated_by_person_id_fkey" FOREIGN KEY ("workspace_id","updated_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("updated_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_round_id_fkey" FOREIGN KEY ("workspace_id","round_id") REFERENCES "public"."checkpoint_rounds"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_site_id_fkey" FOREIGN KEY ("workspace_id","site_id") REFERENCES "public"."delivery_sites"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_template_id_fkey" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."return_templates"("workspace_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_submitted_by_person_id_fkey" FOREIGN KEY ("workspace_id","submitted_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("submitted_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_updated_by_person_id_fkey" FOREIGN KEY ("workspace_id","updated_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("updated_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_template_id_fkey" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."return_templates"("workspace_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_organisation_id_fkey" FOREIGN KEY ("workspace_id","organisation_id") REFERENCES "public"."organisations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_themes" ADD CONSTRAINT "delivery_themes_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "return_templates" ADD CONSTRAINT "return_templates_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_return_id_fkey" FOREIGN KEY ("workspace_id","return_id") REFERENCES "public"."checkpoint_returns"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_saved_by_person_id_fkey" FOREIGN KEY ("workspace_id","saved_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("saved_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_round_automation" ADD CONSTRAINT "delivery_round_automation_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" ADD CONSTRAINT "delivery_round_reminders_round_id_fkey" FOREIGN KEY ("workspace_id","round_id") REFERENCES "public"."checkpoint_rounds"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_site_id_fkey" FOREIGN KEY ("workspace_id","site_id") REFERENCES "public"."delivery_sites"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_theme_id_fkey" FOREIGN KEY ("workspace_id","theme_id") REFERENCES "public"."delivery_themes"("workspace_id","id") ON DELETE SET NULL ("theme_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_theme_id_fkey" FOREIGN KEY ("workspace_id","theme_id") REFERENCES "public"."delivery_themes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_return_id_fkey" FOREIGN KEY ("workspace_id","return_id") REFERENCES "public"."checkpoint_returns"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_coded_by_person_id_fkey" FOREIGN KEY ("workspace_id","coded_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("coded_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_theme_id_fkey" FOREIGN KEY ("workspace_id","theme_id") REFERENCES "public"."delivery_themes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_round_id_fkey" FOREIGN KEY ("workspace_id","round_id") REFERENCES "public"."checkpoint_rounds"("workspace_id","id") ON DELETE SET NULL ("round_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_responded_by_person_id_fkey" FOREIGN KEY ("workspace_id","responded_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("responded_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE SET NULL ("programme_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_attachment_files" ADD CONSTRAINT "community_attachment_files_attachment_id_fkey" FOREIGN KEY ("workspace_id","attachment_id") REFERENCES "public"."community_attachments"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_attachments" ADD CONSTRAINT "community_attachments_thread_id_fkey" FOREIGN KEY ("workspace_id","thread_id") REFERENCES "public"."community_threads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_attachments" ADD CONSTRAINT "community_attachments_post_id_fkey" FOREIGN KEY ("workspace_id","post_id") REFERENCES "public"."community_posts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_attachments" ADD CONSTRAINT "community_attachments_added_by_person_id_fkey" FOREIGN KEY ("workspace_id","added_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("added_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_fkey" FOREIGN KEY ("workspace_id","community_id") REFERENCES "public"."communities"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_thread_id_fkey" FOREIGN KEY ("workspace_id","thread_id") REFERENCES "public"."community_threads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_author_person_id_fkey" FOREIGN KEY ("workspace_id","author_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("author_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_thread_id_fkey" FOREIGN KEY ("workspace_id","thread_id") REFERENCES "public"."community_threads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_post_id_fkey" FOREIGN KEY ("workspace_id","post_id") REFERENCES "public"."community_posts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_reported_by_person_id_fkey" FOREIGN KEY ("workspace_id","reported_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("reported_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_threads" ADD CONSTRAINT "community_threads_community_id_fkey" FOREIGN KEY ("workspace_id","community_id") REFERENCES "public"."communities"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_threads" ADD CONSTRAINT "community_threads_author_person_id_fkey" FOREIGN KEY ("workspace_id","author_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("author_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_thread_followers" ADD CONSTRAINT "community_thread_followers_thread_id_fkey" FOREIGN KEY ("workspace_id","thread_id") REFERENCES "public"."community_threads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_thread_followers" ADD CONSTRAINT "community_thread_followers_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_community_id_fkey" FOREIGN KEY ("workspace_id","community_id") REFERENCES "public"."communities"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_notes_thread_id_fkey" FOREIGN KEY ("workspace_id","notes_thread_id") REFERENCES "public"."community_threads"("workspace_id","id") ON DELETE SET NULL ("notes_thread_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_event_registrations" ADD CONSTRAINT "community_event_registrations_event_id_fkey" FOREIGN KEY ("workspace_id","event_id") REFERENCES "public"."community_events"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_event_registrations" ADD CONSTRAINT "community_event_registrations_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_event_speakers" ADD CONSTRAINT "community_event_speakers_event_id_fkey" FOREIGN KEY ("workspace_id","event_id") REFERENCES "public"."community_events"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_event_speakers" ADD CONSTRAINT "community_event_speakers_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_lesson_id_fkey" FOREIGN KEY ("workspace_id","lesson_id") REFERENCES "public"."lessons"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_decided_by_person_id_fkey" FOREIGN KEY ("workspace_id","decided_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("decided_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_sources" ADD CONSTRAINT "lesson_sources_lesson_id_fkey" FOREIGN KEY ("workspace_id","lesson_id") REFERENCES "public"."lessons"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_lesson_id_fkey" FOREIGN KEY ("workspace_id","lesson_id") REFERENCES "public"."lessons"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_topic_id_fkey" FOREIGN KEY ("workspace_id","topic_id") REFERENCES "public"."topics"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE SET NULL ("programme_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_owner_person_id_fkey" FOREIGN KEY ("workspace_id","owner_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("owner_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_reviewed_by_person_id_fkey" FOREIGN KEY ("workspace_id","reviewed_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("reviewed_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_programme_id_fkey" FOREIGN KEY ("workspace_id","programme_id") REFERENCES "public"."programmes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_published_by_person_id_fkey" FOREIGN KEY ("workspace_id","published_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("published_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_comments" ADD CONSTRAINT "guide_comments_guide_id_fkey" FOREIGN KEY ("workspace_id","guide_id") REFERENCES "public"."guides"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_comments" ADD CONSTRAINT "guide_comments_author_person_id_fkey" FOREIGN KEY ("workspace_id","author_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("author_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_progress" ADD CONSTRAINT "guide_progress_guide_id_fkey" FOREIGN KEY ("workspace_id","guide_id") REFERENCES "public"."guides"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_progress" ADD CONSTRAINT "guide_progress_organisation_id_fkey" FOREIGN KEY ("workspace_id","organisation_id") REFERENCES "public"."organisations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_progress" ADD CONSTRAINT "guide_progress_marked_by_person_id_fkey" FOREIGN KEY ("workspace_id","marked_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("marked_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_guide_id_fkey" FOREIGN KEY ("workspace_id","guide_id") REFERENCES "public"."guides"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_saved_by_person_id_fkey" FOREIGN KEY ("workspace_id","saved_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("saved_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_owner_person_id_fkey" FOREIGN KEY ("workspace_id","owner_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("owner_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_from_person_id_fkey" FOREIGN KEY ("workspace_id","from_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_person_id_fkey" FOREIGN KEY ("workspace_id","to_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("to_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_person_id_fkey" FOREIGN KEY ("workspace_id","actor_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("actor_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "unsubscribe_links" ADD CONSTRAINT "unsubscribe_links_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "introduction_people" ADD CONSTRAINT "introduction_people_introduction_id_fkey" FOREIGN KEY ("workspace_id","introduction_id") REFERENCES "public"."introductions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "introduction_people" ADD CONSTRAINT "introduction_people_person_id_fkey" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_introduced_by_person_id_fkey" FOREIGN KEY ("workspace_id","introduced_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("introduced_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_person_a_id_fkey" FOREIGN KEY ("workspace_id","person_a_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_person_b_id_fkey" FOREIGN KEY ("workspace_id","person_b_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_introduction_id_fkey" FOREIGN KEY ("workspace_id","introduction_id") REFERENCES "public"."introductions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_recorded_by_person_id_fkey" FOREIGN KEY ("workspace_id","recorded_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("recorded_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_membership_id_fkey" FOREIGN KEY ("workspace_id","membership_id") REFERENCES "public"."memberships"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("workspace_id","delivery_id") REFERENCES "public"."webhook_deliveries"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("workspace_id","endpoint_id") REFERENCES "public"."webhook_endpoints"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_person_id_fkey" FOREIGN KEY ("workspace_id","created_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("created_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_updated_by_person_id_fkey" FOREIGN KEY ("workspace_id","updated_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("updated_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sso_providers" ADD CONSTRAINT "sso_providers_updated_by_person_id_fkey" FOREIGN KEY ("workspace_id","updated_by_person_id") REFERENCES "public"."people"("workspace_id","id") ON DELETE SET NULL ("updated_by_person_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sso_rules" ADD CONSTRAINT "sso_rules_organisation_id_fkey" FOREIGN KEY ("workspace_id","organisation_id") REFERENCES "public"."organisations"("workspace_id","id") ON DELETE SET NULL ("organisation_id") ON UPDATE no action;
