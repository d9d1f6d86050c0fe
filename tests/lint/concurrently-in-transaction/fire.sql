-- migrate:expand
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- fires
COMMIT;
-- migrate:rollback
BEGIN;
DROP INDEX CONCURRENTLY users_email_idx; -- fires
COMMIT;

-- migrate:contract
-- migrate:no-transaction
DO $$
BEGIN
  CREATE INDEX CONCURRENTLY users_name_idx ON users (name); -- fires (a DO block is one transaction)
END $$;
-- migrate:rollback irreversible
