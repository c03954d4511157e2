-- 024_audit_at.sql - the audit log's date filters (issue 18): `from` and
-- `to` bound the entry's time (at); without an index on it a filter by
-- date read the whole log. Portable SQL as in 001.
CREATE INDEX audit_at ON audit(at);
