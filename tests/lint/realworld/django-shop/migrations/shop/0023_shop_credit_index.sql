-- The shop app indexes a column it added to the accounts app's table (see 0014).
-- migrate:expand
CREATE INDEX CONCURRENTLY "accounts_user_shop_credit_idx" ON "accounts_user" ("shop_credit") WHERE "shop_credit" IS NOT NULL; -- expect: cross-app-ownership
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "accounts_user_shop_credit_idx"; -- expect: cross-app-ownership
