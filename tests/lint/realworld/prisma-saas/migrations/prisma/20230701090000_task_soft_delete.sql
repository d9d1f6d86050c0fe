-- migrate:expand
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "deletedAt" TIMESTAMP(3); -- expect: prefer-timestamptz

-- CreateIndex
CREATE INDEX "Task_deletedAt_idx" ON "Task"("deletedAt"); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX "Task_deletedAt_idx"; -- expect: drop-index-not-concurrent
ALTER TABLE "Task" DROP COLUMN "deletedAt";
