-- No down section: dbmate allows it, migrate wants a rollback (or an explicit irreversible).
-- expect-next: missing-rollback
-- migrate:up
alter table invoices add column paid_at timestamptz;
