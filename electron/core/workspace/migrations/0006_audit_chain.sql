-- Audit trail, append-only and hash-chained. Each entry carries the SHA-256 of the previous one and
-- its own (over id, time, method, outcome, detail, OS user, hashes involved and the previous hash),
-- so an edited, removed or reordered entry breaks the chain at that point (`preflight doctor`).
-- Entries written before this migration keep sha256 NULL: the chain starts at the first new one.
ALTER TABLE audit ADD COLUMN user TEXT;
ALTER TABLE audit ADD COLUMN hashes_json TEXT;   -- {"sha256": "...", ...}: the hashes involved
ALTER TABLE audit ADD COLUMN prev_sha256 TEXT;
ALTER TABLE audit ADD COLUMN sha256 TEXT;

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
