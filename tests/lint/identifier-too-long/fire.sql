-- migrate:expand
CREATE TABLE subscription_invoice_line_items (id bigint PRIMARY KEY, external_reference text, created_at timestamptz);
CREATE INDEX CONCURRENTLY subscription_invoice_line_items_external_reference_created_at_idx ON subscription_invoice_line_items (external_reference, created_at); -- fires
ALTER TABLE subscription_invoice_line_items ADD COLUMN a_column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit text; -- fires
-- migrate:rollback
DROP INDEX CONCURRENTLY subscription_invoice_line_items_external_reference_created_at_idx; -- fires (a reference is truncated too)
DROP TABLE subscription_invoice_line_items;
