-- migrate:expand
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "archived" BOOLEAN NOT NULL DEFAULT false;
-- migrate:rollback
ALTER TABLE "Project" DROP COLUMN "archived";
