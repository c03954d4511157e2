-- 017_councils.sql - councils (议事会, issue 15 item 4): a community's
-- council and its members, its meetings with agenda and attendance, the
-- issues raised (议题) and the resolutions voted on; a resolution becomes a
-- need or an activity, linked both ways. Portable SQL as in 001.

CREATE TABLE councils (
	id @PK@,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	name TEXT NOT NULL,
	established_on TEXT,
	note TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX councils_region ON councils(region_id);

CREATE TABLE council_members (
	id @PK@,
	council_id BIGINT NOT NULL REFERENCES councils(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	kind TEXT NOT NULL CHECK (kind IN ('resident', 'social_worker', 'volunteer', 'official')),
	role TEXT NOT NULL CHECK (role IN ('chair', 'member')),
	joined_on TEXT NOT NULL,
	left_on TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX council_members_once ON council_members(council_id, person_id);
CREATE INDEX council_members_person ON council_members(person_id);

-- attendance: the JSON array of the council_members ids present
CREATE TABLE council_meetings (
	id @PK@,
	council_id BIGINT NOT NULL REFERENCES councils(id),
	held_at BIGINT NOT NULL,
	place TEXT,
	agenda TEXT,
	attendance TEXT,
	minutes TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX council_meetings_council ON council_meetings(council_id, held_at);

CREATE TABLE council_issues (
	id @PK@,
	council_id BIGINT NOT NULL REFERENCES councils(id),
	meeting_id BIGINT REFERENCES council_meetings(id),
	raised_by_member_id BIGINT REFERENCES council_members(id),
	title TEXT NOT NULL,
	description TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dropped')),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX council_issues_council ON council_issues(council_id);

-- need_id / activity_id: what the resolution became (each at most once);
-- needs.resolution_id and activities.resolution_id point back, without a
-- foreign key so that migrate-store copies needs and activities first.
CREATE TABLE resolutions (
	id @PK@,
	council_id BIGINT NOT NULL REFERENCES councils(id),
	meeting_id BIGINT NOT NULL REFERENCES council_meetings(id),
	issue_id BIGINT REFERENCES council_issues(id),
	text TEXT NOT NULL,
	votes_for BIGINT NOT NULL CHECK (votes_for >= 0),
	votes_against BIGINT NOT NULL CHECK (votes_against >= 0),
	votes_abstain BIGINT NOT NULL CHECK (votes_abstain >= 0),
	outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected')),
	need_id BIGINT REFERENCES needs(id),
	activity_id BIGINT REFERENCES activities(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX resolutions_meeting ON resolutions(meeting_id);
CREATE INDEX resolutions_issue ON resolutions(issue_id);
CREATE INDEX resolutions_council ON resolutions(council_id);
CREATE UNIQUE INDEX resolutions_need ON resolutions(need_id);
CREATE UNIQUE INDEX resolutions_activity ON resolutions(activity_id);

ALTER TABLE needs ADD COLUMN resolution_id BIGINT;
CREATE UNIQUE INDEX needs_resolution ON needs(resolution_id);
ALTER TABLE activities ADD COLUMN resolution_id BIGINT;
CREATE UNIQUE INDEX activities_resolution ON activities(resolution_id);
