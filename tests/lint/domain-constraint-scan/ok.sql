-- migrate:expand
ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_check CHECK (VALUE > 0) NOT VALID;
-- migrate:rollback
ALTER DOMAIN positive_cents DROP CONSTRAINT positive_cents_check;

-- migrate:migrate
ALTER DOMAIN positive_cents VALIDATE CONSTRAINT positive_cents_check;
-- migrate:rollback

-- migrate:contract
CREATE DOMAIN iban AS text;
ALTER DOMAIN iban ADD CONSTRAINT iban_format CHECK (VALUE ~ '^[A-Z]{2}[0-9]{2}');
-- migrate:rollback
DROP DOMAIN iban;
