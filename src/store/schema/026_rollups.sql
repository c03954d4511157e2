-- 026_rollups.sql - rollups for the statistics of a whole city (issue 19):
-- the overview and the data screen read one row per org and month, and
-- per org and stage, instead of every verified record (2.4 M in seed 001's
-- city) and every volunteer (1.1 M). Kept by triggers in the writing
-- transaction, so every path that writes records or volunteers (the
-- services, imports, the demo, migrate-store) keeps them, and nothing is
-- counted twice or lost.
--
--   stats_months: the first second (midnight, China time, UTC+8, no DST)
--     of every month from 1970 to 2100: the keys of org_month_minutes,
--     equal to the month bounds the statistics bind (service/stats.c).
--   org_month_minutes: verified minutes and records per org and month of
--     starts_at (month 0: before 1970). A row goes when its last record
--     does, so the table depends on the records only, not on their history.
--   org_stage_volunteers: volunteers (rows) per org and stage.
--   volunteer_people_multi: the people with more than one volunteer row
--     (a person may volunteer for several orgs): a count of distinct people
--     is a sum of org_stage_volunteers less the repeats among these few.
-- Portable SQL as in 001; the triggers in each dialect.
CREATE TABLE stats_months (
	start_at BIGINT PRIMARY KEY
);
WITH RECURSIVE m(y, mo, s) AS (
	SELECT 1970, 1, CAST(-28800 AS BIGINT)
	UNION ALL
	SELECT CASE WHEN mo = 12 THEN y + 1 ELSE y END, CASE WHEN mo = 12 THEN 1 ELSE mo + 1 END,
		s + 86400 * CASE WHEN mo = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0
		THEN 29 ELSE 28 END WHEN mo IN (4, 6, 9, 11) THEN 30 ELSE 31 END
	FROM m WHERE y < 2100
)
INSERT INTO stats_months (start_at) SELECT s FROM m;

CREATE TABLE org_month_minutes (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	month BIGINT NOT NULL,
	minutes BIGINT NOT NULL,
	records BIGINT NOT NULL,
	PRIMARY KEY (org_id, month)
);
INSERT INTO org_month_minutes (org_id, month, minutes, records)
SELECT r.org_id, COALESCE((SELECT MAX(m.start_at) FROM stats_months m WHERE m.start_at <= r.starts_at), 0),
	SUM(r.minutes), COUNT(*)
FROM service_records r WHERE r.status = 'verified' GROUP BY 1, 2;

CREATE TABLE org_stage_volunteers (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	stage TEXT NOT NULL,
	volunteers BIGINT NOT NULL,
	PRIMARY KEY (org_id, stage)
);
INSERT INTO org_stage_volunteers (org_id, stage, volunteers)
SELECT org_id, stage, COUNT(*) FROM volunteers GROUP BY org_id, stage;

CREATE TABLE volunteer_people_multi (
	person_id BIGINT PRIMARY KEY REFERENCES people(id)
);
INSERT INTO volunteer_people_multi (person_id)
SELECT person_id FROM volunteers GROUP BY person_id HAVING COUNT(*) > 1;

@IF sqlite@
CREATE TRIGGER service_records_rollup_insert AFTER INSERT ON service_records WHEN NEW.status = 'verified'
BEGIN
	INSERT INTO org_month_minutes (org_id, month, minutes, records)
	SELECT NEW.org_id, m.month, NEW.minutes, 1 FROM (SELECT COALESCE(MAX(start_at), 0) AS month FROM stats_months
	WHERE start_at <= NEW.starts_at) m WHERE 1
	ON CONFLICT (org_id, month) DO UPDATE SET minutes = minutes + excluded.minutes, records = records + 1;
END;
CREATE TRIGGER service_records_rollup_update AFTER UPDATE OF status, org_id, starts_at, minutes ON service_records
WHEN OLD.status = 'verified' OR NEW.status = 'verified'
BEGIN
	UPDATE org_month_minutes SET minutes = minutes - OLD.minutes, records = records - 1
	WHERE OLD.status = 'verified' AND org_id = OLD.org_id
	AND month = (SELECT COALESCE(MAX(start_at), 0) FROM stats_months WHERE start_at <= OLD.starts_at);
	DELETE FROM org_month_minutes WHERE org_id = OLD.org_id AND records = 0;
	INSERT INTO org_month_minutes (org_id, month, minutes, records)
	SELECT NEW.org_id, m.month, NEW.minutes, 1 FROM (SELECT COALESCE(MAX(start_at), 0) AS month FROM stats_months
	WHERE start_at <= NEW.starts_at) m WHERE NEW.status = 'verified'
	ON CONFLICT (org_id, month) DO UPDATE SET minutes = minutes + excluded.minutes, records = records + 1;
END;
CREATE TRIGGER service_records_rollup_delete AFTER DELETE ON service_records WHEN OLD.status = 'verified'
BEGIN
	UPDATE org_month_minutes SET minutes = minutes - OLD.minutes, records = records - 1
	WHERE org_id = OLD.org_id
	AND month = (SELECT COALESCE(MAX(start_at), 0) FROM stats_months WHERE start_at <= OLD.starts_at);
	DELETE FROM org_month_minutes WHERE org_id = OLD.org_id AND records = 0;
END;

CREATE TRIGGER volunteers_rollup_insert AFTER INSERT ON volunteers
BEGIN
	INSERT INTO org_stage_volunteers (org_id, stage, volunteers) VALUES (NEW.org_id, NEW.stage, 1)
	ON CONFLICT (org_id, stage) DO UPDATE SET volunteers = volunteers + 1;
	INSERT INTO volunteer_people_multi (person_id) SELECT NEW.person_id WHERE EXISTS (SELECT 1 FROM volunteers x
	WHERE x.person_id = NEW.person_id AND x.id <> NEW.id) ON CONFLICT (person_id) DO NOTHING;
END;
CREATE TRIGGER volunteers_rollup_update AFTER UPDATE OF org_id, stage, person_id ON volunteers
WHEN OLD.org_id <> NEW.org_id OR OLD.stage <> NEW.stage OR OLD.person_id <> NEW.person_id
BEGIN
	UPDATE org_stage_volunteers SET volunteers = volunteers - 1 WHERE org_id = OLD.org_id AND stage = OLD.stage;
	DELETE FROM org_stage_volunteers WHERE org_id = OLD.org_id AND stage = OLD.stage AND volunteers = 0;
	INSERT INTO org_stage_volunteers (org_id, stage, volunteers) VALUES (NEW.org_id, NEW.stage, 1)
	ON CONFLICT (org_id, stage) DO UPDATE SET volunteers = volunteers + 1;
	DELETE FROM volunteer_people_multi WHERE person_id = OLD.person_id
	AND (SELECT COUNT(*) FROM volunteers x WHERE x.person_id = OLD.person_id) < 2;
	INSERT INTO volunteer_people_multi (person_id) SELECT NEW.person_id WHERE EXISTS (SELECT 1 FROM volunteers x
	WHERE x.person_id = NEW.person_id AND x.id <> NEW.id) ON CONFLICT (person_id) DO NOTHING;
END;
CREATE TRIGGER volunteers_rollup_delete AFTER DELETE ON volunteers
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

CREATE FUNCTION service_records_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' AND OLD.status = 'verified' THEN
		UPDATE org_month_minutes SET minutes = minutes - OLD.minutes, records = records - 1
		WHERE org_id = OLD.org_id AND month = stats_month(OLD.starts_at);
		DELETE FROM org_month_minutes WHERE org_id = OLD.org_id AND records = 0;
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.status = 'verified' THEN
		INSERT INTO org_month_minutes (org_id, month, minutes, records)
		VALUES (NEW.org_id, stats_month(NEW.starts_at), NEW.minutes, 1)
		ON CONFLICT (org_id, month) DO UPDATE SET minutes = org_month_minutes.minutes + excluded.minutes,
			records = org_month_minutes.records + 1;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER service_records_rollup_insert AFTER INSERT ON service_records
FOR EACH ROW WHEN (NEW.status = 'verified') EXECUTE FUNCTION service_records_rollup();
CREATE TRIGGER service_records_rollup_delete AFTER DELETE ON service_records
FOR EACH ROW WHEN (OLD.status = 'verified') EXECUTE FUNCTION service_records_rollup();
CREATE TRIGGER service_records_rollup_update AFTER UPDATE OF status, org_id, starts_at, minutes ON service_records
FOR EACH ROW WHEN (OLD.status = 'verified' OR NEW.status = 'verified') EXECUTE FUNCTION service_records_rollup();

-- The person's row is locked first: two volunteer rows of one person
-- written at once would otherwise each miss the other (READ COMMITTED) and
-- the person would not be counted as repeated.
CREATE FUNCTION volunteers_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	person BOOLEAN := TG_OP <> 'UPDATE' OR OLD.person_id <> NEW.person_id;
BEGIN
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
	RETURN NULL;
END $$;
CREATE TRIGGER volunteers_rollup AFTER INSERT OR DELETE ON volunteers
FOR EACH ROW EXECUTE FUNCTION volunteers_rollup();
CREATE TRIGGER volunteers_rollup_update AFTER UPDATE OF org_id, stage, person_id ON volunteers
FOR EACH ROW WHEN (OLD.org_id <> NEW.org_id OR OLD.stage <> NEW.stage OR OLD.person_id <> NEW.person_id)
EXECUTE FUNCTION volunteers_rollup();
@END@
