-- migrate:contract
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2023 CONCURRENTLY;
DROP TABLE ledger_entries_2023;
-- migrate:rollback irreversible
