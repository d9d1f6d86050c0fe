-- An index on a partitioned table: on the parent only, then concurrently per partition, then attached.
-- migrate:expand
CREATE INDEX IF NOT EXISTS ledger_entries_account_idx ON ONLY ledger_entries (account_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_2025_account_idx ON ledger_entries_2025 (account_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_2026_account_idx ON ledger_entries_2026 (account_id);
ALTER INDEX ledger_entries_account_idx ATTACH PARTITION ledger_entries_2025_account_idx;
ALTER INDEX ledger_entries_account_idx ATTACH PARTITION ledger_entries_2026_account_idx;
-- migrate:rollback
DROP INDEX IF EXISTS ledger_entries_account_idx; -- expect: drop-index-not-concurrent
