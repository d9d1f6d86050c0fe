/*
  Warnings:

  - Added the required column `assigneeId` to the `Task` table without a default value. This is not possible if the table is not empty.

*/
-- migrate:expand
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "assigneeId" BIGINT NOT NULL; -- expect: add-column-required

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE; -- expect: constraint-not-valid, fk-without-index
-- migrate:rollback
ALTER TABLE "Task" DROP CONSTRAINT "Task_assigneeId_fkey";
ALTER TABLE "Task" DROP COLUMN "assigneeId";
