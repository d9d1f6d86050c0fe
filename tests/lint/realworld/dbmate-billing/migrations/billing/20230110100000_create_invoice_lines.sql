-- migrate:up
create table invoice_lines ( -- expect: fk-without-index
  id bigint generated always as identity primary key,
  invoice_id bigint not null references invoices (id) on delete cascade,
  description text not null,
  quantity integer not null default 1,
  unit_cents bigint not null
);

-- migrate:down
drop table invoice_lines;
