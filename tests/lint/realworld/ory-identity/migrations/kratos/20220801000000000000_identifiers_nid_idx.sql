-- migrate:expand
-- expect-next: unused-allow
-- migrate:allow index-not-concurrent reason="identity_credential_identifiers has a few thousand rows in every deployment"
CREATE INDEX CONCURRENTLY IF NOT EXISTS "identity_credential_identifiers_nid_idx" ON "identity_credential_identifiers" ("identity_credential_id");
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "identity_credential_identifiers_nid_idx";
