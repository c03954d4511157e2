-- 007_signup_decision_note.sql - the note given with a sign-up's decision
-- (accept, reject, cancel: why, or what the volunteer should know), kept on
-- the sign-up beside who decided and when. Portable SQL as in 001.

ALTER TABLE signups ADD COLUMN decision_note TEXT;
