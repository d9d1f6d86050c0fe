-- RunSQL in the shop app that changes the accounts app's table.
-- migrate:expand
BEGIN;
--
-- Raw SQL operation
--
ALTER TABLE "accounts_user" ADD COLUMN "shop_credit" numeric(10, 2) NULL; -- expect: cross-app-ownership
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_user" DROP COLUMN IF EXISTS "shop_credit"; -- expect: cross-app-ownership
COMMIT;
