-- Saved by an editor on Windows: the file starts with a UTF-8 byte-order mark.
-- migrate:up
create table invoices ( -- expect: avoid-char
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  number text not null unique,
  status text not null default 'draft',
  amount_cents bigint not null,
  currency char(3) not null default 'EUR',
  issued_at timestamptz,
  due_at date
);
create index invoices_customer_id_idx on invoices (customer_id);

-- migrate:down
drop table invoices;
