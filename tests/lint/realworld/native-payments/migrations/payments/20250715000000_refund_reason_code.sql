-- "char" (quoted) is PostgreSQL's one-byte internal type, not char(n); varchar without a length is text.
-- migrate:expand
ALTER TABLE refunds ADD COLUMN reason_code "char";
ALTER TABLE refunds ADD COLUMN reason_text varchar;
ALTER TABLE refunds ADD COLUMN decided_at timestamp with time zone;
-- migrate:rollback
ALTER TABLE refunds DROP COLUMN IF EXISTS decided_at;
ALTER TABLE refunds DROP COLUMN IF EXISTS reason_text;
ALTER TABLE refunds DROP COLUMN IF EXISTS reason_code;
