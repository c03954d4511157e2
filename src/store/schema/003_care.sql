-- 003_care.sql - service delivery: service menus, needs and their status
-- history, clients with their case stages, mandatory reports and case notes.
-- Portable SQL as in 001 (@PK@, @C@; times BIGINT unix seconds).

CREATE TABLE service_menu (
	id @PK@,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	category TEXT NOT NULL,
	title TEXT NOT NULL,
	description TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (title, region_id)
);
CREATE INDEX service_menu_region ON service_menu(region_id);

CREATE TABLE needs (
	id @PK@,
	title TEXT NOT NULL,
	description TEXT,
	category TEXT NOT NULL,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	place TEXT,
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	urgency TEXT NOT NULL,
	required_skills TEXT,
	status TEXT NOT NULL,
	assigned_social_worker_id BIGINT REFERENCES social_workers(id),
	raised_by TEXT NOT NULL,
	raised_by_person_id BIGINT REFERENCES people(id),
	raised_by_org_id BIGINT REFERENCES orgs(id),
	window_start BIGINT,
	window_end BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX needs_region ON needs(region_id);
CREATE INDEX needs_status ON needs(status);
CREATE INDEX needs_person ON needs(raised_by_person_id);
CREATE INDEX needs_org ON needs(raised_by_org_id);
CREATE INDEX needs_worker ON needs(assigned_social_worker_id);

CREATE TABLE need_events (
	id @PK@,
	need_id BIGINT NOT NULL REFERENCES needs(id),
	from_status TEXT,
	to_status TEXT NOT NULL,
	note TEXT,
	assigned_social_worker_id BIGINT,
	by_user_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX need_events_need ON need_events(need_id, id);

CREATE TABLE clients (
	id @PK@,
	person_id BIGINT NOT NULL REFERENCES people(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	category TEXT NOT NULL,
	care_level TEXT,
	case_stage TEXT NOT NULL,
	social_worker_id BIGINT REFERENCES social_workers(id),
	volunteer_id BIGINT REFERENCES volunteers(id),
	consent INTEGER NOT NULL,
	consent_at BIGINT NOT NULL,
	capacity TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX clients_org ON clients(org_id);
CREATE INDEX clients_person ON clients(person_id);
CREATE INDEX clients_worker ON clients(social_worker_id);
CREATE INDEX clients_volunteer ON clients(volunteer_id);
-- One open case per person, org and category; a closed case may be opened again.
CREATE UNIQUE INDEX clients_open_case ON clients(person_id, org_id, category) WHERE case_stage <> 'closure';

CREATE TABLE client_stage_events (
	id @PK@,
	client_id BIGINT NOT NULL REFERENCES clients(id),
	from_stage TEXT,
	to_stage TEXT NOT NULL,
	note TEXT,
	by_user_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX client_stage_events_client ON client_stage_events(client_id);

CREATE TABLE mandatory_reports (
	id @PK@,
	client_id BIGINT NOT NULL REFERENCES clients(id),
	reason TEXT NOT NULL,
	status TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	filed_at BIGINT,
	filed_by_user_id BIGINT,
	filed_note TEXT
);
CREATE INDEX mandatory_reports_client ON mandatory_reports(client_id);
CREATE INDEX mandatory_reports_status ON mandatory_reports(status);

-- Case notes: only ciphertext (XChaCha20-Poly1305 under the deployment key).
CREATE TABLE case_notes (
	id @PK@,
	client_id BIGINT NOT NULL REFERENCES clients(id),
	text_enc TEXT NOT NULL,
	by_user_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX case_notes_client ON case_notes(client_id);
