-- Notary and its database are gone in 2.5.
-- migrate:contract
-- migrate:no-transaction
DROP TABLE IF EXISTS harbor_label;
ALTER TABLE project DROP COLUMN IF EXISTS deleted;
DROP DATABASE IF EXISTS notaryserver; -- expect: drop-database
DROP DATABASE IF EXISTS notarysigner; -- expect: drop-database
-- migrate:rollback irreversible
