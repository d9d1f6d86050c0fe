-- 2024 is closed and archived; the partition leaves the table.
-- migrate:contract
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2024; -- expect: detach-partition-not-concurrent
-- migrate:rollback
ALTER TABLE ledger_entries ATTACH PARTITION ledger_entries_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
