-- 023_screen.sql - the city data screen (issue 18): the people served
-- count the clients of plans whose activity has verified service, and the
-- split by service mode joins records to their activity; both look records
-- up by activity, as a project's figures do. Portable SQL as in 001.
CREATE INDEX service_records_activity ON service_records(activity_id);
