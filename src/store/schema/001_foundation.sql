-- 001_foundation.sql - regions, organisations, people, the two workforces,
-- accounts, sessions, throttling and the audit log.
-- Portable SQL: each backend replaces @PK@ with its auto-increment integer
-- primary key and @C@ with a byte-order collation (paths and names are
-- compared as prefix ranges, which must order bytewise). Times are BIGINT unix seconds; dates TEXT YYYY-MM-DD.

CREATE TABLE regions (
	id @PK@,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	level TEXT NOT NULL,
	parent_id BIGINT REFERENCES regions(id),
	path TEXT@C@ NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_id);
CREATE INDEX regions_path ON regions(path);

CREATE TABLE orgs (
	id @PK@,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	parent_id BIGINT REFERENCES orgs(id),
	address TEXT,
	phone TEXT,
	path TEXT@C@ NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX orgs_region ON orgs(region_id);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE org_links (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	other_org_id BIGINT NOT NULL REFERENCES orgs(id),
	note TEXT,
	created_at BIGINT NOT NULL,
	UNIQUE (org_id, other_org_id)
);

CREATE TABLE people (
	id @PK@,
	name TEXT@C@ NOT NULL,
	id_number_enc TEXT,
	id_number_hash TEXT UNIQUE,
	phone_enc TEXT,
	phone_hash TEXT,
	gender TEXT,
	birth_date TEXT,
	region_id BIGINT REFERENCES regions(id),
	org_id BIGINT REFERENCES orgs(id),
	address TEXT,
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	skills TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX people_phone ON people(phone_hash);
CREATE INDEX people_org ON people(org_id);
CREATE INDEX people_region ON people(region_id);
CREATE INDEX people_name ON people(name);

CREATE TABLE social_workers (
	id @PK@,
	person_id BIGINT NOT NULL REFERENCES people(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	qualification TEXT NOT NULL,
	certificate_no TEXT,
	fields TEXT,
	supervisor_id BIGINT REFERENCES social_workers(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (person_id, org_id)
);
CREATE INDEX social_workers_org ON social_workers(org_id);
CREATE INDEX social_workers_supervisor ON social_workers(supervisor_id);

CREATE TABLE volunteers (
	id @PK@,
	person_id BIGINT NOT NULL REFERENCES people(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	volunteer_no TEXT NOT NULL UNIQUE,
	stage TEXT NOT NULL,
	verified_hours DOUBLE PRECISION NOT NULL DEFAULT 0,
	stars INTEGER NOT NULL DEFAULT 0,
	guardian_consent INTEGER NOT NULL DEFAULT 0,
	guardian_name TEXT,
	background_check TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (person_id, org_id)
);
CREATE INDEX volunteers_org ON volunteers(org_id);
CREATE INDEX volunteers_stage ON volunteers(stage);

CREATE TABLE volunteer_stage_events (
	id @PK@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	from_stage TEXT,
	to_stage TEXT NOT NULL,
	note TEXT,
	by_user_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX volunteer_stage_events_volunteer ON volunteer_stage_events(volunteer_id);

CREATE TABLE users (
	id @PK@,
	username TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	person_id BIGINT REFERENCES people(id),
	created_at BIGINT NOT NULL
);

CREATE TABLE user_roles (
	id @PK@,
	user_id BIGINT NOT NULL REFERENCES users(id),
	role TEXT NOT NULL,
	org_id BIGINT REFERENCES orgs(id),
	region_id BIGINT REFERENCES regions(id)
);
CREATE INDEX user_roles_user ON user_roles(user_id);
CREATE INDEX user_roles_org ON user_roles(org_id);
CREATE INDEX user_roles_region ON user_roles(region_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id),
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE login_failures (
	id @PK@,
	username TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);

CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);

CREATE TABLE audit (
	id @PK@,
	at BIGINT NOT NULL,
	user_id BIGINT,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id BIGINT,
	before_json TEXT,
	after_json TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_user ON audit(user_id);
