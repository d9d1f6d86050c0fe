-- migrate:expand
-- AlterTable
ALTER TABLE "Task" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3); -- expect: column-type-rewrite:warning (timestamp to timestamptz: no rewrite only when the session TimeZone is UTC)
-- migrate:rollback
ALTER TABLE "Task" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMP(3); -- expect: column-type-rewrite:warning, prefer-timestamptz
