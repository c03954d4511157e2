-- 021_outbox.sql - the outbox's senders (issue 17): e-mail over SMTP and
-- SMS through an HTTP gateway deliver the notifications that wait for an
-- outbound channel (status 'queued'). A sender claims a row by setting
-- lease_until (a crashed sender's claim lapses and another takes the row),
-- tries it, and records the result: 'delivered' with sent_at, or back to
-- 'queued' with next_at pushed out by an exponential backoff and the last
-- error, and after the cap 'failed' (an admin may resend it). priority puts
-- emergency call-outs first. A person may have an e-mail address.
-- Portable SQL as in 001.

ALTER TABLE notifications ADD COLUMN next_at BIGINT;
ALTER TABLE notifications ADD COLUMN last_error TEXT;
ALTER TABLE notifications ADD COLUMN sent_at BIGINT;
ALTER TABLE notifications ADD COLUMN lease_until BIGINT;
ALTER TABLE notifications ADD COLUMN lease_by TEXT;
ALTER TABLE notifications ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notifications_queue ON notifications(status, next_at);
ALTER TABLE people ADD COLUMN email TEXT;
