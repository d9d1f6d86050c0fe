-- migrate:up
create table payments ( -- expect: prefer-text
  id bigint generated always as identity primary key,
  invoice_id bigint not null references invoices (id),
  amount_cents bigint not null,
  paid_at timestamptz not null default now(),
  provider varchar(32) not null,
  provider_ref varchar(128)
);
create index payments_invoice_id_idx on payments (invoice_id);
create unique index payments_provider_ref_idx on payments (provider, provider_ref);

-- migrate:down
drop table payments;
