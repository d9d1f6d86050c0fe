-- The follow-up of the status enum: the old flag was dropped in expand already; this release drops
-- the index Prisma no longer declares, in the contract phase.
-- migrate:contract
-- DropIndex
DROP INDEX CONCURRENTLY IF EXISTS "Task_status_idx";
-- migrate:rollback
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_idx" ON "Task"("status");
