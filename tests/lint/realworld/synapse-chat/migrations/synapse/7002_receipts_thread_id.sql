-- Add a thread ID to receipts; the unique index that includes it is built by a background update.
-- migrate:expand
ALTER TABLE receipts_linearized ADD COLUMN thread_id TEXT;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (7002, 'receipts_linearized_unique_index', '{}');
-- migrate:rollback
ALTER TABLE receipts_linearized DROP COLUMN thread_id;
