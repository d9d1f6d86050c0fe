-- pg_graphql replaced the old graphql_public schema.
-- migrate:expand
drop schema if exists graphql_public cascade; -- expect: destructive-outside-contract
-- migrate:rollback irreversible
