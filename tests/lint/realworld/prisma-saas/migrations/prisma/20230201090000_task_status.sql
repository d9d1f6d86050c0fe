/*
  Warnings:

  - You are about to drop the column `done` on the `Task` table. All the data in the column will be lost.

*/
-- migrate:expand
-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('TODO', 'DOING', 'DONE');

-- AlterTable
ALTER TABLE "Task" DROP COLUMN "done", -- expect: destructive-outside-contract
ADD COLUMN     "status" "TaskStatus" NOT NULL DEFAULT 'TODO';
-- migrate:rollback irreversible
