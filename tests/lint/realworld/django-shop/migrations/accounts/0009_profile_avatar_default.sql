-- migrate:expand
BEGIN;
--
-- Alter field avatar on profile
--
ALTER TABLE "accounts_profile" ALTER COLUMN "avatar" SET DEFAULT 'avatars/default.png';
--
-- Add field last_seen to profile
--
ALTER TABLE "accounts_profile" ADD COLUMN "last_seen" timestamp with time zone DEFAULT now() NULL;
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_profile" DROP COLUMN "last_seen" CASCADE;
ALTER TABLE "accounts_profile" ALTER COLUMN "avatar" DROP DEFAULT;
COMMIT;
