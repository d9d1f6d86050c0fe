-- migrate:expand
-- migrate:no-transaction
ALTER TABLE accounts ADD CONSTRAINT accounts_currency_iso CHECK (currency ~ '^[A-Z]{3}$') NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_currency_iso;
-- migrate:rollback
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_currency_iso;
