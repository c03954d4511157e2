-- 025_city.sql - indexes for a whole city (issue 19: seed 001's 1.12 M
-- volunteers, 7.3 M pipeline events and 2.4 M service records): the
-- dashboard's counts read an index only, and each seeks the orgs of the
-- region asked for instead of reading every row.
--   volunteers (org_id, stage, person_id): the distinct volunteers by
--     stage of a region's orgs (on SQLite it replaces volunteers_org, its
--     prefix; PostgreSQL keeps both, see below);
--   service_records (status, org_id, starts_at, minutes): the verified
--     minutes of a region's orgs, by month;
--   volunteer_stage_events (to_stage, at, volunteer_id): a period's first
--     registrations without reading the events (replaces
--     volunteer_stage_events_to_at, its prefix).
-- Portable SQL as in 001.
CREATE INDEX volunteers_org_stage ON volunteers(org_id, stage, person_id);
-- PostgreSQL keeps the plain org index: without it the generic plan of the
-- people list (its visibility subqueries look volunteers up by org) took
-- 320 ms instead of 3 ms on the demo city (issue 19, bench/load.sh)
@IF sqlite@
DROP INDEX volunteers_org;
@END@
CREATE INDEX service_records_status_org ON service_records(status, org_id, starts_at, minutes);
CREATE INDEX volunteer_stage_events_to_at_volunteer ON volunteer_stage_events(to_stage, at, volunteer_id);
DROP INDEX volunteer_stage_events_to_at;
