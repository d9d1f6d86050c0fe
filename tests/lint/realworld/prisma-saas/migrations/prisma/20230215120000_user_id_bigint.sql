-- migrate:expand
-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey";

-- AlterTable
ALTER TABLE "Membership" ALTER COLUMN "userId" SET DATA TYPE BIGINT; -- expect: column-type-rewrite

-- AlterTable
ALTER TABLE "User" DROP CONSTRAINT "User_pkey",
ALTER COLUMN "id" SET DATA TYPE BIGINT, -- expect: column-type-rewrite
ADD CONSTRAINT "User_pkey" PRIMARY KEY ("id"); -- expect: unique-constraint-build

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE; -- expect: constraint-not-valid, fk-without-index
-- migrate:rollback irreversible
