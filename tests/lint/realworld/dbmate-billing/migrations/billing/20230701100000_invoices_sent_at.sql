-- migrate:up
alter table invoices add column sent_at timestamp; -- expect: prefer-timestamptz
alter table invoices add column reminder_count integer not null default 0;
alter table invoices add column country_code character(2); -- expect: avoid-char

-- migrate:down
alter table invoices drop column country_code;
alter table invoices drop column reminder_count;
alter table invoices drop column sent_at;
