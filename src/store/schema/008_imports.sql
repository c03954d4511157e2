-- 008_imports.sql - import jobs (issue 11): one row per sheet uploaded to
-- POST /api/v1/imports or run by `liandong import`, with its options, its
-- progress and its outcome; the row errors as a JSON list. The file's bytes
-- are never stored. Portable SQL as in 001.

CREATE TABLE imports (
	id @PK@,
	kind TEXT NOT NULL,
	dry_run INTEGER NOT NULL,
	status TEXT NOT NULL,
	progress BIGINT NOT NULL DEFAULT 0,
	total BIGINT NOT NULL DEFAULT 0,
	created BIGINT NOT NULL DEFAULT 0,
	updated BIGINT NOT NULL DEFAULT 0,
	skipped BIGINT NOT NULL DEFAULT 0,
	rejected BIGINT NOT NULL DEFAULT 0,
	errors TEXT,
	message TEXT,
	filename TEXT,
	size BIGINT NOT NULL,
	format TEXT,
	on_existing TEXT NOT NULL,
	all_or_nothing INTEGER NOT NULL,
	lang TEXT NOT NULL,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	finished_at BIGINT
);
CREATE INDEX imports_created_by ON imports(created_by, id);
CREATE INDEX imports_status ON imports(status);
