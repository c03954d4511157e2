-- 020_projects.sql - service projects (项目化运作, issue 16): the
-- contracts, funds and indicators that social workers and volunteers link
-- through. A project is run by one org (org_id) with partner orgs
-- (project_orgs), for a funder (an org or a named outside body), over a
-- period, with a budget by line (budget_json, integer fen) and indicators.
-- Activities, needs, plans and emergencies may belong to one project
-- (project_id, no foreign key: migrate-store copies them before projects).
-- Spending is the journal's: a project expense is a journal entry of the
-- project's fund (ref_entity 'project_expenses'), voided by reversal.
-- Portable SQL as in 001.

CREATE TABLE projects (
	id @PK@,
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('procured', 'fund', 'grant', 'own')),
	funder_org_id BIGINT REFERENCES orgs(id),
	funder_name TEXT,
	contract_no TEXT,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	partner_org_ids TEXT,
	region_id BIGINT NOT NULL REFERENCES regions(id),
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	budget_json TEXT,
	budget_total_fen BIGINT NOT NULL DEFAULT 0 CHECK (budget_total_fen >= 0),
	fund_id BIGINT REFERENCES funds(id),
	lead_social_worker_id BIGINT REFERENCES social_workers(id),
	status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'closing', 'accepted', 'failed')),
	description TEXT,
	created_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	CHECK (ends_on >= starts_on)
);
CREATE INDEX projects_org ON projects(org_id);
CREATE INDEX projects_region ON projects(region_id);
CREATE INDEX projects_funder ON projects(funder_org_id);

-- the partner orgs of a project, kept from partner_org_ids for the scope
CREATE TABLE project_orgs (
	id @PK@,
	project_id BIGINT NOT NULL REFERENCES projects(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	UNIQUE (project_id, org_id)
);
CREATE INDEX project_orgs_org ON project_orgs(org_id);

CREATE TABLE project_indicators (
	id @PK@,
	project_id BIGINT NOT NULL REFERENCES projects(id),
	name TEXT NOT NULL,
	unit TEXT,
	target DOUBLE PRECISION NOT NULL CHECK (target >= 0),
	source TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX project_indicators_project ON project_indicators(project_id, id);

-- a manual indicator's figure as of a date, with its evidence
CREATE TABLE indicator_reports (
	id @PK@,
	indicator_id BIGINT NOT NULL REFERENCES project_indicators(id),
	project_id BIGINT NOT NULL REFERENCES projects(id),
	value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
	as_of TEXT NOT NULL,
	evidence TEXT NOT NULL,
	reported_by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX indicator_reports_indicator ON indicator_reports(indicator_id, as_of, id);

-- who evaluates a project: a supervisor or a third party's account, read
-- only on the project's data
CREATE TABLE project_evaluators (
	id @PK@,
	project_id BIGINT NOT NULL REFERENCES projects(id),
	user_id BIGINT NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL CHECK (kind IN ('supervisor', 'third_party')),
	body_name TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	created_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (project_id, user_id)
);
CREATE INDEX project_evaluators_user ON project_evaluators(user_id);

CREATE TABLE project_evaluations (
	id @PK@,
	project_id BIGINT NOT NULL REFERENCES projects(id),
	stage TEXT NOT NULL CHECK (stage IN ('mid', 'final')),
	evaluator_user_id BIGINT,
	evaluator_kind TEXT NOT NULL,
	scores_json TEXT NOT NULL,
	total_score DOUBLE PRECISION NOT NULL,
	max_score DOUBLE PRECISION NOT NULL,
	findings TEXT NOT NULL,
	documents TEXT,
	decision TEXT NOT NULL CHECK (decision IN ('pass', 'rectify', 'fail')),
	evaluated_on TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX project_evaluations_project ON project_evaluations(project_id, id);

CREATE TABLE project_expenses (
	id @PK@,
	project_id BIGINT NOT NULL REFERENCES projects(id),
	fund_id BIGINT NOT NULL REFERENCES funds(id),
	line TEXT NOT NULL,
	amount_fen BIGINT NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 1000000000000),
	memo TEXT NOT NULL,
	spent_on TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('posted', 'void')),
	void_reason TEXT,
	voided_at BIGINT,
	recorded_by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX project_expenses_project ON project_expenses(project_id, id);

ALTER TABLE activities ADD COLUMN project_id BIGINT;
ALTER TABLE needs ADD COLUMN project_id BIGINT;
ALTER TABLE plans ADD COLUMN project_id BIGINT;
ALTER TABLE emergencies ADD COLUMN project_id BIGINT;
CREATE INDEX activities_project ON activities(project_id);
CREATE INDEX needs_project ON needs(project_id);
CREATE INDEX plans_project ON plans(project_id);
CREATE INDEX emergencies_project ON emergencies(project_id);
