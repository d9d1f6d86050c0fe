-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT positive; -- fires
-- migrate:rollback
ALTER TABLE orders DROP CONSTRAINT positive;
