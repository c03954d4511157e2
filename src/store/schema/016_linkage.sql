-- 016_linkage.sql - the linkage itself (issue 15).
--
-- qualification_rules: the qualification a platform admin set for a kind
-- of work, where it differs from the default of domain/qualify.h (a work
-- with no row needs its default). `work` and `min_qualification` are the
-- API names of domain/qualify.h; who changed it and when. Portable SQL as
-- in 001.

CREATE TABLE qualification_rules (
	work TEXT PRIMARY KEY,
	min_qualification TEXT NOT NULL CHECK (min_qualification IN ('none', 'assistant', 'intermediate', 'senior')),
	updated_at BIGINT NOT NULL,
	updated_by_user_id BIGINT REFERENCES users(id)
);

-- The supervision chain (督导+社工+志愿者): a volunteer's lead social worker
-- (带教社工), and the supervision sessions, with the social workers each
-- session was for (one row each: supervision hours per worker and year
-- come from here). The confidential notes are sealed like case notes.
ALTER TABLE volunteers ADD COLUMN lead_social_worker_id BIGINT REFERENCES social_workers(id);
CREATE INDEX volunteers_lead ON volunteers(lead_social_worker_id);

CREATE TABLE supervision_sessions (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	supervisor_id BIGINT NOT NULL REFERENCES social_workers(id),
	form TEXT NOT NULL CHECK (form IN ('individual', 'group')),
	topic TEXT NOT NULL,
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	hours DOUBLE PRECISION NOT NULL,
	minutes TEXT,
	notes_enc TEXT,
	recorded_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX supervision_sessions_supervisor ON supervision_sessions(supervisor_id, starts_at);
CREATE INDEX supervision_sessions_org ON supervision_sessions(org_id);

CREATE TABLE supervision_attendees (
	session_id BIGINT NOT NULL REFERENCES supervision_sessions(id),
	social_worker_id BIGINT NOT NULL REFERENCES social_workers(id),
	PRIMARY KEY (session_id, social_worker_id)
);
CREATE INDEX supervision_attendees_worker ON supervision_attendees(social_worker_id);

-- A need moved to matched names its match (a volunteer, a social worker, an
-- activity or a shift: at least one), shown on the board.
ALTER TABLE needs ADD COLUMN match_volunteer_id BIGINT REFERENCES volunteers(id);
ALTER TABLE needs ADD COLUMN match_social_worker_id BIGINT REFERENCES social_workers(id);
ALTER TABLE needs ADD COLUMN match_activity_id BIGINT REFERENCES activities(id);
ALTER TABLE needs ADD COLUMN match_shift_id BIGINT REFERENCES shifts(id);

-- A need's category is an item of its community's service menu, or
-- `other` with a note saying what it is (the note is kept here).
ALTER TABLE needs ADD COLUMN category_note TEXT;
