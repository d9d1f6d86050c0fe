/*
  Warnings:

  - Added the required column `slug` to the `Project` table without a default value. This is not possible if the table is not empty.
  - A unique constraint covering the columns `[slug]` on the table `Project` will be added. If there are existing duplicate values, this will fail.

*/
-- expect-next: missing-rollback
-- migrate:expand
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "slug" TEXT NOT NULL; -- expect: add-column-required

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug"); -- expect: index-not-concurrent
