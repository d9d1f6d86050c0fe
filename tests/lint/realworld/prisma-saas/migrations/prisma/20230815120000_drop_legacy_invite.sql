/*
  Warnings:

  - You are about to drop the `LegacyInvite` table. If the table is not empty, all the data it contains will be lost.

*/
-- expect-next: missing-rollback
-- migrate:expand
-- DropTable
DROP TABLE "LegacyInvite"; -- expect: destructive-outside-contract
