-- 016_linkage.sql - the linkage itself (issue 15).
--
-- qualification_rules: the qualification a platform admin set for a kind
-- of work, where it differs from the default of domain/qualify.h (a work
-- with no row needs its default). `work` and `min_qualification` are the
-- API names of domain/qualify.h; who changed it and when. Portable SQL as
-- in 001.

CREATE TABLE qualification_rules (
	work TEXT PRIMARY KEY,
	min_qualification TEXT NOT NULL CHECK (min_qualification IN ('none', 'assistant', 'intermediate', 'senior')),
	updated_at BIGINT NOT NULL,
	updated_by_user_id BIGINT REFERENCES users(id)
);
