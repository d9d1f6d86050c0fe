-- AddIndexConcurrently in a migration with atomic = False: no BEGIN/COMMIT.
-- migrate:expand
--
-- Concurrently create index accounts_us_is_veri_5c1e8a_idx on field(s) is_verified of model user
--
CREATE INDEX CONCURRENTLY "accounts_us_is_veri_5c1e8a_idx" ON "accounts_user" ("is_verified") WHERE "is_verified";
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "accounts_us_is_veri_5c1e8a_idx";
