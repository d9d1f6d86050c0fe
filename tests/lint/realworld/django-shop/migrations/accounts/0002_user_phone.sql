-- migrate:expand
BEGIN;
--
-- Add field phone to user
--
ALTER TABLE "accounts_user" ADD COLUMN "phone" varchar(32) NULL; -- expect: prefer-text
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_user" DROP COLUMN "phone" CASCADE;
COMMIT;
