-- migrate:expand
BEGIN;
--
-- Rename field bio on profile to about
--
ALTER TABLE "accounts_profile" RENAME COLUMN "bio" TO "about"; -- expect: breaking-rename
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_profile" RENAME COLUMN "about" TO "bio"; -- expect: breaking-rename
COMMIT;
