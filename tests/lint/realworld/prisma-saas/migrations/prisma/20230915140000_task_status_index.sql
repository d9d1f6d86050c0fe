-- Edited by hand: Prisma writes CREATE INDEX; the team adds CONCURRENTLY for big tables.
-- migrate:expand
-- CreateIndex
CREATE INDEX CONCURRENTLY "Task_status_idx" ON "Task"("status");
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "Task_status_idx";
