-- migrate:up
create unique index concurrently if not exists customers_email_lower_key on customers (lower(email));

-- migrate:down
drop index concurrently if exists customers_email_lower_key;
