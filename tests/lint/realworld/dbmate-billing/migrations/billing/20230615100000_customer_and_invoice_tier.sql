-- Two tables, but no transaction: each statement commits on its own.
-- migrate:up transaction:false
alter table customers add column tier text;
alter table invoices add column tier text;

-- migrate:down transaction:false
alter table invoices drop column tier;
alter table customers drop column tier;
