-- migrate:contract
BEGIN;
ALTER TABLE payment_events DETACH PARTITION payment_events_2025_01 CONCURRENTLY; -- expect: concurrently-in-transaction
COMMIT;
ALTER TABLE payment_events DETACH PARTITION payment_events_2025_02; -- expect: detach-partition-not-concurrent
-- migrate:rollback irreversible
