-- migrate:expand
ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_limit CHECK (VALUE < 100000000000) NOT VALID;
-- migrate:rollback
ALTER DOMAIN positive_cents DROP CONSTRAINT IF EXISTS positive_cents_limit;
