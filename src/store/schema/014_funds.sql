-- 014_funds.sql - funds, donations and their double-entry ledger (issue
-- 14; 慈善法 as amended 2023-12-29). A fund belongs to an org and has a
-- manager; its purpose says whether its gifts are restricted (定向,
-- student aid) or not (不定向, pooled). The journal is append-only: an
-- entry has two or more lines, each a debit or a credit of one of the
-- fund's accounts, and the store refuses an entry whose debits and credits
-- differ (store/fund_store.c); a mistake is reversed by a new entry
-- (reverses_id). funds.balance_fen is the fund's cash, kept in the same
-- transaction as every entry that moves cash, and `liandong check-ledger`
-- proves it equals the cash the journal derives. Money is integer fen.
-- Portable SQL as in 001.

CREATE TABLE funds (
	id @PK@,
	name TEXT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	purpose TEXT NOT NULL,
	manager_user_id BIGINT NOT NULL REFERENCES users(id),
	description TEXT,
	standard_primary_fen BIGINT NOT NULL,
	standard_junior_fen BIGINT NOT NULL,
	standard_senior_fen BIGINT NOT NULL,
	balance_fen BIGINT NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
	created_by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX funds_org ON funds(org_id);

CREATE TABLE donations (
	id @PK@,
	fund_id BIGINT NOT NULL REFERENCES funds(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	amount_fen BIGINT NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 1000000000000),
	channel TEXT NOT NULL,
	donor_kind TEXT NOT NULL,
	donor_name TEXT,
	anonymous INTEGER NOT NULL DEFAULT 0,
	donor_person_id BIGINT REFERENCES people(id),
	received_on TEXT NOT NULL,
	purpose TEXT,
	platform TEXT,
	platform_ref TEXT,
	bank_ref TEXT,
	item_description TEXT,
	valued_by TEXT,
	valuation_basis TEXT,
	receipt_declined INTEGER NOT NULL DEFAULT 0,
	beneficiary_client_id BIGINT REFERENCES clients(id),
	no_interest_declared INTEGER NOT NULL DEFAULT 0,
	receipt_no TEXT,
	statement_code TEXT NOT NULL,
	status TEXT NOT NULL,
	void_reason TEXT,
	voided_at BIGINT,
	idem_key TEXT,
	recorded_by_user_id BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX donations_fund ON donations(fund_id, id);
CREATE INDEX donations_org ON donations(org_id, id);
CREATE INDEX donations_donor ON donations(donor_person_id);
CREATE INDEX donations_beneficiary ON donations(beneficiary_client_id);
-- a receipt number once per org; a platform's transaction once; a
-- retried request (Idempotency-Key) once per user
CREATE UNIQUE INDEX donations_receipt ON donations(receipt_no, org_id);
CREATE UNIQUE INDEX donations_platform_ref ON donations(platform_ref, platform);
-- the donor's statement code (Art. 42): 80 random bits
CREATE UNIQUE INDEX donations_statement ON donations(statement_code);
CREATE UNIQUE INDEX donations_idem ON donations(idem_key, recorded_by_user_id);

-- a student-aid client's school stage, and who is related to whom (the
-- Art. 40 check of a directed gift)
ALTER TABLE clients ADD COLUMN school_stage TEXT;
CREATE TABLE person_relations (
	id @PK@,
	of_person_id BIGINT NOT NULL REFERENCES people(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	kind TEXT NOT NULL,
	note TEXT,
	recorded_by_user_id BIGINT,
	created_at BIGINT NOT NULL,
	CHECK (of_person_id <> person_id)
);
CREATE UNIQUE INDEX person_relations_pair ON person_relations(person_id, of_person_id, kind);
CREATE INDEX person_relations_of ON person_relations(of_person_id);

-- student aid by semester: a run, each student's items (directed gifts
-- first, then the pool), and one payee row per student and semester, so a
-- student is never paid twice for a semester whatever the fund
CREATE TABLE semester_runs (
	id @PK@,
	fund_id BIGINT NOT NULL REFERENCES funds(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	semester TEXT NOT NULL,
	status TEXT NOT NULL,
	total_fen BIGINT NOT NULL,
	students BIGINT NOT NULL,
	unfunded BIGINT NOT NULL,
	proposed_by_user_id BIGINT,
	approved_by_user_id BIGINT,
	approved_at BIGINT,
	paid_by_user_id BIGINT,
	paid_at BIGINT,
	bank_ref TEXT,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX semester_runs_one ON semester_runs(semester, fund_id);
CREATE TABLE semester_run_items (
	id @PK@,
	run_id BIGINT NOT NULL REFERENCES semester_runs(id),
	client_id BIGINT NOT NULL REFERENCES clients(id),
	amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
	source TEXT NOT NULL,
	donation_id BIGINT REFERENCES donations(id)
);
CREATE INDEX semester_run_items_run ON semester_run_items(run_id, id);
CREATE INDEX semester_run_items_donation ON semester_run_items(donation_id);
CREATE TABLE semester_payees (
	id @PK@,
	client_id BIGINT NOT NULL REFERENCES clients(id),
	semester TEXT NOT NULL,
	run_id BIGINT NOT NULL REFERENCES semester_runs(id)
);
CREATE UNIQUE INDEX semester_payees_once ON semester_payees(client_id, semester);

CREATE TABLE journal_entries (
	id @PK@,
	fund_id BIGINT NOT NULL REFERENCES funds(id),
	kind TEXT NOT NULL,
	memo TEXT NOT NULL,
	ref_entity TEXT,
	ref_id BIGINT,
	reverses_id BIGINT REFERENCES journal_entries(id),
	amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
	created_by_user_id BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX journal_entries_fund ON journal_entries(fund_id, id);
CREATE INDEX journal_entries_ref ON journal_entries(ref_entity, ref_id);
-- an entry is reversed at most once
CREATE UNIQUE INDEX journal_entries_reverses ON journal_entries(reverses_id);

CREATE TABLE journal_lines (
	id @PK@,
	entry_id BIGINT NOT NULL REFERENCES journal_entries(id),
	fund_id BIGINT NOT NULL REFERENCES funds(id),
	account TEXT NOT NULL,
	debit_fen BIGINT NOT NULL CHECK (debit_fen >= 0),
	credit_fen BIGINT NOT NULL CHECK (credit_fen >= 0),
	CHECK ((debit_fen = 0) <> (credit_fen = 0))
);
CREATE INDEX journal_lines_entry ON journal_lines(entry_id);

-- a platform's statement imported into a fund (kind=donations): the job
-- keeps its options like the others. No REFERENCES: migrate-store copies
-- imports (008) before funds, and the job is a record of what was asked.
ALTER TABLE imports ADD COLUMN fund_id BIGINT;
ALTER TABLE imports ADD COLUMN platform TEXT;
CREATE INDEX journal_lines_fund ON journal_lines(fund_id, account);
