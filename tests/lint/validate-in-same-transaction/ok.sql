-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;
-- migrate:rollback
ALTER TABLE orders DROP CONSTRAINT positive;

-- migrate:migrate
ALTER TABLE orders VALIDATE CONSTRAINT positive;
-- migrate:rollback

-- migrate:contract
-- migrate:no-transaction
ALTER TABLE orders ADD CONSTRAINT small CHECK (total < 1000000) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT small;
-- migrate:rollback irreversible
