-- migrate:expand
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "publicId" UUID NOT NULL DEFAULT gen_random_uuid(); -- expect: add-column-rewrite

-- CreateIndex
CREATE UNIQUE INDEX "Task_publicId_key" ON "Task"("publicId"); -- expect: index-not-concurrent
-- migrate:rollback
ALTER TABLE "Task" DROP COLUMN "publicId";
