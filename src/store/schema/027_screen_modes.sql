-- 027_screen_modes.sql - the data screen's activity modes read an index
-- only (issue 19). The modes count, per mode, the activities, minutes and
-- distinct people of a region's verified records; on seed 001's city (2.4 M
-- records) the indexes of 001 and 025 sent every record to its table row
-- for its activity and volunteer, a random read each (10 s on SQLite). This
-- index carries both, so a region's records are read from it alone, org by
-- org (src/store/stats_store.c, q_modes).
--   It leads with org_id, not status: led by status it would also cover
-- the people served's "a verified record of this activity" (figures_sql.h),
-- and SQLite, having no statistics, read a city's verified records for
-- each plan instead of seeking the activity's (280 s for the screen).
--   On SQLite it replaces service_records_org, its prefix; PostgreSQL keeps
-- both, as 025 does for volunteers.
-- Portable SQL as in 001.
CREATE INDEX service_records_org_status ON service_records(org_id, status, activity_id, volunteer_id, minutes);
@IF sqlite@
DROP INDEX service_records_org;
@END@
