-- Django adds the column with its default, then drops the default at the database level.
-- migrate:expand
BEGIN;
--
-- Add field is_verified to user
--
ALTER TABLE "accounts_user" ADD COLUMN "is_verified" boolean DEFAULT false NOT NULL;
ALTER TABLE "accounts_user" ALTER COLUMN "is_verified" DROP DEFAULT;
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_user" DROP COLUMN "is_verified" CASCADE;
COMMIT;
