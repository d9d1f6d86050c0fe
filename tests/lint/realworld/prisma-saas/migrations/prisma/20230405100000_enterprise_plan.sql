-- migrate:expand
-- AlterEnum
ALTER TYPE "Plan" ADD VALUE 'ENTERPRISE';

-- Move the big workspaces over (added by hand)
UPDATE "Workspace" SET "plan" = 'ENTERPRISE' WHERE "seats" > 500; -- expect: enum-value-same-transaction, unbatched-dml
-- migrate:rollback irreversible
