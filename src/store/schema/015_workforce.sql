-- 015_workforce.sql - indexes for workforce analytics (issue 15): a
-- volunteer's last verified service and whether it served in a window
-- (retention, the inactive sweep) are one range of
-- service_records(volunteer_id, status, starts_at); a cohort's first
-- registrations are one range of volunteer_stage_events(to_stage, at), and
-- whether a volunteer registered earlier one seek of (volunteer_id,
-- to_stage, at). Portable SQL as in 001.

CREATE INDEX service_records_volunteer_start ON service_records(volunteer_id, status, starts_at);
CREATE INDEX volunteer_stage_events_to_at ON volunteer_stage_events(to_stage, at);
CREATE INDEX volunteer_stage_events_volunteer_to ON volunteer_stage_events(volunteer_id, to_stage, at);
