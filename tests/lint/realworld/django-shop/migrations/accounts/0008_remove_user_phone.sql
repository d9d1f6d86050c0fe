-- The phone column moved to the profile two releases ago; dropped once nothing reads it.
-- migrate:contract
BEGIN;
--
-- Remove field phone from user
--
ALTER TABLE "accounts_user" DROP COLUMN "phone" CASCADE;
COMMIT;
-- migrate:rollback irreversible
