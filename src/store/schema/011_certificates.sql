-- 011_certificates.sql - 志愿服务记录证明 (民政部令第67号 Art. 14-17, issue 12):
-- one row per certificate issued, with the hours it stated at issue, and the
-- service records it counted (certificate_records), so a later void of any
-- of them shows the certificate as revoked instead of changing its hours
-- (the id is for migrate-store's keyset copy).
-- `code` is the public verification code (80 random bits, base32),
-- `number` the printed certificate number. What the certificate states is
-- frozen at issue: the holder's name and volunteer number, the issuing
-- org's name (certificates) and each record's recording unit's name
-- (certificate_records.org_name), so a later rename never changes a
-- certificate already issued. Portable SQL as in 001.

CREATE TABLE certificates (
	id @PK@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	code TEXT NOT NULL,
	number TEXT NOT NULL,
	from_date TEXT NOT NULL,
	to_date TEXT NOT NULL,
	minutes BIGINT NOT NULL,
	school TEXT,
	issued_by_user_id BIGINT,
	issued_at BIGINT NOT NULL,
	holder_name TEXT NOT NULL,
	volunteer_no TEXT,
	issuer_name TEXT NOT NULL
);
CREATE UNIQUE INDEX certificates_code ON certificates(code);
CREATE UNIQUE INDEX certificates_number ON certificates(number);
CREATE INDEX certificates_volunteer ON certificates(volunteer_id, id);
CREATE INDEX certificates_org ON certificates(org_id);

CREATE TABLE certificate_records (
	id @PK@,
	certificate_id BIGINT NOT NULL REFERENCES certificates(id),
	record_id BIGINT NOT NULL REFERENCES service_records(id),
	org_name TEXT NOT NULL,
	UNIQUE (certificate_id, record_id)
);
CREATE INDEX certificate_records_record ON certificate_records(record_id);
