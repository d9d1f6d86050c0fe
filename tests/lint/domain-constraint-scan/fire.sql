-- migrate:expand
ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_check CHECK (VALUE > 0); -- fires
ALTER DOMAIN cents SET NOT NULL; -- fires
-- migrate:rollback
ALTER DOMAIN positive_cents DROP CONSTRAINT positive_cents_check;
