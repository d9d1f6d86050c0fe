-- migrate:expand
CREATE INDEX ledger_entries_booked_idx ON ledger_entries (booked_at); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX IF EXISTS ledger_entries_booked_idx; -- expect: drop-index-not-concurrent
