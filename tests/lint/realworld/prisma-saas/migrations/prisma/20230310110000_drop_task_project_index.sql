-- migrate:expand
-- DropIndex
DROP INDEX "Task_projectId_idx"; -- expect: drop-index-not-concurrent
-- migrate:rollback
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_projectId_idx" ON "Task"("projectId");
