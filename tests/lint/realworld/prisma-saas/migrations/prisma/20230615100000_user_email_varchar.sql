-- migrate:expand
-- AlterTable
ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(320); -- expect: column-type-rewrite, prefer-text
-- migrate:rollback
ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE TEXT;
