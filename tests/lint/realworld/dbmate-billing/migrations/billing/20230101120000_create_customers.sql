-- migrate:up
create table customers ( -- expect: prefer-identity, avoid-char
  id bigserial primary key,
  email text not null,
  name text,
  country char(2),
  created_at timestamptz not null default now()
);

-- migrate:down
drop table customers;
