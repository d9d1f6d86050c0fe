-- migrate:expand
ALTER TABLE "identities" ADD COLUMN "state" VARCHAR (255) NOT NULL DEFAULT 'active'; -- expect: prefer-text
ALTER TABLE "identities" ADD COLUMN "state_changed_at" timestamp; -- expect: prefer-timestamptz
-- migrate:rollback
ALTER TABLE "identities" DROP COLUMN "state_changed_at";
ALTER TABLE "identities" DROP COLUMN "state";
