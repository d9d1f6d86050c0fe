-- migrate:up
alter table payments alter column amount_cents type numeric(14, 0); -- expect: column-type-rewrite

-- migrate:down
alter table payments alter column amount_cents type bigint; -- expect: column-type-rewrite
