-- migrate:expand
-- AlterTable
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_pkey",
ADD CONSTRAINT "Comment_pkey" PRIMARY KEY ("id", "taskId"); -- expect: unique-constraint-build

-- RenameIndex
ALTER INDEX "Comment_taskId_createdAt_idx" RENAME TO "Comment_task_created_idx";
-- migrate:rollback irreversible
