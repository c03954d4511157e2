-- 022_replies.sql - replies and preferences (issue 17): what a person wants
-- to hear on which channel and when, and the ways back in. A volunteer
-- answers a call-out by SMS through the gateway's signed inbound webhook
-- (every inbound message is kept, with what became of it) or by a signed,
-- single-use link in an e-mail. Portable SQL as in 001.

-- One row per account: the channels it takes (1/0) and its quiet hours, in
-- minutes after midnight China time (Asia/Shanghai, no DST); start = end
-- means none. person_id is the account's person, copied so a notification
-- to a person finds its preferences without a join.
CREATE TABLE notify_prefs (
	user_id BIGINT PRIMARY KEY REFERENCES users(id),
	person_id BIGINT REFERENCES people(id),
	sms INTEGER NOT NULL DEFAULT 1,
	email INTEGER NOT NULL DEFAULT 1,
	inbox INTEGER NOT NULL DEFAULT 1,
	quiet_start INTEGER,
	quiet_end INTEGER,
	updated_at BIGINT NOT NULL
);
CREATE INDEX notify_prefs_person ON notify_prefs(person_id);

-- Replay protection of signed webhooks: a (timestamp, signature) pair is
-- taken once; rows older than the accepted clock skew are pruned.
CREATE TABLE webhook_nonces (
	signature TEXT PRIMARY KEY,
	ts BIGINT NOT NULL,
	seen_at BIGINT NOT NULL
);
CREATE INDEX webhook_nonces_seen ON webhook_nonces(seen_at);

-- Every inbound SMS: the sender's phone sealed and its lookup hash (never
-- in clear), the text, the gateway's message id (a retry with the same id is
-- taken once), the call-out it answered and the outcome (accepted,
-- declined, unchanged, refused, unrecognised, unmatched).
CREATE TABLE sms_inbound (
	id @PK@,
	gateway_id TEXT UNIQUE,
	phone_enc TEXT,
	phone_hash TEXT,
	body TEXT NOT NULL,
	person_id BIGINT REFERENCES people(id),
	callout_id BIGINT REFERENCES callouts(id),
	outcome TEXT NOT NULL,
	detail TEXT,
	received_at BIGINT NOT NULL
);
CREATE INDEX sms_inbound_callout ON sms_inbound(callout_id);

-- The answer links of call-out e-mails: only the keyed hash of the token
-- (32 random bytes, base64url) is kept; single use (used_at), expiring with
-- the call-out's incident.
CREATE TABLE reply_tokens (
	id @PK@,
	token_hash TEXT NOT NULL UNIQUE,
	notification_id BIGINT REFERENCES notifications(id),
	callout_id BIGINT NOT NULL REFERENCES callouts(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	expires_at BIGINT NOT NULL,
	used_at BIGINT,
	answer TEXT,
	created_at BIGINT NOT NULL
);
CREATE INDEX reply_tokens_callout ON reply_tokens(callout_id);
