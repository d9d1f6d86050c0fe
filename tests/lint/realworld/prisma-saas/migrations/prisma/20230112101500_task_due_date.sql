-- migrate:expand
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "dueDate" TIMESTAMP(3); -- expect: prefer-timestamptz
-- migrate:rollback
ALTER TABLE "Task" DROP COLUMN "dueDate";
