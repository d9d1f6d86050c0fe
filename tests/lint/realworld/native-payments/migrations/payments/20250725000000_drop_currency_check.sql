-- Currencies may be any code from now on: the CHECK goes, but in expand, while the old release may rely on it.
-- migrate:expand
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_currency_iso;
-- migrate:rollback
ALTER TABLE accounts ADD CONSTRAINT accounts_currency_iso CHECK (currency ~ '^[A-Z]{3}$') NOT VALID;

-- migrate:contract
ALTER TABLE refunds DROP CONSTRAINT IF EXISTS refunds_amount_nonzero;
-- migrate:rollback
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_nonzero CHECK (amount_cents <> 0) NOT VALID;
