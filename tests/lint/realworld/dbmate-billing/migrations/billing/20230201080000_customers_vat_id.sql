-- migrate:up
alter table customers add column vat_id text;

-- migrate:down
alter table customers drop column vat_id;
