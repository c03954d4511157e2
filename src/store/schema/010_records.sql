-- 010_records.sql - records that hold up (issue 12): the flags a verifier
-- sees on a service record (attendance outside the shift's window, recorded
-- by hand, hours extended at verification and why), who recorded it by
-- name, a volunteer's requests for correction and the awards and
-- evaluations kept with their service (民政部令第67号 Art. 4-5). Portable
-- SQL as in 001; the partial unique index (one open correction per record)
-- reads the same on SQLite and PostgreSQL.

ALTER TABLE service_records ADD COLUMN outside_window INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_records ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_records ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_records ADD COLUMN extension_reason TEXT;
ALTER TABLE service_records ADD COLUMN recorder_name TEXT;

CREATE TABLE record_corrections (
	id @PK@,
	record_id BIGINT NOT NULL REFERENCES service_records(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	status TEXT NOT NULL,
	reason TEXT NOT NULL,
	answer TEXT,
	new_record_id BIGINT REFERENCES service_records(id),
	asked_by_user_id BIGINT,
	answered_by_user_id BIGINT,
	answered_at BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX record_corrections_record ON record_corrections(record_id);
CREATE INDEX record_corrections_org ON record_corrections(org_id, status);
CREATE UNIQUE INDEX record_corrections_one_open ON record_corrections(record_id) WHERE status = 'open';

CREATE TABLE volunteer_honors (
	id @PK@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	level TEXT,
	issuer TEXT NOT NULL,
	awarded_on TEXT NOT NULL,
	note TEXT,
	recorded_by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX volunteer_honors_volunteer ON volunteer_honors(volunteer_id);
