-- 005_matching.sql - matching (供需对接): what a volunteer states
-- about their time and travel, positions that work with minors, batch
-- assignment proposals and the invitations they turn into.

ALTER TABLE volunteers ADD COLUMN availability TEXT;
ALTER TABLE volunteers ADD COLUMN max_weekly_hours DOUBLE PRECISION;
ALTER TABLE volunteers ADD COLUMN max_distance_km DOUBLE PRECISION;
ALTER TABLE volunteers ADD COLUMN preferred_modes TEXT;
ALTER TABLE positions ADD COLUMN works_with_minors INTEGER NOT NULL DEFAULT 0;

CREATE TABLE match_proposals (
	id @PK@,
	created_by_user_id BIGINT NOT NULL REFERENCES users(id),
	request TEXT NOT NULL,
	total_score DOUBLE PRECISION NOT NULL,
	demand_slots INTEGER NOT NULL,
	filled_slots INTEGER NOT NULL,
	greedy_score DOUBLE PRECISION NOT NULL,
	greedy_filled INTEGER NOT NULL,
	status TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	applied_at BIGINT
);

-- One row per place of a shift in a proposal: the volunteer proposed with
-- the parts of the score, or (volunteer_id NULL) a place left open and why.
CREATE TABLE match_items (
	id @PK@,
	proposal_id BIGINT NOT NULL REFERENCES match_proposals(id),
	shift_id BIGINT NOT NULL REFERENCES shifts(id),
	volunteer_id BIGINT REFERENCES volunteers(id),
	distance_km DOUBLE PRECISION,
	score DOUBLE PRECISION NOT NULL,
	p_distance DOUBLE PRECISION NOT NULL,
	p_skill_fit DOUBLE PRECISION NOT NULL,
	p_continuity DOUBLE PRECISION NOT NULL,
	p_fairness DOUBLE PRECISION NOT NULL,
	p_preference DOUBLE PRECISION NOT NULL,
	why TEXT
);
CREATE INDEX match_items_proposal ON match_items(proposal_id, shift_id);

CREATE TABLE invitations (
	id @PK@,
	proposal_id BIGINT NOT NULL REFERENCES match_proposals(id),
	shift_id BIGINT NOT NULL REFERENCES shifts(id),
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	score DOUBLE PRECISION NOT NULL,
	status TEXT NOT NULL,
	signup_id BIGINT REFERENCES signups(id),
	reason TEXT,
	created_at BIGINT NOT NULL,
	decided_at BIGINT,
	UNIQUE (proposal_id, shift_id, volunteer_id)
);
CREATE INDEX invitations_volunteer ON invitations(volunteer_id, status);
CREATE INDEX invitations_shift ON invitations(shift_id);
