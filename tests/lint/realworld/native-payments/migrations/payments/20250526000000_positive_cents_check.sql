-- migrate:expand
ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_check CHECK (VALUE > 0); -- expect: domain-constraint-scan
-- migrate:rollback
ALTER DOMAIN positive_cents DROP CONSTRAINT IF EXISTS positive_cents_check;
