-- migrate:expand
ALTER TABLE "identities" ALTER COLUMN "nid" SET NOT NULL; -- expect: set-not-null-scan
-- migrate:rollback
ALTER TABLE "identities" ALTER COLUMN "nid" DROP NOT NULL;
