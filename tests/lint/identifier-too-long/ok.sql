-- migrate:expand
CREATE TABLE subscription_invoice_line_items (id bigint PRIMARY KEY, external_reference text, created_at timestamptz);
CREATE INDEX CONCURRENTLY sub_invoice_line_ext_ref_created_idx ON subscription_invoice_line_items (external_reference, created_at);
COMMENT ON TABLE subscription_invoice_line_items IS 'a comment may be as long as it likes, well past sixty-three bytes of text, since it is a constant';
-- 63 bytes once the doubled quote is read as one.
ALTER TABLE subscription_invoice_line_items ADD COLUMN "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""y" text;
-- migrate:rollback
DROP TABLE subscription_invoice_line_items;
