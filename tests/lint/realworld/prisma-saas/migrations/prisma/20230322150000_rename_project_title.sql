-- migrate:expand
-- AlterTable (edited by hand from a drop + add to a rename, as the Prisma docs suggest)
ALTER TABLE "Project" RENAME COLUMN "title" TO "name"; -- expect: breaking-rename
-- migrate:rollback
ALTER TABLE "Project" RENAME COLUMN "name" TO "title"; -- expect: breaking-rename
