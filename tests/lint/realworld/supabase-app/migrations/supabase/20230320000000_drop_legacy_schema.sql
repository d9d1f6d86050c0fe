-- migrate:contract
drop schema if exists legacy cascade;
-- migrate:rollback irreversible
