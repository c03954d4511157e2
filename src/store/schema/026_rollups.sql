-- 026_rollups.sql - rollups for the statistics of a whole city (issue 19):
-- the overview, the data screen and retention read rows per org and month,
-- stage or cohort instead of every verified record (2.4 M in seed 001's
-- city), volunteer (1.1 M) and stage event (7.3 M). Kept by triggers in
-- the writing transaction, so every path that writes records, volunteers
-- or stage events (the services, imports, the demo, a hand-made fix)
-- keeps them, and nothing is counted twice or lost. migrate-store does not
-- copy them: the target's triggers build them as the rows arrive.
--
--   stats_months: the first second (midnight, China time, UTC+8, no DST)
--     of every month from 1970 to 2100, and of its quarter: the keys of
--     the rollups, equal to the bounds the statistics bind (service/stats.c,
--     domain/workforce.c).
--   org_month_minutes: verified minutes and records per org and month of
--     starts_at (month 0: before 1970). A row goes when its last record
--     does, so the table depends on the records only, not on their history.
--   org_stage_volunteers: volunteers (rows) per org and stage.
--   volunteer_people_multi: the people with more than one volunteer row
--     (a person may volunteer for several orgs): a count of distinct people
--     is a sum of org_stage_volunteers less the repeats among these few.
--   volunteer_cohorts: each volunteer's retention cohort, the quarter of
--     its first move into registered;
--   volunteer_quarters: verified records per volunteer and quarter;
--   cohort_volunteers: volunteers per org, cohort and present stage;
--   cohort_served: volunteers per org and cohort with verified service in
--     a quarter (the windows of retention are calendar quarters).
-- A record's change is applied as a delta (-1 for the old row, +1 for the
-- new) by one routine per dialect, and so is a volunteer's move between
-- cohorts, orgs or stages; a change to a volunteer's registered events
-- checks its cohort again.
-- Portable SQL as in 001; the triggers in each dialect.
CREATE TABLE stats_months (
	start_at BIGINT PRIMARY KEY,
	quarter_at BIGINT NOT NULL	-- the start of its quarter
);
WITH RECURSIVE m(y, mo, s) AS (
	SELECT 1970, 1, CAST(-28800 AS BIGINT)
	UNION ALL
	SELECT y + mo / 12, mo % 12 + 1, s + 86400 * CASE WHEN mo = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0)
		OR y % 400 = 0 THEN 29 ELSE 28 END WHEN mo IN (4, 6, 9, 11) THEN 30 ELSE 31 END
	FROM m WHERE y < 2100
)
INSERT INTO stats_months (start_at, quarter_at)
SELECT m.s, (SELECT MAX(k.s) FROM m k WHERE k.s <= m.s AND k.mo IN (1, 4, 7, 10)) FROM m;

CREATE TABLE org_month_minutes (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	month BIGINT NOT NULL,
	minutes BIGINT NOT NULL,
	records BIGINT NOT NULL,
	PRIMARY KEY (org_id, month)
);

CREATE TABLE org_stage_volunteers (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	stage TEXT NOT NULL,
	volunteers BIGINT NOT NULL,
	PRIMARY KEY (org_id, stage)
);

CREATE TABLE volunteer_people_multi (
	person_id BIGINT PRIMARY KEY REFERENCES people(id)
);

-- (the quarter of a time t: the quarter_at of the month with the greatest
-- start_at <= t; 0 before 1970)
CREATE TABLE volunteer_cohorts (
	volunteer_id BIGINT PRIMARY KEY REFERENCES volunteers(id),
	cohort BIGINT NOT NULL
);

CREATE TABLE volunteer_quarters (
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	quarter BIGINT NOT NULL,
	records BIGINT NOT NULL,
	PRIMARY KEY (volunteer_id, quarter)
);

CREATE TABLE cohort_volunteers (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	cohort BIGINT NOT NULL,
	stage TEXT NOT NULL,
	volunteers BIGINT NOT NULL,
	PRIMARY KEY (org_id, cohort, stage)
);

CREATE TABLE cohort_served (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	cohort BIGINT NOT NULL,
	quarter BIGINT NOT NULL,
	volunteers BIGINT NOT NULL,
	PRIMARY KEY (org_id, cohort, quarter)
);

-- While this table has a row the triggers keep nothing, and the rollups
-- are built whole from the rows by store_rollups_rebuild (stats_store.c),
-- which then deletes it: after this migration (its row below; a process
-- that stops before the rebuild does it at its next start), and at the
-- end of a bulk load (`liandong demo`: the row is inserted in the load's
-- own transaction, which no other connection sees; building a city's
-- rollups whole takes well under a minute, keeping them row by row through
-- the load took nine minutes more).
CREATE TABLE stats_rollups_paused (
	paused INTEGER NOT NULL
);
INSERT INTO stats_rollups_paused (paused) VALUES (1);

-- SQLite's work tables, empty but inside a trigger: a row inserted is
-- applied by its trigger and deleted (PostgreSQL's triggers call functions
-- instead, and never write them).
CREATE TABLE stats_record_deltas (
	volunteer_id BIGINT NOT NULL,
	org_id BIGINT NOT NULL,
	starts_at BIGINT NOT NULL,
	minutes BIGINT NOT NULL,
	sign INTEGER NOT NULL
);
CREATE TABLE stats_volunteer_deltas (
	volunteer_id BIGINT NOT NULL,
	org_id BIGINT NOT NULL,
	stage TEXT NOT NULL,
	cohort BIGINT NOT NULL,
	sign INTEGER NOT NULL
);
CREATE TABLE stats_cohort_checks (
	volunteer_id BIGINT NOT NULL,
	old_cohort BIGINT,
	cohort BIGINT
);

@IF sqlite@
-- A verified record in (+1) or out (-1): its org's month; its volunteer's
-- quarter, and when that quarter gains its first record or loses its last,
-- the volunteer's cohort's served count of it.
CREATE TRIGGER stats_record_apply AFTER INSERT ON stats_record_deltas
BEGIN
	INSERT INTO org_month_minutes (org_id, month, minutes, records)
	SELECT NEW.org_id, COALESCE((SELECT MAX(start_at) FROM stats_months WHERE start_at <= NEW.starts_at), 0),
		NEW.sign * NEW.minutes, NEW.sign WHERE 1
	ON CONFLICT (org_id, month) DO UPDATE SET minutes = minutes + excluded.minutes, records = records + excluded.records;
	DELETE FROM org_month_minutes WHERE NEW.sign < 0 AND org_id = NEW.org_id AND records = 0;
	INSERT INTO volunteer_quarters (volunteer_id, quarter, records)
	SELECT NEW.volunteer_id, COALESCE((SELECT quarter_at FROM stats_months WHERE start_at <= NEW.starts_at
		ORDER BY start_at DESC LIMIT 1), 0), NEW.sign WHERE 1
	ON CONFLICT (volunteer_id, quarter) DO UPDATE SET records = records + excluded.records;
	INSERT INTO cohort_served (org_id, cohort, quarter, volunteers)
	SELECT v.org_id, c.cohort, q.quarter, NEW.sign FROM volunteer_quarters q
	JOIN volunteer_cohorts c ON c.volunteer_id = q.volunteer_id JOIN volunteers v ON v.id = q.volunteer_id
	WHERE q.volunteer_id = NEW.volunteer_id AND q.records = (NEW.sign + 1) / 2
	AND q.quarter = COALESCE((SELECT quarter_at FROM stats_months WHERE start_at <= NEW.starts_at
		ORDER BY start_at DESC LIMIT 1), 0)
	ON CONFLICT (org_id, cohort, quarter) DO UPDATE SET volunteers = volunteers + excluded.volunteers;
	DELETE FROM cohort_served WHERE NEW.sign < 0 AND volunteers = 0 AND (org_id, cohort) IN (SELECT v.org_id,
		c.cohort FROM volunteers v JOIN volunteer_cohorts c ON c.volunteer_id = v.id WHERE v.id = NEW.volunteer_id);
	DELETE FROM volunteer_quarters WHERE NEW.sign < 0 AND volunteer_id = NEW.volunteer_id AND records = 0;
	DELETE FROM stats_record_deltas;
END;
-- A volunteer into (+1) or out of (-1) a cohort at an org and stage, with
-- the quarters it served.
CREATE TRIGGER stats_volunteer_apply AFTER INSERT ON stats_volunteer_deltas
BEGIN
	INSERT INTO cohort_volunteers (org_id, cohort, stage, volunteers) VALUES (NEW.org_id, NEW.cohort, NEW.stage, NEW.sign)
	ON CONFLICT (org_id, cohort, stage) DO UPDATE SET volunteers = volunteers + excluded.volunteers;
	DELETE FROM cohort_volunteers WHERE NEW.sign < 0 AND org_id = NEW.org_id AND cohort = NEW.cohort
	AND stage = NEW.stage AND volunteers = 0;
	INSERT INTO cohort_served (org_id, cohort, quarter, volunteers)
	SELECT NEW.org_id, NEW.cohort, q.quarter, NEW.sign FROM volunteer_quarters q WHERE q.volunteer_id = NEW.volunteer_id
	ON CONFLICT (org_id, cohort, quarter) DO UPDATE SET volunteers = volunteers + excluded.volunteers;
	DELETE FROM cohort_served WHERE NEW.sign < 0 AND org_id = NEW.org_id AND cohort = NEW.cohort AND volunteers = 0;
	DELETE FROM stats_volunteer_deltas;
END;

CREATE TRIGGER service_records_rollup_insert AFTER INSERT ON service_records WHEN NEW.status = 'verified'
	AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_record_deltas VALUES (NEW.volunteer_id, NEW.org_id, NEW.starts_at, NEW.minutes, 1);
END;
CREATE TRIGGER service_records_rollup_update
AFTER UPDATE OF status, volunteer_id, org_id, starts_at, minutes ON service_records
WHEN (OLD.status = 'verified' OR NEW.status = 'verified') AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_record_deltas SELECT OLD.volunteer_id, OLD.org_id, OLD.starts_at, OLD.minutes, -1
	WHERE OLD.status = 'verified';
	INSERT INTO stats_record_deltas SELECT NEW.volunteer_id, NEW.org_id, NEW.starts_at, NEW.minutes, 1
	WHERE NEW.status = 'verified';
END;
CREATE TRIGGER service_records_rollup_delete AFTER DELETE ON service_records WHEN OLD.status = 'verified'
	AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_record_deltas VALUES (OLD.volunteer_id, OLD.org_id, OLD.starts_at, OLD.minutes, -1);
END;

-- A volunteer's cohort checked again after its registered events changed:
-- the quarter of the first, or none; a change moves the volunteer from the
-- old cohort's counts to the new one's.
CREATE TRIGGER stats_cohort_check AFTER INSERT ON stats_cohort_checks
BEGIN
	UPDATE stats_cohort_checks SET old_cohort = (SELECT cohort FROM volunteer_cohorts WHERE volunteer_id = NEW.volunteer_id),
		cohort = (SELECT CASE WHEN f.first IS NOT NULL THEN COALESCE((SELECT quarter_at FROM stats_months
			WHERE start_at <= f.first ORDER BY start_at DESC LIMIT 1), 0) END
			FROM (SELECT MIN(at) AS first FROM volunteer_stage_events WHERE volunteer_id = NEW.volunteer_id
			AND to_stage = 'registered') f);
	INSERT INTO stats_volunteer_deltas SELECT v.id, v.org_id, v.stage, k.old_cohort, -1 FROM volunteers v,
		stats_cohort_checks k WHERE v.id = NEW.volunteer_id AND k.old_cohort IS NOT NULL AND k.old_cohort IS NOT k.cohort;
	DELETE FROM volunteer_cohorts WHERE volunteer_id = NEW.volunteer_id;
	INSERT INTO volunteer_cohorts (volunteer_id, cohort) SELECT volunteer_id, cohort FROM stats_cohort_checks
		WHERE cohort IS NOT NULL;
	INSERT INTO stats_volunteer_deltas SELECT v.id, v.org_id, v.stage, k.cohort, 1 FROM volunteers v,
		stats_cohort_checks k WHERE v.id = NEW.volunteer_id AND k.cohort IS NOT NULL AND k.old_cohort IS NOT k.cohort;
	DELETE FROM stats_cohort_checks;
END;
-- (an appended move into registered can only change the cohort when it is
-- earlier than the volunteer's cohort, or the first)
CREATE TRIGGER volunteer_stage_events_rollup_insert AFTER INSERT ON volunteer_stage_events
WHEN NEW.to_stage = 'registered' AND NOT EXISTS (SELECT 1 FROM volunteer_cohorts c
	WHERE c.volunteer_id = NEW.volunteer_id AND c.cohort <= NEW.at) AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_cohort_checks (volunteer_id) VALUES (NEW.volunteer_id);
END;
CREATE TRIGGER volunteer_stage_events_rollup_update AFTER UPDATE OF volunteer_id, to_stage, at ON volunteer_stage_events
WHEN (OLD.to_stage = 'registered' OR NEW.to_stage = 'registered') AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_cohort_checks (volunteer_id) VALUES (OLD.volunteer_id);
	INSERT INTO stats_cohort_checks (volunteer_id) SELECT NEW.volunteer_id WHERE NEW.volunteer_id <> OLD.volunteer_id;
END;
CREATE TRIGGER volunteer_stage_events_rollup_delete AFTER DELETE ON volunteer_stage_events
WHEN OLD.to_stage = 'registered' AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO stats_cohort_checks (volunteer_id) VALUES (OLD.volunteer_id);
END;

CREATE TRIGGER volunteers_rollup_insert AFTER INSERT ON volunteers
WHEN NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	INSERT INTO org_stage_volunteers (org_id, stage, volunteers) VALUES (NEW.org_id, NEW.stage, 1)
	ON CONFLICT (org_id, stage) DO UPDATE SET volunteers = volunteers + 1;
	INSERT INTO volunteer_people_multi (person_id) SELECT NEW.person_id WHERE EXISTS (SELECT 1 FROM volunteers x
	WHERE x.person_id = NEW.person_id AND x.id <> NEW.id) ON CONFLICT (person_id) DO NOTHING;
END;
CREATE TRIGGER volunteers_rollup_update AFTER UPDATE OF org_id, stage, person_id ON volunteers
WHEN (OLD.org_id <> NEW.org_id OR OLD.stage <> NEW.stage OR OLD.person_id <> NEW.person_id) AND NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	UPDATE org_stage_volunteers SET volunteers = volunteers - 1 WHERE org_id = OLD.org_id AND stage = OLD.stage;
	DELETE FROM org_stage_volunteers WHERE org_id = OLD.org_id AND stage = OLD.stage AND volunteers = 0;
	INSERT INTO org_stage_volunteers (org_id, stage, volunteers) VALUES (NEW.org_id, NEW.stage, 1)
	ON CONFLICT (org_id, stage) DO UPDATE SET volunteers = volunteers + 1;
	DELETE FROM volunteer_people_multi WHERE person_id = OLD.person_id
	AND (SELECT COUNT(*) FROM volunteers x WHERE x.person_id = OLD.person_id) < 2;
	INSERT INTO volunteer_people_multi (person_id) SELECT NEW.person_id WHERE EXISTS (SELECT 1 FROM volunteers x
	WHERE x.person_id = NEW.person_id AND x.id <> NEW.id) ON CONFLICT (person_id) DO NOTHING;
	INSERT INTO stats_volunteer_deltas SELECT OLD.id, OLD.org_id, OLD.stage, c.cohort, -1 FROM volunteer_cohorts c
	WHERE c.volunteer_id = OLD.id;
	INSERT INTO stats_volunteer_deltas SELECT NEW.id, NEW.org_id, NEW.stage, c.cohort, 1 FROM volunteer_cohorts c
	WHERE c.volunteer_id = NEW.id;
END;
CREATE TRIGGER volunteers_rollup_delete AFTER DELETE ON volunteers
WHEN NOT EXISTS (SELECT 1 FROM stats_rollups_paused)
BEGIN
	UPDATE org_stage_volunteers SET volunteers = volunteers - 1 WHERE org_id = OLD.org_id AND stage = OLD.stage;
	DELETE FROM org_stage_volunteers WHERE org_id = OLD.org_id AND stage = OLD.stage AND volunteers = 0;
	DELETE FROM volunteer_people_multi WHERE person_id = OLD.person_id
	AND (SELECT COUNT(*) FROM volunteers x WHERE x.person_id = OLD.person_id) < 2;
END;
@END@
@IF postgres@
CREATE FUNCTION stats_month(t BIGINT) RETURNS BIGINT LANGUAGE sql STABLE
AS $$ SELECT COALESCE(MAX(start_at), 0) FROM stats_months WHERE start_at <= t $$;
CREATE FUNCTION stats_quarter(t BIGINT) RETURNS BIGINT LANGUAGE sql STABLE
AS $$ SELECT COALESCE((SELECT quarter_at FROM stats_months WHERE start_at <= t ORDER BY start_at DESC LIMIT 1), 0) $$;

-- A verified record in (sign +1) or out (-1): its org's month; its
-- volunteer's quarter, and when that quarter gains its first record or
-- loses its last, the volunteer's cohort's served count of it. The
-- volunteer's row is locked first, so that a concurrent first
-- registration (which reads the quarters) and this (which reads the
-- cohort) go one after the other.
CREATE FUNCTION stats_record_apply(vol BIGINT, org BIGINT, t BIGINT, mins BIGINT, sign INTEGER)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	m BIGINT := stats_month(t);
	q BIGINT := stats_quarter(t);
	n BIGINT;
BEGIN
	PERFORM 1 FROM volunteers WHERE id = vol FOR NO KEY UPDATE;
	INSERT INTO org_month_minutes (org_id, month, minutes, records) VALUES (org, m, sign * mins, sign)
	ON CONFLICT (org_id, month) DO UPDATE SET minutes = org_month_minutes.minutes + excluded.minutes,
		records = org_month_minutes.records + excluded.records
	RETURNING records INTO n;
	IF n = 0 THEN
		DELETE FROM org_month_minutes WHERE org_id = org AND month = m;
	END IF;
	INSERT INTO volunteer_quarters (volunteer_id, quarter, records) VALUES (vol, q, sign)
	ON CONFLICT (volunteer_id, quarter) DO UPDATE SET records = volunteer_quarters.records + excluded.records
	RETURNING records INTO n;
	IF n = (sign + 1) / 2 THEN
		INSERT INTO cohort_served (org_id, cohort, quarter, volunteers)
		SELECT v.org_id, c.cohort, q, sign FROM volunteers v JOIN volunteer_cohorts c ON c.volunteer_id = v.id
		WHERE v.id = vol
		ON CONFLICT (org_id, cohort, quarter) DO UPDATE SET volunteers = cohort_served.volunteers + excluded.volunteers;
		DELETE FROM cohort_served s USING volunteers v, volunteer_cohorts c WHERE v.id = vol
		AND c.volunteer_id = v.id AND s.org_id = v.org_id AND s.cohort = c.cohort AND s.quarter = q
		AND s.volunteers = 0;
	END IF;
	IF n = 0 THEN
		DELETE FROM volunteer_quarters WHERE volunteer_id = vol AND quarter = q;
	END IF;
END $$;

-- A volunteer into (+1) or out of (-1) a cohort at an org and stage, with
-- the quarters it served.
CREATE FUNCTION stats_volunteer_apply(vol BIGINT, org BIGINT, stg TEXT, coh BIGINT, sign INTEGER)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO cohort_volunteers (org_id, cohort, stage, volunteers) VALUES (org, coh, stg, sign)
	ON CONFLICT (org_id, cohort, stage) DO UPDATE SET volunteers = cohort_volunteers.volunteers + excluded.volunteers;
	DELETE FROM cohort_volunteers WHERE org_id = org AND cohort = coh AND stage = stg AND volunteers = 0;
	INSERT INTO cohort_served (org_id, cohort, quarter, volunteers)
	SELECT org, coh, q.quarter, sign FROM volunteer_quarters q WHERE q.volunteer_id = vol
	ON CONFLICT (org_id, cohort, quarter) DO UPDATE SET volunteers = cohort_served.volunteers + excluded.volunteers;
	DELETE FROM cohort_served WHERE org_id = org AND cohort = coh AND volunteers = 0;
END $$;

CREATE FUNCTION service_records_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM stats_rollups_paused) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' AND OLD.status = 'verified' THEN
		PERFORM stats_record_apply(OLD.volunteer_id, OLD.org_id, OLD.starts_at, OLD.minutes, -1);
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.status = 'verified' THEN
		PERFORM stats_record_apply(NEW.volunteer_id, NEW.org_id, NEW.starts_at, NEW.minutes, 1);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER service_records_rollup_insert AFTER INSERT ON service_records
FOR EACH ROW WHEN (NEW.status = 'verified') EXECUTE FUNCTION service_records_rollup();
CREATE TRIGGER service_records_rollup_delete AFTER DELETE ON service_records
FOR EACH ROW WHEN (OLD.status = 'verified') EXECUTE FUNCTION service_records_rollup();
CREATE TRIGGER service_records_rollup_update
AFTER UPDATE OF status, volunteer_id, org_id, starts_at, minutes ON service_records
FOR EACH ROW WHEN (OLD.status = 'verified' OR NEW.status = 'verified') EXECUTE FUNCTION service_records_rollup();

-- A volunteer's cohort checked again after its registered events changed:
-- the quarter of the first, or none; a change moves the volunteer from the
-- old cohort's counts to the new one's. The volunteer's row is locked
-- first (see stats_record_apply).
CREATE FUNCTION stats_cohort_check(vol BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	v volunteers%ROWTYPE;
	old_cohort BIGINT;
	first BIGINT;
	coh BIGINT;
BEGIN
	SELECT * INTO v FROM volunteers WHERE id = vol FOR NO KEY UPDATE;
	SELECT cohort INTO old_cohort FROM volunteer_cohorts WHERE volunteer_id = vol;
	SELECT MIN(at) INTO first FROM volunteer_stage_events WHERE volunteer_id = vol AND to_stage = 'registered';
	IF first IS NOT NULL THEN
		coh := stats_quarter(first);
	END IF;
	IF old_cohort IS NOT DISTINCT FROM coh THEN
		RETURN;
	END IF;
	IF old_cohort IS NOT NULL THEN
		PERFORM stats_volunteer_apply(v.id, v.org_id, v.stage, old_cohort, -1);
		DELETE FROM volunteer_cohorts WHERE volunteer_id = vol;
	END IF;
	IF coh IS NOT NULL THEN
		INSERT INTO volunteer_cohorts (volunteer_id, cohort) VALUES (vol, coh);
		PERFORM stats_volunteer_apply(v.id, v.org_id, v.stage, coh, 1);
	END IF;
END $$;
CREATE FUNCTION volunteer_stage_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM stats_rollups_paused) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		PERFORM stats_cohort_check(OLD.volunteer_id);
	END IF;
	IF TG_OP = 'INSERT' OR NEW.volunteer_id <> OLD.volunteer_id THEN
		PERFORM stats_cohort_check(NEW.volunteer_id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER volunteer_stage_events_rollup_insert AFTER INSERT ON volunteer_stage_events
FOR EACH ROW WHEN (NEW.to_stage = 'registered') EXECUTE FUNCTION volunteer_stage_events_rollup();
CREATE TRIGGER volunteer_stage_events_rollup_update AFTER UPDATE OF volunteer_id, to_stage, at ON volunteer_stage_events
FOR EACH ROW WHEN (OLD.to_stage = 'registered' OR NEW.to_stage = 'registered')
EXECUTE FUNCTION volunteer_stage_events_rollup();
CREATE TRIGGER volunteer_stage_events_rollup_delete AFTER DELETE ON volunteer_stage_events
FOR EACH ROW WHEN (OLD.to_stage = 'registered') EXECUTE FUNCTION volunteer_stage_events_rollup();

-- The person's row is locked first: two volunteer rows of one person
-- written at once would otherwise each miss the other (READ COMMITTED) and
-- the person would not be counted as repeated.
CREATE FUNCTION volunteers_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	person BOOLEAN := TG_OP <> 'UPDATE' OR OLD.person_id <> NEW.person_id;
	coh BIGINT;
BEGIN
	IF EXISTS (SELECT 1 FROM stats_rollups_paused) THEN
		RETURN NULL;
	END IF;
	IF person THEN
		PERFORM 1 FROM people WHERE id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.person_id END,
			CASE WHEN TG_OP <> 'DELETE' THEN NEW.person_id END) ORDER BY id FOR NO KEY UPDATE;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		UPDATE org_stage_volunteers SET volunteers = volunteers - 1 WHERE org_id = OLD.org_id AND stage = OLD.stage;
		DELETE FROM org_stage_volunteers WHERE org_id = OLD.org_id AND stage = OLD.stage AND volunteers = 0;
		IF person THEN
			DELETE FROM volunteer_people_multi WHERE person_id = OLD.person_id
			AND (SELECT COUNT(*) FROM volunteers x WHERE x.person_id = OLD.person_id) < 2;
		END IF;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO org_stage_volunteers (org_id, stage, volunteers) VALUES (NEW.org_id, NEW.stage, 1)
		ON CONFLICT (org_id, stage) DO UPDATE SET volunteers = org_stage_volunteers.volunteers + 1;
		IF person THEN
			INSERT INTO volunteer_people_multi (person_id) SELECT NEW.person_id WHERE EXISTS (SELECT 1
			FROM volunteers x WHERE x.person_id = NEW.person_id AND x.id <> NEW.id)
			ON CONFLICT (person_id) DO NOTHING;
		END IF;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		SELECT cohort INTO coh FROM volunteer_cohorts WHERE volunteer_id = NEW.id;
		IF coh IS NOT NULL THEN
			PERFORM stats_volunteer_apply(OLD.id, OLD.org_id, OLD.stage, coh, -1);
			PERFORM stats_volunteer_apply(NEW.id, NEW.org_id, NEW.stage, coh, 1);
		END IF;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER volunteers_rollup AFTER INSERT OR DELETE ON volunteers
FOR EACH ROW EXECUTE FUNCTION volunteers_rollup();
CREATE TRIGGER volunteers_rollup_update AFTER UPDATE OF org_id, stage, person_id ON volunteers
FOR EACH ROW WHEN (OLD.org_id <> NEW.org_id OR OLD.stage <> NEW.stage OR OLD.person_id <> NEW.person_id)
EXECUTE FUNCTION volunteers_rollup();
@END@
