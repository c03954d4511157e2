-- 019_org_links.sql - what a co-building link shares (issue 15).
--
-- A link (org_id -> other_org_id) is written by org_id's admins and lets
-- other_org_id's staff read what its kind says (domain/share.h):
-- co_building (activities, needs, volunteers' public profiles),
-- service_partner (activities, needs), volunteer_share (activities,
-- volunteers' public profiles), liaison (nothing). Links made before kinds
-- existed shared nothing and were made without consent to share, so they
-- become liaison. The index serves "which links name my org".

ALTER TABLE org_links ADD COLUMN kind TEXT NOT NULL DEFAULT 'liaison'
	CHECK (kind IN ('liaison', 'co_building', 'service_partner', 'volunteer_share'));
ALTER TABLE org_links ADD COLUMN updated_at BIGINT;
CREATE INDEX org_links_other ON org_links(other_org_id, org_id);
