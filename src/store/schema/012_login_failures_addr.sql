-- 012_login_failures_addr.sql - the client address of each failed sign-in
-- (issue 13): sign-ins are throttled per account and address (a growing
-- delay) and per address across accounts (against password spraying), so
-- that one address's failures cannot keep the owner out from another.
-- Rows from before have the address '' (their own bucket, aged out within
-- the login window). Failures older than the window are deleted with each
-- new one (login_failures_at). Portable SQL as in 001.

ALTER TABLE login_failures ADD COLUMN addr TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_addr ON login_failures(addr, at);
CREATE INDEX login_failures_user_addr ON login_failures(username, addr, at);
CREATE INDEX login_failures_at ON login_failures(at);
