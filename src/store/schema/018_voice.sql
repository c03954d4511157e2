-- 018_voice.sql - volunteer and resident voice (issue 15 item 5).
--
-- shift_feedback: a volunteer's rating (1-5) and comment on a shift they
-- served, one per sign-up (the unique sign-up makes a retried POST an
-- update, never a second row). need_ratings: the resident who raised a
-- need rates the service once the need is closed, one per need.
--
-- surveys: an org's satisfaction survey; its questions are JSON text
-- (model/fields_voice.h). survey_recipients: the people the survey was
-- sent to when it opened (the scope, frozen then). survey_respondents:
-- who answered, only so that nobody answers twice (the primary key makes a
-- second answer 409 even when two arrive at once); it holds no time and no
-- row id, and no statement joins it to survey_answers. survey_answers: one
-- row per answered value (one per chosen option of a multiple choice),
-- with no id and no time; person_id only for a survey that is not
-- anonymous (NULL otherwise).

CREATE TABLE shift_feedback (
	id @PK@,
	signup_id BIGINT NOT NULL UNIQUE REFERENCES signups(id),
	shift_id BIGINT NOT NULL REFERENCES shifts(id),
	activity_id BIGINT NOT NULL REFERENCES activities(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX shift_feedback_activity ON shift_feedback(activity_id, shift_id);
CREATE INDEX shift_feedback_volunteer ON shift_feedback(volunteer_id);

CREATE TABLE need_ratings (
	id @PK@,
	need_id BIGINT NOT NULL UNIQUE REFERENCES needs(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);

CREATE TABLE surveys (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	title TEXT NOT NULL,
	description TEXT,
	scope_kind TEXT NOT NULL CHECK (scope_kind IN ('org_volunteers', 'activity_participants', 'region_residents')),
	scope_org_id BIGINT REFERENCES orgs(id),
	scope_activity_id BIGINT REFERENCES activities(id),
	scope_region_id BIGINT REFERENCES regions(id),
	anonymous INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
	questions_json TEXT NOT NULL,
	recipients INTEGER NOT NULL DEFAULT 0,
	opened_at BIGINT,
	closed_at BIGINT,
	created_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX surveys_org ON surveys(org_id);

CREATE TABLE survey_recipients (
	survey_id BIGINT NOT NULL REFERENCES surveys(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	PRIMARY KEY (survey_id, person_id)
);
CREATE INDEX survey_recipients_person ON survey_recipients(person_id);

CREATE TABLE survey_respondents (
	survey_id BIGINT NOT NULL REFERENCES surveys(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	PRIMARY KEY (survey_id, person_id)
);

CREATE TABLE survey_answers (
	survey_id BIGINT NOT NULL REFERENCES surveys(id),
	question_key TEXT NOT NULL,
	choice TEXT,
	scale INTEGER CHECK (scale BETWEEN 1 AND 5),
	text_value TEXT,
	person_id BIGINT REFERENCES people(id)
);
CREATE INDEX survey_answers_survey ON survey_answers(survey_id, question_key);
