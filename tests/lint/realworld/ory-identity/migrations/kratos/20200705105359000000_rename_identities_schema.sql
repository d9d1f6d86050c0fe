-- migrate:expand
ALTER TABLE "identities" RENAME COLUMN "traits_schema_id" TO "schema_id"; -- expect: breaking-rename
-- migrate:rollback
ALTER TABLE "identities" RENAME COLUMN "schema_id" TO "traits_schema_id"; -- expect: breaking-rename
