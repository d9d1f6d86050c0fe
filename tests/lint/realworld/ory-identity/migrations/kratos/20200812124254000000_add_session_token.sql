-- migrate:expand
ALTER TABLE "sessions" ADD COLUMN "token" VARCHAR (32); -- expect: prefer-text
UPDATE "sessions" SET "token" = "id"; -- expect: unbatched-dml
ALTER TABLE "sessions" ALTER COLUMN "token" TYPE VARCHAR (32); -- expect: prefer-text
ALTER TABLE "sessions" ALTER COLUMN "token" SET NOT NULL; -- expect: set-not-null-scan
CREATE UNIQUE INDEX "sessions_token_uq_idx" ON "sessions" (token); -- expect: index-not-concurrent
CREATE INDEX "sessions_token_idx" ON "sessions" (token); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX IF EXISTS "sessions_token_idx"; -- expect: drop-index-not-concurrent
DROP INDEX IF EXISTS "sessions_token_uq_idx"; -- expect: drop-index-not-concurrent
ALTER TABLE "sessions" DROP COLUMN "token";
