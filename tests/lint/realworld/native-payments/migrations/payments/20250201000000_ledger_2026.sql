-- A new partition attached the cheap way: built apart, with a CHECK that proves its bound.
-- migrate:expand
CREATE TABLE ledger_entries_2026 (LIKE ledger_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE ledger_entries_2026 ADD CONSTRAINT ledger_entries_2026_bound
  CHECK (booked_at >= '2026-01-01' AND booked_at < '2027-01-01');
ALTER TABLE ledger_entries ATTACH PARTITION ledger_entries_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- migrate:rollback
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2026 CONCURRENTLY;
DROP TABLE IF EXISTS ledger_entries_2026;
