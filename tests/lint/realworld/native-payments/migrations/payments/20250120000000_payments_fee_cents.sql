-- fee_cents, derived from amount_cents: a trigger for what the old release writes, a backfill for the rest.
-- migrate:expand
ALTER TABLE payments ADD COLUMN fee_cents bigint;
CREATE FUNCTION payments_fill_fee_cents() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.fee_cents IS NULL THEN
    NEW.fee_cents := NEW.amount_cents * 29 / 1000 + 30;
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER payments_fill_fee_cents BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_fill_fee_cents();
-- migrate:rollback
DROP TRIGGER IF EXISTS payments_fill_fee_cents ON payments;
DROP FUNCTION IF EXISTS payments_fill_fee_cents();
ALTER TABLE payments DROP COLUMN IF EXISTS fee_cents;

-- migrate:migrate
-- migrate:backfill table=payments key=id batch=auto target=150ms
UPDATE payments SET fee_cents = amount_cents * 29 / 1000 + 30
 WHERE id > $1 AND id <= $2 AND fee_cents IS NULL;
-- migrate:check
SELECT id FROM payments WHERE fee_cents IS NULL;
-- migrate:rollback

-- migrate:contract
DROP TRIGGER payments_fill_fee_cents ON payments;
DROP FUNCTION payments_fill_fee_cents();
-- migrate:rollback
CREATE FUNCTION payments_fill_fee_cents() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.fee_cents IS NULL THEN
    NEW.fee_cents := NEW.amount_cents * 29 / 1000 + 30;
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER payments_fill_fee_cents BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_fill_fee_cents();
