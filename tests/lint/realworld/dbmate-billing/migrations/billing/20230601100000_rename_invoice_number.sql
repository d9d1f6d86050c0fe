-- migrate:up
alter table invoices rename column number to invoice_number; -- expect: breaking-rename

-- migrate:down
alter table invoices rename column invoice_number to number; -- expect: breaking-rename
