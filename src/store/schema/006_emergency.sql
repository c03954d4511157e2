-- 006_emergency.sql - emergency mobilisation (应急守护): incidents
-- with a social worker's assessment, call-outs to the nearest qualified
-- volunteers, the incident's timeline and volunteers' feedback reports; the
-- skills vocabulary behind the in-memory index's skill masks and the change
-- log that keeps every server process's index correct. Portable SQL as in
-- 001 (@PK@; times BIGINT unix seconds), plus one part per backend where
-- SQLite cannot alter a column (@IF kind@ ... @END@).

CREATE TABLE emergencies (
	id @PK@,
	type TEXT NOT NULL,
	title TEXT,
	description TEXT,
	place TEXT,
	lat DOUBLE PRECISION NOT NULL,
	lon DOUBLE PRECISION NOT NULL,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	severity TEXT NOT NULL,
	required_skills TEXT,
	status TEXT NOT NULL,
	needed_count INTEGER,
	radius_km DOUBLE PRECISION,
	plan TEXT,
	assessed_by_social_worker_id BIGINT REFERENCES social_workers(id),
	assessed_at BIGINT,
	oversubscription DOUBLE PRECISION NOT NULL DEFAULT 2.0,
	ack_deadline_s INTEGER NOT NULL DEFAULT 180,
	wave INTEGER NOT NULL DEFAULT 0,
	wave_deadline BIGINT,
	reported_by_user_id BIGINT,
	closed_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX emergencies_org ON emergencies(org_id);
CREATE INDEX emergencies_region ON emergencies(region_id);
CREATE INDEX emergencies_status ON emergencies(status);

-- One call-out per volunteer and incident; person_id repeated so that one
-- person with volunteer records in two orgs is called once.
CREATE TABLE callouts (
	id @PK@,
	emergency_id BIGINT NOT NULL REFERENCES emergencies(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	wave INTEGER NOT NULL,
	distance_m DOUBLE PRECISION NOT NULL,
	status TEXT NOT NULL,
	called_at BIGINT NOT NULL,
	answered_at BIGINT,
	arrived_at BIGINT,
	closed_at BIGINT,
	updated_at BIGINT NOT NULL,
	UNIQUE (emergency_id, volunteer_id)
);
CREATE INDEX callouts_emergency ON callouts(emergency_id, status);
CREATE INDEX callouts_person ON callouts(person_id, status);
-- a call-out reaches each account of the person
CREATE INDEX users_person ON users(person_id);

CREATE TABLE emergency_events (
	id @PK@,
	emergency_id BIGINT NOT NULL REFERENCES emergencies(id),
	at BIGINT NOT NULL,
	kind TEXT NOT NULL,
	volunteer_id BIGINT REFERENCES volunteers(id),
	user_id BIGINT,
	detail TEXT
);
CREATE INDEX emergency_events_emergency ON emergency_events(emergency_id, id);

CREATE TABLE emergency_reports (
	id @PK@,
	emergency_id BIGINT NOT NULL REFERENCES emergencies(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	kind TEXT NOT NULL,
	text TEXT NOT NULL,
	by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX emergency_reports_emergency ON emergency_reports(emergency_id, id);

-- Every skill name ever written on a person, numbered once and never
-- renumbered: skill id k is bit (k - 1) mod 64 of the index's skill masks.
CREATE TABLE skills (
	id @PK@,
	name TEXT NOT NULL UNIQUE
);

-- Changes that matter to the volunteer index: a person's place or skills,
-- a volunteer's stage or org. seq is taken from counters('geo_seq') in the
-- writing transaction, so the row lock orders writers and a reader never
-- sees seq n+1 committed before n.
CREATE TABLE geo_changes (
	id @PK@,
	seq BIGINT NOT NULL UNIQUE,
	person_id BIGINT NOT NULL,
	volunteer_id BIGINT,
	at BIGINT NOT NULL
);

-- Call-outs reach volunteers without an account too: a notification may be
-- addressed to a person (an SMS queued for the gateway) instead of a user.
@IF sqlite@
CREATE TABLE notifications_006 (
	id INTEGER PRIMARY KEY,
	user_id BIGINT REFERENCES users(id),
	channel TEXT NOT NULL,
	kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	ref_entity TEXT,
	ref_id BIGINT,
	status TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	read_at BIGINT,
	person_id BIGINT REFERENCES people(id),
	CHECK (user_id IS NOT NULL OR person_id IS NOT NULL)
);
INSERT INTO notifications_006 (id, user_id, channel, kind, subject, body, ref_entity, ref_id, status, attempts,
	created_at, read_at)
	SELECT id, user_id, channel, kind, subject, body, ref_entity, ref_id, status, attempts, created_at, read_at
	FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_006 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
@END@
@IF postgres@
ALTER TABLE notifications ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN person_id BIGINT REFERENCES people(id);
ALTER TABLE notifications ADD CONSTRAINT notifications_addressee CHECK (user_id IS NOT NULL OR person_id IS NOT NULL);
@END@
CREATE INDEX notifications_person ON notifications(person_id, id);
