-- 004_plans.sql - personalised plans (个性定制): a social worker's
-- plan for a client holds recurring tasks that generate shifts ahead.

CREATE TABLE plans (
	id @PK@,
	client_id BIGINT NOT NULL REFERENCES clients(id),
	social_worker_id BIGINT REFERENCES social_workers(id),
	title TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	horizon_days INTEGER NOT NULL,
	status TEXT NOT NULL,
	activity_id BIGINT REFERENCES activities(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX plans_client ON plans(client_id);

CREATE TABLE plan_tasks (
	id @PK@,
	plan_id BIGINT NOT NULL REFERENCES plans(id),
	title TEXT NOT NULL,
	recurrence TEXT NOT NULL,
	first_at BIGINT NOT NULL,
	duration_minutes INTEGER NOT NULL,
	headcount INTEGER NOT NULL,
	required_skills TEXT,
	position_id BIGINT REFERENCES positions(id),
	active INTEGER NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id);
