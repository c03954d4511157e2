-- 013_key_rotation.sql - which key the protected values (ID numbers, phones,
-- case notes) are sealed under, and the progress of `liandong rotate-key`
-- (issue 13). One row (id 1), written the first time a process opens the
-- store with its key file: key_id is the key new values are sealed under;
-- during a rotation prev_key_id is the key being retired and (tbl,
-- after_id) the last row re-sealed, so a rotation that was stopped resumes
-- where it was. Every server reads this row to pick up the new key.
-- Portable SQL as in 001.

CREATE TABLE key_state (
	id BIGINT PRIMARY KEY,
	key_id BIGINT NOT NULL,
	prev_key_id BIGINT,
	started_at BIGINT,
	finished_at BIGINT,
	tbl TEXT,
	after_id BIGINT NOT NULL DEFAULT 0
);
