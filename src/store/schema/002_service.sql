-- 002_service.sql - training, activities, shifts, sign-ups, attendance and
-- the service-hours ledger.

CREATE TABLE courses (
	id @PK@,
	title TEXT NOT NULL,
	kind TEXT NOT NULL,
	hours DOUBLE PRECISION NOT NULL,
	org_id BIGINT REFERENCES orgs(id),
	description TEXT,
	created_at BIGINT NOT NULL
);

CREATE TABLE course_sessions (
	id @PK@,
	course_id BIGINT NOT NULL REFERENCES courses(id),
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	place TEXT,
	created_at BIGINT NOT NULL
);
CREATE INDEX course_sessions_course ON course_sessions(course_id);

CREATE TABLE session_attendance (
	id @PK@,
	session_id BIGINT NOT NULL REFERENCES course_sessions(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	recorded_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	UNIQUE (session_id, person_id)
);

CREATE TABLE course_completions (
	id @PK@,
	course_id BIGINT NOT NULL REFERENCES courses(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	recorded_by_user_id BIGINT,
	completed_at BIGINT NOT NULL,
	UNIQUE (course_id, person_id)
);
CREATE INDEX course_completions_person ON course_completions(person_id);

CREATE TABLE activities (
	id @PK@,
	title TEXT NOT NULL,
	mode TEXT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	lead_social_worker_id BIGINT REFERENCES social_workers(id),
	place TEXT,
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	sign_up TEXT NOT NULL,
	risk_note TEXT,
	insurance_required INTEGER NOT NULL DEFAULT 0,
	description TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX activities_org ON activities(org_id);
CREATE INDEX activities_starts ON activities(starts_at);

CREATE TABLE activity_orgs (
	id @PK@,
	activity_id BIGINT NOT NULL REFERENCES activities(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	UNIQUE (activity_id, org_id)
);
CREATE INDEX activity_orgs_org ON activity_orgs(org_id);

CREATE TABLE positions (
	id @PK@,
	activity_id BIGINT NOT NULL REFERENCES activities(id),
	title TEXT NOT NULL,
	headcount INTEGER NOT NULL,
	required_skills TEXT,
	required_course_ids TEXT,
	risky INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);
CREATE INDEX positions_activity ON positions(activity_id);

CREATE TABLE shifts (
	id @PK@,
	activity_id BIGINT NOT NULL REFERENCES activities(id),
	position_id BIGINT NOT NULL REFERENCES positions(id),
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	capacity INTEGER NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX shifts_activity ON shifts(activity_id);
CREATE INDEX shifts_starts ON shifts(starts_at);

CREATE TABLE signups (
	id @PK@,
	shift_id BIGINT NOT NULL REFERENCES shifts(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	status TEXT NOT NULL,
	note TEXT,
	decided_by_user_id BIGINT,
	decided_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX signups_shift ON signups(shift_id, status);
CREATE INDEX signups_volunteer ON signups(volunteer_id, status);

CREATE TABLE attendance (
	id @PK@,
	signup_id BIGINT NOT NULL UNIQUE REFERENCES signups(id),
	check_in_at BIGINT NOT NULL,
	check_in_method TEXT NOT NULL,
	check_in_reason TEXT,
	check_in_by_user_id BIGINT,
	check_out_at BIGINT,
	check_out_method TEXT,
	check_out_reason TEXT,
	check_out_by_user_id BIGINT,
	service_record_id BIGINT
);

CREATE TABLE service_records (
	id @PK@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	activity_id BIGINT REFERENCES activities(id),
	signup_id BIGINT REFERENCES signups(id),
	content TEXT NOT NULL,
	place TEXT,
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	minutes BIGINT NOT NULL,
	status TEXT NOT NULL,
	person_in_charge TEXT,
	people_served TEXT,
	evaluation TEXT,
	recorder_user_id BIGINT,
	verifier_user_id BIGINT,
	verified_at BIGINT,
	void_reason TEXT,
	voided_by_user_id BIGINT,
	voided_at BIGINT,
	replaces_id BIGINT REFERENCES service_records(id),
	due_at BIGINT NOT NULL,
	late INTEGER NOT NULL DEFAULT 0,
	year INTEGER NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX service_records_signup ON service_records(signup_id);
CREATE INDEX service_records_volunteer ON service_records(volunteer_id, status, year);
CREATE INDEX service_records_org ON service_records(org_id);
CREATE INDEX service_records_year ON service_records(year, status);

-- Verified minutes per volunteer and year, recomputed from the ledger in the
-- transaction of every verify and void: the hours summary and the
-- recognition list read this instead of summing the records.
CREATE TABLE volunteer_hours (
	id @PK@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	year INTEGER NOT NULL,
	minutes BIGINT NOT NULL,
	UNIQUE (volunteer_id, year)
);
-- No index on (year, minutes): the recognition list must be driven from the
-- region's volunteers (volunteers_org), not from every volunteer of the year.

CREATE TABLE idempotency (
	id @PK@,
	user_id BIGINT NOT NULL,
	idem_key TEXT NOT NULL,
	route TEXT NOT NULL,
	status INTEGER NOT NULL,
	body TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (user_id, idem_key)
);

CREATE TABLE secrets (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

ALTER TABLE volunteers ADD COLUMN insured_until TEXT;

-- The notification outbox: written in the transaction of the
-- event it reports, so nothing is announced that did not happen and nothing
-- that happened goes unannounced. The in-app inbox delivers at once; other
-- channels (e-mail, SMS) are sent from here by a worker with retries.
CREATE TABLE notifications (
	id @PK@,
	user_id BIGINT NOT NULL REFERENCES users(id),
	channel TEXT NOT NULL,
	kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	ref_entity TEXT,
	ref_id BIGINT,
	status TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
