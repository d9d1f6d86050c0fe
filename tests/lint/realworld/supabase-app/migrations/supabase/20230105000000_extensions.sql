-- migrate:expand
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_trgm with schema extensions;
-- migrate:rollback
drop extension if exists pg_trgm;
drop extension if exists "uuid-ossp";
